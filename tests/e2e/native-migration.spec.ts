/**
 * Moving a TypeScript stack from the dynamic `dsw.Instance` to the native `notebooks:dsw:Instance`
 * without recreating the notebook (README, "Moving a stack to the native plugin"): import by id
 * into the native resource, drop the dynamic one from state without deleting it, switch the
 * program; `up` then changes nothing, the notebook is the same one, and destroy deletes it.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const repo = path.resolve(__dirname, "../..");
const ARGS = `{ workspaceId: "40823", instanceName: "migrated_nb", ecsSpec: "ecs.c6.large", imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", idleCuller: { maxIdleTimeInMinutes: 60 } }`;

const dynamicProgram = `
const { dsw } = require("pulumi-notebooks");
const nb = new dsw.Instance("nb", ${ARGS});
exports.id = nb.id;
`;
// The native resource from a TypeScript program, with no generated SDK: Pulumi's generic CustomResource.
const nativeProgram = `
const pulumi = require("@pulumi/pulumi");
const nb = new pulumi.CustomResource("notebooks:dsw:Instance", "nb", ${ARGS});
exports.id = nb.id;
`;

describe("e2e native plugin: a dynamic-resource stack moved to the native resource without recreating the notebook", function () {
    this.timeout(600_000);
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("native-migration", dynamicProgram, emulatorConfig(t.url));
        // The plugin the native resource needs, found as a local build is (Pulumi.yaml plugins.providers).
        fs.appendFileSync(path.join(proj.dir, "Pulumi.yaml"), `plugins:\n  providers:\n    - name: notebooks\n      path: ${path.join(repo, "bin")}\n`);
    });
    after(() => t?.close());

    it("import by id, state delete of the dynamic resource, new program: no changes, same notebook, destroy works", async () => {
        await proj.up();
        const [dyn] = await proj.resources("dynamic/dsw:Instance");
        const id = String(dyn.id);
        const imp = await proj.must(["import", "notebooks:dsw:Instance", "nb", id, "--yes", "--protect=false", "--generate-code=false"]);
        assert.match(imp.output, /= 1 imported/);
        await proj.must(["state", "delete", dyn.urn, "--yes"]);
        proj.writeProgram(nativeProgram);

        const pv = await proj.must(["preview", "--diff", "--expect-no-changes"]);
        process.stdout.write(`\n----- preview --diff after the move -----\n${pv.stdout}\n`);
        const up = await proj.up();
        assert.doesNotMatch(up.output, /created|updated|replaced|deleted/);
        const live = await t.admin.dswInstances();
        assert.deepEqual(
            live.map((i) => i.InstanceId ?? i.instanceId),
            [id],
            "the one notebook is the same one",
        );
        const [native] = await proj.resources("notebooks:dsw:Instance");
        assert.equal(native.id, id);
        assert.deepEqual(await proj.resources("dynamic/dsw:Instance"), []);

        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
    });
});
