import { strict as assert } from "node:assert";
import { dswClient, maClient } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";

/** Each planned step of a record's status machine, as [status, ms after `origin`]. */
const offsets = (plan: Array<{ status: string; at: number }>, origin: number) => plan.map((s) => [s.status, s.at - origin]);

describe("emulator: how a create's provisioning time is split between its phases", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator({ durations: { provision: 10_000, stop: 40, update: 40, delete: 40 } });
    });
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    const dswCreate = () =>
        dswClient(t.url).createInstance({
            WorkspaceId: "40823",
            InstanceName: `nb_${Math.random().toString(36).slice(2, 8)}`,
            EcsSpec: "ecs.g6.xlarge",
            ImageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
        });
    const maCreate = () =>
        maClient(t.url).create({
            name: `nb-${Math.random().toString(36).slice(2, 8)}`,
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs", location: { volume_size: 10 } } },
        });

    it("splits it equally by default, and by the configured shares when set", async () => {
        const even = t.emu.context.store.state.dsw[await dswCreate()];
        assert.deepEqual(offsets(even.plan, even.gmtCreate), [
            ["ResourceAllocating", 3333],
            ["EnvPreparing", 6667],
            ["Running", 10_000],
        ]);
        await t.admin.setDurations({ dswCreateShares: [1, 3, 6], modelartsCreateShares: [1, 4] });
        const uneven = t.emu.context.store.state.dsw[await dswCreate()];
        assert.deepEqual(offsets(uneven.plan, uneven.gmtCreate), [
            ["ResourceAllocating", 1000],
            ["EnvPreparing", 4000],
            ["Running", 10_000],
        ]);
        const ma = t.emu.context.store.state.modelarts[(await maCreate()).id];
        assert.deepEqual(offsets(ma.plan, ma.creationTs), [
            ["STARTING", 2000],
            ["RUNNING", 10_000],
        ]);
        await t.admin.setDurations({ dswCreateShares: null, modelartsCreateShares: null });
        const back = t.emu.context.store.state.dsw[await dswCreate()];
        assert.deepEqual(offsets(back.plan, back.gmtCreate), [
            ["ResourceAllocating", 3333],
            ["EnvPreparing", 6667],
            ["Running", 10_000],
        ]);
    });

    it("varies the split from create to create by phaseJitter, the total staying the provisioning time", async () => {
        await t.admin.setDurations({ dswCreateShares: [1, 3, 6], phaseJitter: 0.3 });
        const splits: number[][] = [];
        for (let i = 0; i < 8; i++) {
            const r = t.emu.context.store.state.dsw[await dswCreate()];
            const [ra, env, running] = r.plan.map((step) => step.at - r.gmtCreate);
            assert.equal(running, 10_000);
            splits.push([ra, env - ra, running - env]);
        }
        // Weights 1, 3, 6 scaled by [0.7, 1.3] each, renormalised: Creating ends 0.56–1.72 s in,
        // and EnvPreparing (at least 6 × 0.7) outlasts ResourceAllocating (at most 3 × 1.3).
        for (const [creating, allocating, preparing] of splits) {
            assert.ok(creating >= 560 && creating <= 1720, `Creating ${creating} ms`);
            assert.ok(preparing > allocating, `EnvPreparing ${preparing} ms stays the longest phase`);
        }
        assert.ok(new Set(splits.map((x) => x[0])).size >= 6, `creates differ: ${JSON.stringify(splits)}`);
        await t.admin.setDurations({ dswCreateShares: null, phaseJitter: null });
    });

    it("varies the whole provisioning time from create to create by provisionJitter, the phases keeping their order", async () => {
        await t.admin.setDurations({ dswCreateShares: [1, 3, 6], phaseJitter: 0.3, provisionJitter: 0.2 });
        const totals: number[] = [];
        for (let i = 0; i < 8; i++) {
            const r = t.emu.context.store.state.dsw[await dswCreate()];
            const at = r.plan.map((step) => step.at - r.gmtCreate);
            assert.deepEqual(
                r.plan.map((step) => step.status),
                ["ResourceAllocating", "EnvPreparing", "Running"],
            );
            assert.ok(at[0] < at[1] && at[1] < at[2], `phases in order: ${at.join(", ")}`);
            assert.ok(at[2] >= 8000 && at[2] <= 12_000, `total ${at[2]} ms within ±20 % of 10 s`);
            totals.push(at[2]);
        }
        assert.ok(new Set(totals).size >= 6, `totals differ: ${totals.join(", ")}`);
        await assert.rejects(t.admin.setDurations({ provisionJitter: 1.5 }), /HTTP 400.*durations\.provisionJitter must be a number in \[0, 1\)/);
        await t.admin.setDurations({ dswCreateShares: null, phaseJitter: null, provisionJitter: null });
    });

    it("refuses shares and jitter that do not fit, naming the option", async () => {
        await assert.rejects(t.admin.setDurations({ dswCreateShares: [1, 2] }), /HTTP 400.*durations\.dswCreateShares must be 3 positive numbers/);
        await assert.rejects(t.admin.setDurations({ modelartsCreateShares: [1, -1] }), /HTTP 400.*durations\.modelartsCreateShares must be 2 positive numbers/);
        await assert.rejects(t.admin.setDurations({ provision: 5, phaseJitter: 1.5 }), /HTTP 400.*durations\.phaseJitter must be a number in \[0, 1\)/);
        assert.equal(t.emu.options.durations.provision, 10_000, "a refused change changes nothing");
        await assert.rejects(startTestEmulator({ durations: { dswCreateShares: [0, 1, 1] } }), /durations\.dswCreateShares must be 3 positive numbers/);
    });
});
