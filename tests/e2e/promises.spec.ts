/**
 * Promises a user relies on, through the real CLI: the program's current `failedPolicy` decides,
 * a replacement warns about the disk it deletes, and a check failure on a secret input never
 * prints the value.
 */
import { strict as assert } from "node:assert";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const dswProgram = (failedPolicy: string, imageAuth = "", name = "e2e_failed_policy") => `
const { dsw } = require("pulumi-notebooks");
const nb = new dsw.Instance("nb", {
    workspaceId: "40823",
    instanceName: "${name}",
    ecsSpec: "ecs.g6.xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1",
    failedPolicy: "${failedPolicy}",
    ${imageAuth ? `imageAuth: "${imageAuth}",` : ""}
});
exports.id = nb.instanceId;
`;

const maProgram = (flavor: string) => `
const { modelarts } = require("pulumi-notebooks");
new modelarts.Notebook("evs-nb", {
    name: "e2e-replace-warning",
    profileId: "Multi-Engine 1.0 (python3)-gpu",
    flavor: "${flavor}",
    spec: { storage: { type: "evs", location: { volumeSize: 40 } } },
});
`;

describe("e2e: failedPolicy, replace warnings and secret check failures", () => {
    let t: TestEmulator;
    before(async () => (t = await startTestEmulator()));
    after(() => t.close());

    it('a stack stuck on failedPolicy "error" gets out by switching the program to "restart"', async () => {
        const proj = await PulumiProject.create("failed-policy", dswProgram("error"), emulatorConfig(t.url));
        await proj.up();
        const id = String((await proj.outputs()).id);
        await t.admin.dswFail(id, { ReasonCode: "ContainerStartFailed", ReasonMessage: "image pull failed" });
        const stuck = await proj.run(["up", "--refresh", "--yes", "--skip-preview"]);
        assert.notEqual(stuck.code, 0);
        assert.match(stuck.output, /failedPolicy is "error"/);
        proj.writeProgram(dswProgram("restart"));
        await proj.up(["--refresh"]);
        await eventually(async () => (await t.admin.dswInstance(id)).Status === "Running", 30_000, "the restart");
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });

    it("a ModelArts replace warns in the preview that it deletes the EVS disk", async () => {
        const proj = await PulumiProject.create("replace-warning", maProgram("modelarts.vm.gpu.p100"), emulatorConfig(t.url));
        await proj.up();
        proj.writeProgram(maProgram("modelarts.vm.gpu.v100"));
        const pv = await proj.must(["preview", "--diff"]);
        assert.match(pv.output, /replace/);
        assert.match(pv.output, /deletes its 40 GB EVS disk and everything stored on it/);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });

    it("a destroy that fails under faults leaves the stack able to finish with a rerun", async () => {
        const proj = await PulumiProject.create("destroy-rerun", dswProgram("restart", "", "e2e_destroy_rerun"), emulatorConfig(t.url));
        await proj.up();
        // A refused delete (a key disabled mid-run) does not heal by retrying: destroy fails, cleanly.
        await t.admin.setFaults({ authErrorRate: 1, operations: ["DeleteInstance"] });
        const failed = await proj.run(["destroy", "--yes", "--skip-preview"]);
        assert.notEqual(failed.code, 0);
        assert.match(failed.output, /DeleteInstance failed: InvalidAccessKeyId\.Inactive/);
        await t.admin.setFaults({ authErrorRate: 0, operations: [] });
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
        assert.equal((await proj.exportState()).deployment.resources?.length ?? 0, 0);
    });

    it("a check failure on a secret input names the field but never prints the value", async () => {
        const secret = "NotBase64Secret!!pw";
        const proj = await PulumiProject.create("secret-check", dswProgram("restart", secret), emulatorConfig(t.url));
        const pv = await proj.run(["preview"]);
        assert.notEqual(pv.code, 0);
        assert.match(pv.output, /imageAuth: .*the value is secret and not shown/);
        assert.ok(!pv.output.includes(secret), pv.output);
        assert.ok(!pv.output.includes("NotBase64Secret"), "not even part of it");
    });
});
