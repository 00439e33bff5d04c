import { strict as assert } from "node:assert";
import { DSW_DEV, TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const program = (spec: string) => `
const { dsw } = require("pulumi-notebooks");
const nb = new dsw.Instance("gpu-nb", {
    workspaceId: "40823",
    instanceName: "e2e_gpu_nb",
    ecsSpec: "${spec}",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1-gpu",
    shutdownTimer: { remainingTime: "8h" },
    idleCuller: { cpuPercentThreshold: 10, gpuPercentThreshold: 5, maxIdleTimeInMinutes: 60 },
    labels: { team: "ml" },
});
exports.id = nb.instanceId;
exports.status = nb.status;
exports.lab = nb.jupyterlabUrl;
exports.timer = nb.shutdownTimerState;
`;

describe("e2e: dsw.Instance through the real pulumi CLI", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        const cfg = emulatorConfig(t.url);
        proj = await PulumiProject.create("dsw-e2e", program("ecs.gn7i-c8g1.2xlarge"), cfg);
    });
    after(() => t.close());

    it("up creates the instance with its timer and culler; preview shows no changes", async () => {
        const up = await proj.up();
        assert.match(up.output, /dsw:Instance gpu-nb .*(created dsw-|Running \()/, "progress lines reach the CLI, on the resource's row");
        const summary = up.output.split("Diagnostics:")[1] ?? "";
        assert.doesNotMatch(summary, /waiting for it to start|Running \(/, "progress is not repeated in the diagnostics summary");
        const out = await proj.outputs();
        assert.match(String(out.id), /^dsw-/);
        assert.equal(out.status, "Running");
        assert.match(String(out.lab), /\/lab\/$/);
        const live = await t.admin.dswInstance(String(out.id));
        assert.equal(live.Status, "Running");
        assert.ok(live.InstanceShutdownTimer && live.IdleInstanceCuller);
        const since = (await t.admin.counters()).total;
        const pv = await proj.must(["preview", "--expect-no-changes"]);
        assert.match(pv.output, /unchanged/);
        assert.equal((await t.admin.counters()).total, since, "preview without refresh makes no API call");
    });

    it("console drift shows property by property in preview --refresh --diff, and up repairs it", async () => {
        const id = String((await proj.outputs()).id);
        await t.admin.dswStop(id);
        await t.admin.dswSetSpec(id, { EcsSpec: "ecs.gn6i-c4g1.xlarge" });
        await t.admin.dswDeleteTimer(id);
        const pv = await proj.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
        assert.notEqual(pv.code, 0, "drift is a change");
        assert.match(pv.output, /~ status\s*: "Stopped" => "Running"/);
        assert.match(pv.output, /~ ecsSpec\s*: "ecs\.gn6i-c4g1\.xlarge" => "ecs\.gn7i-c8g1\.2xlarge"/);
        assert.match(pv.output, /\+ shutdownTimer\s*: \{/);
        await proj.up(["--refresh"]);
        const live = await t.admin.dswInstance(id);
        assert.deepEqual([live.Status, live.EcsSpec, !!live.InstanceShutdownTimer], ["Running", "ecs.gn7i-c8g1.2xlarge", true]);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("an update of a restart-required field stops first and restores the run state", async () => {
        proj.writeProgram(program("ecs.gn6i-c4g1.xlarge"));
        const since = (await t.admin.requests()).length;
        await proj.up();
        const ops = (await t.admin.requests()).slice(since).map((r) => r.op);
        assert.ok(ops.indexOf("dsw:StopInstance") < ops.indexOf("dsw:UpdateInstance") && ops.includes("dsw:StopInstance"), ops.join(" "));
        const live = await t.admin.dswInstance(String((await proj.outputs()).id));
        assert.deepEqual([live.Status, live.EcsSpec], ["Running", "ecs.gn6i-c4g1.xlarge"]);
    });

    it("an instance deleted in the console is recreated by up --refresh", async () => {
        const id = String((await proj.outputs()).id);
        await t.admin.dswDelete(id);
        // The console delete passes through Deleting; refresh must meet the instance gone.
        await eventually(
            () =>
                t.admin.dswInstance(id).then(
                    (r) => r.Status === "Deleted",
                    () => true,
                ),
            30_000,
            `${id} deleted`,
        );
        await proj.up(["--refresh"]);
        const newId = String((await proj.outputs()).id);
        assert.notEqual(newId, id);
        assert.equal((await t.admin.dswInstance(newId)).Status, "Running");
    });

    it("destroy leaves the emulator empty and the state without resources", async () => {
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
        assert.equal((await proj.exportState()).deployment.resources?.length ?? 0, 0);
        const log = JSON.stringify(await t.admin.requests());
        assert.ok(!log.includes(DSW_DEV.accessKeySecret), "the request log holds no secret");
    });
});
