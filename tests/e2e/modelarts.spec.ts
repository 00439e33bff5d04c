import { strict as assert } from "node:assert";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const program = (description: string) => `
const { modelarts } = require("pulumi-notebooks");
const nb = new modelarts.Notebook("evs-nb", {
    name: "e2e-evs-notebook",
    description: "${description}",
    profileId: "Multi-Engine 1.0 (python3)-gpu",
    flavor: "modelarts.vm.gpu.p100",
    spec: { storage: { type: "evs", location: { volumeSize: 20 } }, autoStop: { enable: true, duration: 3600 } },
});
exports.id = nb.instanceId;
exports.status = nb.status;
exports.autoStop = nb.autoStopState;
`;

describe("e2e: modelarts.Notebook through the real pulumi CLI", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("ma-e2e", program("first"), emulatorConfig(t.url));
    });
    after(() => t.close());

    it("up creates a RUNNING notebook with auto_stop armed", async () => {
        await proj.up();
        const out = await proj.outputs();
        assert.match(String(out.id), /^DE-/);
        assert.equal(out.status, "RUNNING");
        const auto = out.autoStop as { enable: boolean; stopTimestamp: number };
        assert.equal(auto.enable, true);
        assert.ok(auto.stopTimestamp > Date.now());
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("shows console drift (stopped, auto_stop disabled) in preview --refresh --diff and repairs it", async () => {
        const id = String((await proj.outputs()).id);
        await t.admin.maSetAutoStop(id, { enable: false });
        await t.admin.maStop(id);
        await eventually(async () => (await t.admin.maInstance(id)).status === "STOPPED", 30_000, `${id} stopped in the console`);
        const pv = await proj.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
        assert.notEqual(pv.code, 0);
        assert.match(pv.output, /~ status\s*: "STOPPED" => "RUNNING"/);
        assert.match(pv.output, /~ enable\s*: false => true/);
        await proj.up(["--refresh"]);
        const live = await t.admin.maInstance(id);
        assert.equal(live.status, "RUNNING");
        assert.equal((live.spec as { auto_stop: { enable: boolean } }).auto_stop.enable, true);
    });

    it("a flavor changed in the console is planned as a replacement", async () => {
        const id = String((await proj.outputs()).id);
        await t.admin.maSetFlavor(id, "modelarts.vm.gpu.v100");
        const pv = await proj.run(["preview", "--refresh", "--diff"]);
        assert.equal(pv.code, 0, pv.output);
        assert.match(pv.output, /\+-\s*pulumi-nodejs:dynamic\/modelarts:Notebook|replace/);
        assert.match(pv.output, /flavor\s*: "modelarts\.vm\.gpu\.v100" => "modelarts\.vm\.gpu\.p100"/);
        await proj.up(["--refresh"]);
        const newId = String((await proj.outputs()).id);
        assert.notEqual(newId, id);
        assert.equal((await t.admin.maInstance(newId)).flavor, "modelarts.vm.gpu.p100");
    });

    it("updates the description in place, then destroy stops and deletes it", async () => {
        const id = String((await proj.outputs()).id);
        proj.writeProgram(program("second"));
        await proj.up();
        assert.equal(String((await proj.outputs()).id), id, "same notebook");
        assert.equal((await t.admin.maInstance(id)).description, "second");
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.maInstances(), []);
        assert.equal((await proj.exportState()).deployment.resources?.length ?? 0, 0);
    });
});
