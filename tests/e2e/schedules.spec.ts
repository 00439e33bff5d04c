/**
 * A notebook's own stop schedule is a cost guard Pulumi respects: after a stop by the DSW shutdown
 * timer, the DSW idle culler or ModelArts auto-stop, two nightly `pulumi up --refresh` runs leave
 * it stopped (no start call), while a stop from the console is drift that `up --refresh` repairs.
 */
import { strict as assert } from "node:assert";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const dsw = (schedule: string) => `
const { dsw } = require("pulumi-notebooks");
const nb = new dsw.Instance("nb", {
    workspaceId: "40823",
    instanceName: "e2e_schedule_nb",
    ecsSpec: "ecs.gn7i-c8g1.2xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1-gpu",
    ${schedule}
});
exports.id = nb.instanceId;
exports.stoppedBySchedule = nb.stoppedBySchedule;
`;

const ma = `
const { modelarts } = require("pulumi-notebooks");
const nb = new modelarts.Notebook("nb", {
    name: "e2e-autostop-nb",
    profileId: "Multi-Engine 1.0 (python3)-gpu",
    flavor: "modelarts.vm.gpu.p100",
    spec: { storage: { type: "evs", location: { volumeSize: 10 } }, autoStop: { enable: true, duration: 3600 } },
});
exports.id = nb.instanceId;
`;

describe("e2e: stops by the notebook's own schedule survive nightly `pulumi up --refresh` runs", () => {
    let t: TestEmulator;
    before(async () => (t = await startTestEmulator()));
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    async function twoNightlyRuns(proj: PulumiProject, startOp: string): Promise<void> {
        const since = (await t.admin.requests()).length;
        for (let night = 1; night <= 2; night++) {
            const r = await proj.must(["up", "--refresh", "--yes", "--skip-preview"]);
            assert.doesNotMatch(r.output, /starting/, `night ${night}: no start`);
        }
        const ops = (await t.admin.requests()).slice(since).map((r) => r.op);
        assert.ok(!ops.includes(startOp), `no ${startOp} in ${ops.join(" ")}`);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    }

    it("DSW shutdown timer: the fired timer keeps the notebook stopped", async () => {
        const proj = await PulumiProject.create("sched-timer", dsw(`shutdownTimer: { remainingTime: "6s" },`), emulatorConfig(t.url));
        await proj.up();
        const id = String((await proj.outputs()).id);
        await eventually(async () => (await t.admin.dswInstance(id)).Status === "Stopped", 60_000, "the timer to stop it");
        await twoNightlyRuns(proj, "dsw:StartInstance");
        assert.equal((await t.admin.dswInstance(id)).Status, "Stopped");
        assert.equal((await proj.outputs()).stoppedBySchedule, true);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });

    it("DSW idle culler: a culler stop keeps the notebook stopped; a console stop is drift and is repaired", async () => {
        const proj = await PulumiProject.create(
            "sched-culler",
            dsw(`idleCuller: { cpuPercentThreshold: 10, maxIdleTimeInMinutes: 60 },`),
            emulatorConfig(t.url),
        );
        await proj.up();
        const id = String((await proj.outputs()).id);
        await t.admin.dswMarkIdle(id, 61);
        await eventually(async () => (await t.admin.dswInstance(id)).Status === "Stopped", 60_000, "the culler to stop it");
        await twoNightlyRuns(proj, "dsw:StartInstance");
        assert.equal((await t.admin.dswInstance(id)).Status, "Stopped");

        // Started again by a person, then stopped in the console while busy: that is drift.
        await t.admin.dswStart(id);
        await eventually(async () => (await t.admin.dswInstance(id)).Status === "Running", 60_000, "the console start");
        await t.admin.dswStop(id);
        await eventually(async () => (await t.admin.dswInstance(id)).Status === "Stopped", 60_000, "the console stop");
        await proj.must(["up", "--refresh", "--yes", "--skip-preview"]);
        assert.equal((await t.admin.dswInstance(id)).Status, "Running", "a console stop is repaired");
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });

    it("ModelArts auto-stop: the auto-stop keeps the notebook stopped", async () => {
        const proj = await PulumiProject.create("sched-autostop", ma, emulatorConfig(t.url));
        await proj.up();
        const id = String((await proj.outputs()).id);
        // One emulated second = 2 ms from here: the 3600 s auto-stop fires about 7 s later.
        await t.admin.setDurations({ secondMs: 2 });
        await t.admin.maStop(id);
        await eventually(async () => (await t.admin.maInstance(id)).status === "STOPPED", 30_000, "the console stop");
        await proj.must(["up", "--refresh", "--yes", "--skip-preview"]);
        await eventually(async () => (await t.admin.maInstance(id)).status === "RUNNING", 30_000, "the repair");
        await eventually(async () => (await t.admin.maInstance(id)).status === "STOPPED", 60_000, "auto-stop to fire");
        await twoNightlyRuns(proj, "modelarts:InstanceAction");
        assert.equal((await t.admin.maInstance(id)).status, "STOPPED");
        await t.admin.setDurations({ secondMs: 20 });
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });
});
