import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { genSdk, pluginsBlock } from "../support/native";
import { PulumiProject, consumerRoot, emulatorConfig } from "../support/pulumi";

/**
 * A TypeScript program on the native provider, through the SDK `pulumi package gen-sdk --language
 * nodejs` makes from sdk/native/schema.json (not the dynamic resources): an explicit provider
 * instance carries the keys and endpoint (the stack has no `notebooks:*` settings at all), and
 * `pulumi import --provider` adopts a live notebook under it.
 */
const program = `import * as pulumi from "@pulumi/pulumi";
import * as notebooks from "./sdk/nodejs";

const cfg = new pulumi.Config();
const account = new notebooks.Provider("account", {
    dswEndpoint: cfg.require("dswEndpoint"),
    dswAccessKeyId: cfg.require("dswAccessKeyId"),
    dswAccessKeySecret: cfg.requireSecret("dswAccessKeySecret"),
});
const nb = new notebooks.dsw.Instance("nb", {
    workspaceId: "40823",
    instanceName: "native_ts_nb",
    ecsSpec: "ecs.c6.large",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
    idleCuller: { maxIdleTimeInMinutes: 45 },
}, { provider: account });
export const id = nb.id;
`;

describe("e2e native plugin: a TypeScript program on the generated nodejs SDK (explicit provider, import under it)", function () {
    this.timeout(600_000);
    let t: TestEmulator;
    let proj: PulumiProject;
    const { config, secrets } = emulatorConfig("http://placeholder");

    before(async () => {
        t = await startTestEmulator();
        const dir = fs.mkdtempSync(path.join(consumerRoot(), "native-ts-"));
        await genSdk("nodejs", path.join(dir, "sdk"));
        // The nodejs generator of the host built here (the 3.163.0 release, driven by the 3.248 CLI)
        // writes every file of a sub-folder (dsw/, modelarts/, config/, types/) with the package
        // root as "./" (`from "./utilities"`, `from "./types/input"`): those relative imports are
        // moved one level up, nothing else is touched. See the report of issue 25.
        const sdk = path.join(dir, "sdk/nodejs");
        for (const sub of fs.readdirSync(sdk, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "node_modules")) {
            for (const f of fs.readdirSync(path.join(sdk, sub.name)).filter((x) => x.endsWith(".ts"))) {
                const file = path.join(sdk, sub.name, f);
                fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/from "\.\/(utilities|types\/)/g, 'from "../$1'));
            }
        }
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: native-ts\nruntime: nodejs\ndescription: e2e test\n${pluginsBlock}`);
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "native-ts", main: "index.ts" }));
        fs.writeFileSync(path.join(dir, "index.ts"), program);
        proj = await PulumiProject.inDir(dir, {
            config: { dswEndpoint: t.url, dswAccessKeyId: config["notebooks:dswAccessKeyId"] },
            secrets: { dswAccessKeySecret: secrets["notebooks:dswAccessKeySecret"] },
        });
    });
    after(() => t?.close());

    it("creates the notebook through an explicit provider whose keys are stored as secrets", async () => {
        await proj.up();
        const state = await proj.exportState();
        const resources = state.deployment.resources ?? [];
        const provider = resources.find((r) => r.type === "pulumi:providers:notebooks");
        const nb = resources.find((r) => r.type === "notebooks:dsw:Instance") as { id?: string; provider?: string } | undefined;
        assert.ok(provider && nb?.id, "an explicit notebooks provider and the instance are in state");
        assert.match(provider.urn, /::account$/);
        assert.ok(nb.provider?.startsWith(`${provider.urn}::`), `the instance uses the explicit provider (${nb.provider})`);
        assert.equal(provider.inputs?.dswEndpoint, t.url);
        // The secret provider input is ciphertext in state (Configure accepted it as a secret).
        assert.equal(
            (provider.inputs?.dswAccessKeySecret as { [k: string]: unknown })?.["4dabf18193072939515e22adb298388d"],
            "1b47061264138c4ac30d75fd1eb44270",
        );
        const live = await t.admin.dswInstance(nb.id);
        assert.equal((live.IdleInstanceCuller as { MaxIdleTimeInMinutes?: number }).MaxIdleTimeInMinutes, 45);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("imports the live notebook by id under the explicit provider (pulumi import --provider name=<urn>); the program then previews clean", async () => {
        const [nb] = await proj.resources("notebooks:dsw:Instance");
        const [provider] = await proj.resources("pulumi:providers:notebooks");
        await proj.must(["state", "delete", nb.urn, "--yes"]);
        // The flag takes the provider's URN, not a provider reference (`<urn>::<id>`): the CLI
        // refuses a reference, and a URN not in state would plan a new provider without inputs
        // (pkg/engine: deploy/import.go registerProviders; cmd/pulumi/operations/import.go).
        const imp = await proj.must([
            "import",
            "notebooks:dsw:Instance",
            "nb",
            String(nb.id),
            "--provider",
            `account=${provider.urn}`,
            "--yes",
            "--protect=false",
        ]);
        assert.doesNotMatch(imp.stdout, /pulumi:providers:notebooks\s+account\s+create/, "the provider in state is used, not a new one");
        const [adopted] = await proj.resources("notebooks:dsw:Instance");
        assert.equal(adopted.id, nb.id, "the same notebook");
        assert.ok(String(adopted.provider).startsWith(`${provider.urn}::`), `imported under the explicit provider (${adopted.provider})`);
        assert.equal((await t.admin.dswInstances()).length, 1, "nothing created");
        await proj.must(["preview", "--expect-no-changes"]);
    });

    it("destroys the notebook through the explicit provider", async () => {
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
    });
});
