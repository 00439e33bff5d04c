import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { consoleDswClient, consoleSetIdleLimit, pluginsBlock } from "../support/native";
import { PulumiProject, consumerRoot, emulatorConfig } from "../support/pulumi";

const NAME = "native_yaml_nb";

/** A YAML program on the native plugin (found through `plugins.providers`, as a local build is). */
const program = (maxIdle: number, ecsSpec = "ecs.c6.large") => `name: native-yaml
runtime: yaml
${pluginsBlock}resources:
  nb:
    type: notebooks:dsw:Instance
    properties:
      workspaceId: "40823"
      instanceName: ${NAME}
      ecsSpec: ${ecsSpec}
      imageUrl: registry.cn-hangzhou.aliyuncs.com/pai/py:3.10
      idleCuller:
        maxIdleTimeInMinutes: ${maxIdle}
outputs:
  id: \${nb.id}
`;

describe("e2e native plugin: a YAML program (up, console drift, repair, import, destroy)", function () {
    this.timeout(600_000);
    let t: TestEmulator;
    let proj: PulumiProject;
    const { config, secrets } = emulatorConfig("http://placeholder");

    before(async () => {
        t = await startTestEmulator();
        const dir = fs.mkdtempSync(path.join(consumerRoot(), "native-yaml-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(60));
        proj = await PulumiProject.inDir(dir, {
            config: { ...config, "notebooks:dswEndpoint": t.url, "notebooks:modelartsEndpoint": t.url },
            secrets,
        });
    });
    after(() => t?.close());

    const write = (text: string) => fs.writeFileSync(path.join(proj.dir, "Pulumi.yaml"), text);

    it("creates the notebook with the native type token, then shows console drift at the nested path and repairs it", async () => {
        await proj.up();
        const [res] = await proj.resources("notebooks:dsw:Instance");
        assert.ok(res?.id, "the native resource is in state");
        assert.equal(res.type, "notebooks:dsw:Instance");
        const live = await t.admin.dswInstance(res.id);
        assert.equal((live.IdleInstanceCuller as { MaxIdleTimeInMinutes?: number } | undefined)?.MaxIdleTimeInMinutes, 60);

        // A console user changes the idle culler through the same API.
        await consoleSetIdleLimit(consoleDswClient(t.url, config, secrets), res.id, 30);

        const pv = await proj.must(["preview", "--refresh", "--diff"]);
        process.stdout.write(`\n----- preview --refresh --diff (nested drift) -----\n${pv.stdout}\n`);
        assert.match(pv.stdout, /~ idleCuller\s*: \{\s*~ maxIdleTimeInMinutes: 30 => 60/);
        assert.match(pv.stdout, /~ 1 to update/);

        const json = JSON.parse((await proj.must(["preview", "--refresh", "--json"])).stdout) as {
            steps: Array<{ op: string; detailedDiff?: Record<string, { kind: string }> | null }>;
        };
        const step = json.steps.find((s) => s.op === "update");
        assert.deepEqual(step?.detailedDiff?.["idleCuller.maxIdleTimeInMinutes"], { kind: "update", inputDiff: true });

        await proj.up(["--refresh"]);
        const repaired = await t.admin.dswInstance(res.id);
        assert.equal((repaired.IdleInstanceCuller as { MaxIdleTimeInMinutes?: number }).MaxIdleTimeInMinutes, 60);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("shows a replace-forcing change per path", async () => {
        write(program(60, "ecs.c6.large").replace('workspaceId: "40823"', 'workspaceId: "40824"'));
        const pv = await proj.must(["preview", "--diff"]);
        process.stdout.write(`\n----- preview --diff (replace) -----\n${pv.stdout}\n`);
        assert.match(pv.stdout, /\+-notebooks:dsw:Instance: \(replace\)/);
        assert.match(pv.stdout, /~ workspaceId\s*: "40823" => "40824"/);
        write(program(60));
    });

    it("imports the live notebook by id (Read with the id only), then destroys it", async () => {
        const [res] = await proj.resources("notebooks:dsw:Instance");
        const id = String(res.id);
        await proj.must(["state", "delete", res.urn, "--yes"]);
        const imp = await proj.must(["import", "notebooks:dsw:Instance", "nb", id, "--yes", "--protect=false", "--generate-code=false"]);
        assert.match(imp.output, /= 1 imported/);
        const [back] = await proj.resources("notebooks:dsw:Instance");
        assert.equal(back.id, id);
        // Read by id only recovers the program's inputs from the live notebook (provider/dsw/importInputs.ts).
        assert.equal(back.inputs?.workspaceId, "40823");
        assert.equal(back.inputs?.instanceName, NAME);
        assert.equal(back.inputs?.ecsSpec, "ecs.c6.large");
        assert.equal((back.inputs?.idleCuller as { maxIdleTimeInMinutes?: number }).maxIdleTimeInMinutes, 60);
        await proj.must(["preview", "--expect-no-changes"]);

        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
    });
});
