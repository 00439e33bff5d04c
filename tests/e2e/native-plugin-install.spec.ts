/**
 * `pulumi plugin install resource notebooks <version> --file …` with the launcher the npm package
 * carries, into a PULUMI_HOME of its own: the engine then finds the plugin the usual way (no
 * `plugins.providers` path), and the installed plugin serves the committed schema.
 */
import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { installedPackageDir, toolchain } from "../support/pulumi";
import { repo, schemaFile } from "../support/native";

const run = promisify(execFile);

describe("e2e native plugin: pulumi plugin install --file with the packed launcher", function () {
    this.timeout(300_000);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pn-plugin-install-"));
    after(() => fs.rmSync(work, { recursive: true, force: true }));
    const version = (JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string }).version;

    it("the npm package carries the launcher (files, bin) and the schema", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as { bin: Record<string, string> };
        assert.equal(pkg.bin["pulumi-resource-notebooks"], "bin/pulumi-resource-notebooks");
        const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: repo, encoding: "utf8" })) as Array<{
            files: Array<{ path: string; mode: number }>;
        }>;
        const launcher = packed[0].files.find((f) => f.path === "bin/pulumi-resource-notebooks");
        assert.ok(launcher, "bin/pulumi-resource-notebooks is packed");
        assert.ok(launcher.mode & 0o100, "and executable");
        for (const f of ["sdk/native/schema.json", "dist/provider/native/main.js"])
            assert.ok(
                packed[0].files.some((x) => x.path === f),
                f,
            );
    });

    it("installs with pulumi plugin install and serves the committed schema", async () => {
        const home = path.join(work, "home");
        fs.mkdirSync(home);
        // The plugin archive: the launcher, and where the installed package (with its dependencies) is.
        const stage = path.join(work, "stage");
        fs.mkdirSync(stage);
        const pkgDir = installedPackageDir();
        fs.cpSync(path.join(repo, "bin/pulumi-resource-notebooks"), path.join(stage, "pulumi-resource-notebooks"));
        fs.writeFileSync(path.join(stage, "package-dir"), pkgDir);
        const archive = path.join(work, `pulumi-resource-notebooks-v${version}.tar.gz`);
        execFileSync("tar", ["-czf", archive, "-C", stage, "pulumi-resource-notebooks", "package-dir"]);

        const tc = toolchain();
        const env = { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" };
        const pulumi = (args: string[]) => run(path.join(tc.bin, "pulumi"), args, { env, cwd: work, maxBuffer: 16 << 20 });
        await pulumi(["plugin", "install", "resource", "notebooks", version, "--file", archive]);
        const ls = JSON.parse((await pulumi(["plugin", "ls", "--json"])).stdout) as Array<{ name: string; kind: string; version: string }>;
        assert.deepEqual(
            ls.filter((p) => p.name === "notebooks").map((p) => [p.kind, p.version]),
            [["resource", version]],
        );
        // get-schema prints the schema as Pulumi binds it (normalised), so compare what it declares.
        const summary = (s: { name: string; version: string; resources: object; functions: object; types: object; config: { variables: object } }) => ({
            name: s.name,
            version: s.version,
            resources: Object.keys(s.resources).sort(),
            functions: Object.keys(s.functions).sort(),
            types: Object.keys(s.types).sort(),
            config: Object.keys(s.config.variables).sort(),
        });
        const served = JSON.parse((await pulumi(["package", "get-schema", `notebooks@${version}`])).stdout);
        assert.deepEqual(summary(served), summary(JSON.parse(fs.readFileSync(schemaFile, "utf8"))));
    });
});
