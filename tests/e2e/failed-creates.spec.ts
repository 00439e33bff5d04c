/**
 * "Nothing lost" under failures after the cloud accepted a create, through the real CLI: the
 * notebook ends in state with outputs that destroy can act on, `up` exits (no hang) with an error
 * naming the cause, and waits stop early on errors that waiting will not heal.
 */
import { strict as assert } from "node:assert";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const maProgram = (timeouts = "") => `
const { modelarts } = require("pulumi-notebooks");
new modelarts.Notebook("nb", {
    name: "e2e-failed-create",
    profileId: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.2u",
    spec: { storage: { type: "evs", location: { volumeSize: 10 } } },
    ${timeouts}
});
`;

const dswProgram = `
const { dsw } = require("pulumi-notebooks");
new dsw.Instance("nb", {
    workspaceId: "40823",
    instanceName: "e2e_wait_faults",
    ecsSpec: "ecs.g6.xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1",
});
`;

type Resource = { type: string; id?: string; outputs?: Record<string, unknown> };

async function notebookIn(proj: PulumiProject, suffix: string): Promise<Resource> {
    const rs = await proj.resources(suffix);
    assert.equal(rs.length, 1, `one ${suffix} in state`);
    return rs[0];
}

describe("e2e: failed and timed-out creates are kept in state, and waits report their cause", () => {
    let t: TestEmulator;
    before(async () => (t = await startTestEmulator()));
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    // The project comes from stack config (no projectId input): the case that used to hang.
    it("ModelArts CREATE_FAILED: up fails (no hang), the notebook is in state with __provider, destroy removes it", async () => {
        const proj = await PulumiProject.create("ma-create-failed", maProgram(), emulatorConfig(t.url));
        await t.admin.setFaults({ failNextCreates: 1 });
        const started = Date.now();
        const up = await proj.run(["up", "--yes", "--skip-preview"]);
        assert.notEqual(up.code, 0, "up fails");
        assert.ok(Date.now() - started < 60_000, "up returns instead of hanging");
        assert.match(up.output, /CREATE_FAILED/);
        assert.doesNotMatch(up.output, /Unexpected struct type/);
        const r = await notebookIn(proj, "modelarts:Notebook");
        assert.match(String(r.id), /^DE-/);
        assert.ok(r.outputs?.__provider, "kept with its __provider, so destroy can run");
        assert.equal(r.outputs?.projectId, "0123456789abcdef0123456789abcdef", "the configured project is recorded");
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(
            (await t.admin.maInstances()).filter((n) => n.status !== "DELETED"),
            [],
        );
    });

    it("ModelArts create timeout: up exits within the timeout plus a minute, state keeps it, destroy removes it", async () => {
        // Still CREATING when the 3 s deadline passes; destroy then waits for it to settle.
        await t.admin.setDurations({ provision: 20_000 });
        const proj = await PulumiProject.create("ma-create-timeout", maProgram(`timeouts: { create: "3s" },`), emulatorConfig(t.url));
        const started = Date.now();
        const up = await proj.run(["up", "--yes", "--skip-preview"]);
        assert.notEqual(up.code, 0);
        assert.ok(Date.now() - started < 63_000, `up took ${Date.now() - started} ms`);
        assert.match(up.output, /timed out after \d+s/);
        const r = await notebookIn(proj, "modelarts:Notebook");
        assert.ok(r.outputs?.__provider);
        await t.admin.setDurations({ provision: 60, delete: 40, stop: 40 });
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(
            (await t.admin.maInstances()).filter((n) => n.status !== "DELETED"),
            [],
        );
    });

    it("a failed wait whose read-back fails too still leaves a deletable resource", async () => {
        const proj = await PulumiProject.create("ma-unreadable", maProgram(), emulatorConfig(t.url));
        // Every get is refused (a revoked key; the emulator names the operation GetInstance): the
        // wait and the read-back both fail.
        await t.admin.setFaults({ authErrorRate: 1, operations: ["GetInstance"] });
        const up = await proj.run(["up", "--yes", "--skip-preview"]);
        assert.notEqual(up.code, 0);
        assert.match(up.output, /APIGW\.0301/, "the error names the cause");
        const r = await notebookIn(proj, "modelarts:Notebook");
        assert.ok(r.outputs?.__provider, "kept with __provider although it could not be read back");
        // A refresh that cannot read: the engine's line names the operation, the code and the
        // request id; the dynamic-provider host's echo of the same error with our stack frames is
        // not printed (a tester saw the message twice and nine frames per notebook).
        await t.admin.setFaults({ authErrorRate: 1, operations: [] });
        const refresh = await proj.run(["preview", "--refresh"]);
        assert.notEqual(refresh.code, 0);
        assert.match(refresh.output, /ModelArts \w+ failed: APIGW\.0301.*RequestId/);
        assert.doesNotMatch(refresh.output, /\bat \S+ \(|dist\/provider\/|CloudServiceError: .*CloudServiceError/, refresh.output);
        await t.admin.setFaults({ authErrorRate: 0, operations: [] });
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(
            (await t.admin.maInstances()).filter((n) => n.status !== "DELETED"),
            [],
        );
    });

    for (const fault of [
        { name: "HTML 502 pages", set: { htmlErrorRate: 1 }, cause: /502|HTTP502|not JSON/i, healable: true },
        { name: "truncated 200 bodies", set: { malformedRate: 1 }, cause: /malformed answers in a row|not JSON/, healable: false },
        { name: "a 403 in the middle of the wait", set: { authErrorRate: 1 }, cause: /InvalidAccessKeyId\.Inactive/, healable: false },
    ]) {
        it(`DSW wait under ${fault.name}: the error names the cause${fault.healable ? "" : " and the wait ends early"}`, async () => {
            const proj = await PulumiProject.create(`dsw-wait-${Object.keys(fault.set)[0]}`, dswProgram, emulatorConfig(t.url));
            await t.admin.setDurations({ provision: 4_000 });
            // A short timeout: a healable fault is ridden out to it; the others must end well before.
            proj.writeProgram(dswProgram.replace(`imageUrl:`, `timeouts: { create: "${fault.healable ? "8s" : "60s"}" }, imageUrl:`));
            const started = Date.now();
            const running = proj.run(["up", "--yes", "--skip-preview"]);
            try {
                // The faults start once the cloud accepted the create: they hit the wait, not the name check.
                await eventually(async () => (await t.admin.dswInstances()).length > 0, 60_000, "the create to reach the emulator");
                await t.admin.setFaults({ ...fault.set, operations: ["GetInstance", "ListInstances"] });
                const up = await running;
                const took = Date.now() - started;
                assert.notEqual(up.code, 0);
                assert.match(up.output, fault.cause);
                assert.doesNotMatch(up.output, /last status unknown, \d+ polls\)/, "not a bare timeout");
                if (!fault.healable) assert.ok(took < 45_000, `ended early (${took} ms), not at the 60 s deadline`);
                const polls = (await t.admin.requests()).filter((x) => x.op === "dsw:GetInstance").length;
                assert.ok(polls < 60, `${polls} GetInstance calls: no poll storm`);
                assert.ok((await notebookIn(proj, "dsw:Instance")).outputs?.__provider);
            } finally {
                // One failing case must not leave its faults to the next.
                await running;
                await t.admin.setFaults({ htmlErrorRate: 0, malformedRate: 0, authErrorRate: 0, operations: [] });
                await t.admin.setDurations({ provision: 60 });
            }
            await proj.must(["destroy", "--yes", "--skip-preview"]);
            assert.deepEqual(await t.admin.dswInstances(), []);
        });
    }
});
