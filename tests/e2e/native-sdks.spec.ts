import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { genSdk, schemaFile } from "../support/native";
import { toolchain } from "../support/pulumi";

const run = promisify(execFile);
/** A 1×1 PNG. */
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/** Every file under `dir` whose name ends with `ext`. */
function filesOf(dir: string, ext: string): string[] {
    return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(ext));
}

const has = (cmd: string) =>
    run("sh", ["-c", `command -v ${cmd}`]).then(
        () => true,
        () => false,
    );

/**
 * The Python, .NET and Java SDKs `pulumi package gen-sdk` makes from sdk/native/schema.json, checked
 * as far as this machine allows: their package registries (PyPI, NuGet, Maven Central) are
 * unreachable, so no program in those languages runs here. What is checked: each generator runs
 * and writes every resource and function; the Python compiles (`py_compile`, not imported: the
 * `pulumi` Python package is not installable); the Java parses (`javac` reports only the missing
 * com.pulumi classes, no syntax error); the C# is not compiled (no dotnet toolchain here).
 */
describe("e2e native plugin: SDKs for Python, .NET and Java (generated, checked offline)", function () {
    this.timeout(300_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "pn-native-sdks-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    const host = (lang: string) => {
        const bin = path.join(toolchain().bin, `pulumi-language-${lang}`);
        assert.ok(fs.existsSync(bin), `${bin} is missing: scripts/pulumi-toolchain.sh builds it (toolchain/language-${lang})`);
    };

    it("python: gen-sdk writes the package and every module compiles", async () => {
        host("python");
        await genSdk("python", out);
        const pkg = path.join(out, "python/pulumi_notebooks");
        for (const f of [
            "dsw/instance.py",
            "dsw/get_instances.py",
            "modelarts/notebook.py",
            "modelarts/notebook_v2.py",
            "modelarts/get_notebooks_v2.py",
            "provider.py",
        ]) {
            assert.ok(fs.existsSync(path.join(pkg, f)), f);
        }
        assert.match(fs.readFileSync(path.join(pkg, "dsw/instance.py"), "utf8"), /class Instance\(pulumi\.CustomResource\)/);
        const py = filesOf(pkg, ".py").map((f) => path.join(pkg, f));
        await run("python3", ["-m", "py_compile", ...py]);
        assert.ok(py.length >= 10, `${py.length} Python files compiled`);
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(pkg, "pulumi-plugin.json"), "utf8")), { resource: true, name: "notebooks", version: "0.3.0" });
    });

    it("dotnet: gen-sdk writes the project with every resource and function (not compiled: no dotnet here)", async () => {
        host("dotnet");
        // pulumi-dotnet's generator always downloads the package logo (codegen/gen.go getLogo, a
        // GitHub URL when the schema has no logoUrl); offline, a local server hands it one.
        const logo = http.createServer((_req, res) => res.end(Buffer.from(PNG_1X1, "base64")));
        await new Promise<void>((resolve) => logo.listen(0, "127.0.0.1", resolve));
        try {
            const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
            schema.logoUrl = `http://127.0.0.1:${(logo.address() as AddressInfo).port}/logo.png`;
            const local = path.join(out, "schema-with-local-logo.json");
            fs.writeFileSync(local, JSON.stringify(schema));
            await genSdk("dotnet", out, {}, local);
        } finally {
            logo.close();
        }
        const dir = path.join(out, "dotnet");
        const cs = filesOf(dir, ".cs");
        for (const f of [
            "Dsw/Instance.cs",
            "Dsw/GetInstances.cs",
            "Modelarts/Notebook.cs",
            "Modelarts/NotebookV2.cs",
            "Modelarts/GetNotebooksV2.cs",
            "Provider.cs",
        ]) {
            assert.ok(cs.includes(f), `${f} in ${cs.join(", ")}`);
        }
        assert.match(fs.readFileSync(path.join(dir, "Dsw/Instance.cs"), "utf8"), /\[NotebooksResourceType\("notebooks:dsw:Instance"\)\]/);
        assert.ok(filesOf(dir, ".csproj").length === 1, "one .csproj");
        assert.equal(await has("dotnet"), false, "a dotnet toolchain appeared: compile the SDK in this test");
    });

    it("java: gen-sdk writes the sources and javac finds no syntax error (the Maven classes are unavailable)", async () => {
        host("java");
        await genSdk("java", out);
        const src = path.join(out, "java/src/main/java");
        const java = filesOf(src, ".java").map((f) => path.join(src, f));
        assert.ok(
            java.some((f) => f.endsWith("io/pulumi_notebooks/notebooks/dsw/Instance.java")),
            "dsw Instance.java",
        );
        assert.ok(await has("javac"), "javac is on this machine");
        const r = await run("javac", ["-d", path.join(out, "classes"), "-proc:none", "-Xmaxerrs", "100000", ...java]).then(
            () => ({ stderr: "" }),
            (e: { stderr: string }) => ({ stderr: e.stderr }),
        );
        const errors = [...r.stderr.matchAll(/error: (.*)$/gm)].map((m) => m[1]);
        assert.ok(errors.length > 0, "javac cannot resolve com.pulumi (if it now can, assert a clean compile)");
        // No parse error (javac's syntax messages); every error is about names it cannot resolve,
        // since the Pulumi Java SDK and jsr305 (javax.annotation) are on Maven Central, unreachable here.
        const syntax = errors.filter((e) => /expected$|illegal start|unclosed|not a statement|reached end of file|illegal character/.test(e));
        assert.deepEqual(syntax, []);
        assert.ok(
            errors.some((e) => /^package com\.pulumi[\w.]* does not exist$/.test(e)),
            "the missing Pulumi Java SDK is what javac reports",
        );
    });
});
