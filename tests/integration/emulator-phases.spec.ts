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
        dswClient(t.url).createInstance({ WorkspaceId: "40823", InstanceName: `nb_${Math.random().toString(36).slice(2, 8)}`, EcsSpec: "ecs.g6.xlarge", ImageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" });
    const maCreate = () =>
        maClient(t.url).create({ name: `nb-${Math.random().toString(36).slice(2, 8)}`, profile_id: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u", spec: { storage: { type: "evs", location: { volume_size: 10 } } } });

    it("splits it equally by default, and by the configured shares when set", async () => {
        const even = t.emu.context.store.state.dsw[await dswCreate()];
        assert.deepEqual(offsets(even.plan, even.gmtCreate), [["ResourceAllocating", 3333], ["EnvPreparing", 6667], ["Running", 10_000]]);
        await t.admin.setDurations({ dswCreateShares: [1, 3, 6], modelartsCreateShares: [1, 4] });
        const uneven = t.emu.context.store.state.dsw[await dswCreate()];
        assert.deepEqual(offsets(uneven.plan, uneven.gmtCreate), [["ResourceAllocating", 1000], ["EnvPreparing", 4000], ["Running", 10_000]]);
        const ma = t.emu.context.store.state.modelarts[(await maCreate()).id];
        assert.deepEqual(offsets(ma.plan, ma.creationTs), [["STARTING", 2000], ["RUNNING", 10_000]]);
        await t.admin.setDurations({ dswCreateShares: null, modelartsCreateShares: null });
        const back = t.emu.context.store.state.dsw[await dswCreate()];
        assert.deepEqual(offsets(back.plan, back.gmtCreate), [["ResourceAllocating", 3333], ["EnvPreparing", 6667], ["Running", 10_000]]);
    });

    it("refuses shares that do not fit the phases, naming the option", async () => {
        await assert.rejects(t.admin.setDurations({ dswCreateShares: [1, 2] }), /HTTP 400.*durations\.dswCreateShares must be 3 positive numbers/);
        await assert.rejects(t.admin.setDurations({ modelartsCreateShares: [1, -1] }), /HTTP 400.*durations\.modelartsCreateShares must be 2 positive numbers/);
        await assert.rejects(startTestEmulator({ durations: { dswCreateShares: [0, 1, 1] } }), /durations\.dswCreateShares must be 3 positive numbers/);
    });
});
