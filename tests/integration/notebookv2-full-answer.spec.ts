/**
 * The NotebookResp fields the provider does not read (affinity, data_volumes, ip,
 * is_need_credentials, jupyter_version, pool, run_user, user_vpc; custom_spec only for custom-spec
 * notebooks, which the emulator does not offer) are in the emulator's answers as a notebook of that
 * kind has them, and drift detection is run against that full answer: a dedicated-pool notebook
 * refreshed right after its create shows no diff, and one with affinity and a VPC of its own (set
 * by another client) reads as the inputs that made it.
 */
import { strict as assert } from "node:assert";
import { liveInputs, outputsOf } from "../../provider/modelartsV2/mapping";
import { NbInputs } from "../../provider/modelartsV2/schema";
import { checkAndCreate, nbProvider } from "../support/clients";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";
const UNREAD = ["data_volumes", "ip", "is_need_credentials", "jupyter_version", "pool", "run_user"];

describe("modelarts.NotebookV2: drift against the full NotebookResp", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());

    it("a dedicated-pool notebook: the answer has every field of its kind; refresh shows no diff", async () => {
        const { provider: p, client: c } = nbProvider(t.url);
        const r = await checkAndCreate(p, {
            name: "pool-nb",
            flavor: "modelarts.vm.cpu.8u",
            imageId: IMAGE,
            poolId: "pool-ml-1",
            volume: { category: "EVS", capacity: 10 },
        });
        const live = (await c.get(r.id)) as Record<string, unknown>;
        for (const f of UNREAD) assert.ok(f in live, `ShowNotebook answers ${f}`);
        assert.deepEqual(live.run_user, { uid: 1000, gid: 100, user_name: "ma-user", group_name: "ma-group" });
        assert.equal(live.custom_spec, undefined, "a system flavor has no custom spec");
        const read = await p.read(r.id, r.outs);
        assert.deepEqual(p.diff(r.id, read.props, r.inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("affinity and user_vpc from another client: read as the inputs that made it, outputs unchanged in shape", async () => {
        const { client: c } = nbProvider(t.url);
        const created = await c.create({
            name: "vpc-nb",
            flavor: "modelarts.vm.cpu.8u",
            image_id: IMAGE,
            pool_id: "pool-ml-1",
            volume: { category: "EVS", ownership: "MANAGED", capacity: 10 },
            feature: "NOTEBOOK",
            affinity: { required_during_scheduling_ignored_during_execution: [{ key: "node.type", operator: "In", values: ["cpu"] }] },
            user_vpc: { vpc_id: "vpc-1", subnet_id: "subnet-1", security_group_ids: ["sg-1"] },
        });
        await eventually(async () => (await c.get(created.id)).status === "RUNNING", 10_000, "RUNNING");
        const live = await c.get(created.id);
        assert.ok("affinity" in live && "user_vpc" in live && "ip" in live, JSON.stringify(Object.keys(live)));
        const prev = NbInputs.parse({
            name: "vpc-nb",
            flavor: "modelarts.vm.cpu.8u",
            imageId: IMAGE,
            poolId: "pool-ml-1",
            volume: { category: "EVS", capacity: 10 },
        });
        assert.deepEqual(liveInputs(prev, live).inputs, { ...prev, status: "RUNNING" });
        const outs = outputsOf(live, false);
        assert.equal(outs.poolName, "pool-pool-ml-1");
        assert.deepEqual(Object.keys(outs).sort(), Object.keys(outputsOf({ id: "x", name: "y", status: "RUNNING" }, false)).sort());
    });
});
