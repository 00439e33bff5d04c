import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { pluginsBlock } from "../support/native";
import { PulumiProject, consumerRoot, emulatorConfig } from "../support/pulumi";

/**
 * What `pulumi preview` must say before any API call, for a TypeScript program (dynamic
 * resources) and a YAML program (the native plugin) alike: missing credentials and a setting that
 * cannot work fail the preview naming the setting (README, Troubleshooting and "Configuration and
 * credentials"); and the provider's warnings reach the preview from the native plugin too (found
 * by an independent tester: the plugin dropped every warning and progress line, as its log had no
 * engine to send them to).
 */
const dswArgs = {
    workspaceId: "40823",
    instanceName: "preview_checks",
    ecsSpec: "ecs.c6.large",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
};

const tsProgram = `
const { dsw } = require("pulumi-notebooks");
new dsw.Instance("nb", ${JSON.stringify(dswArgs)});
`;

const yamlProgram = (ecsSpec: string) => `name: preview-checks-yaml
runtime: yaml
${pluginsBlock}resources:
  nb:
    type: notebooks:dsw:Instance
    properties:
      workspaceId: "40823"
      instanceName: preview_checks_native
      ecsSpec: ${ecsSpec}
      imageUrl: ${dswArgs.imageUrl}
`;

describe("e2e: pulumi preview checks the provider's settings and shows its warnings (TypeScript and YAML programs)", function () {
    this.timeout(300_000);
    let t: TestEmulator;
    let ts: PulumiProject;
    let yaml: PulumiProject;
    const { config, secrets } = emulatorConfig("http://placeholder");

    before(async () => {
        t = await startTestEmulator();
        // Only the endpoint: no keys in config, and none in the environment (a home of its own, see support/pulumi.ts).
        ts = await PulumiProject.create("preview-checks", tsProgram, { config: { "notebooks:dswEndpoint": t.url } });
        const dir = fs.mkdtempSync(path.join(consumerRoot(), "preview-checks-yaml-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yamlProgram("ecs.c6.large"));
        yaml = await PulumiProject.inDir(dir, { config: { "notebooks:dswEndpoint": t.url } });
    });
    after(() => t?.close());

    const refused = async (proj: PulumiProject, pattern: RegExp) => {
        const calls = (await t.admin.counters()).total;
        const pv = await proj.run(["preview"]);
        assert.notEqual(pv.code, 0, pv.output);
        assert.match(pv.output, pattern);
        assert.equal((await t.admin.counters()).total, calls, "no API call");
        return pv.output;
    };

    for (const [kind, proj] of [
        ["TypeScript (dynamic resources)", () => ts],
        ["YAML (native plugin)", () => yaml],
    ] as const) {
        it(`${kind}: missing credentials fail the preview, before any API call`, async () => {
            await refused(proj(), /has a problem: DSW credentials are missing: set `pulumi config set notebooks:dswAccessKeyId/);
        });

        it(`${kind}: a poll setting that is not a number fails the preview, naming it`, async () => {
            await proj().must(["config", "set-all", "--plaintext", `notebooks:dswAccessKeyId=${config["notebooks:dswAccessKeyId"]}`]);
            await proj().must(["config", "set-all", "--secret", `notebooks:dswAccessKeySecret=${secrets["notebooks:dswAccessKeySecret"]}`]);
            await proj().must(["config", "set", "notebooks:pollMinDelayMs", "notanumber"]);
            const out = await refused(proj(), /notebooks:pollMinDelayMs must be a number of milliseconds, at least 1; got "notanumber"/);
            assert.ok(!out.includes(secrets["notebooks:dswAccessKeySecret"]), "no secret echoed");
            await proj().must(["config", "rm", "notebooks:pollMinDelayMs"]);
        });
    }

    it("YAML (native plugin): the preview of an in-place update that stops a running notebook warns about it", async () => {
        await yaml.up();
        fs.writeFileSync(path.join(yaml.dir, "Pulumi.yaml"), yamlProgram("ecs.g6.xlarge"));
        const pv = await yaml.must(["preview", "--diff"]);
        assert.match(pv.output, /warning: updating ecsSpec stops the running notebook first/, pv.output);
        await yaml.must(["destroy", "--yes", "--skip-preview"]);
    });
});
