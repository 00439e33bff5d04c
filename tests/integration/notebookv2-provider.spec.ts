import { strict as assert } from "node:assert";
import { NotebooksClient } from "../../provider/modelartsV2/client";
import { getNotebooksV2 } from "../../provider/modelartsV2/lookup";
import { NotebookV2Provider } from "../../provider/modelartsV2/notebook";
import { checkAndCreate, nbProvider } from "../support/clients";
import { FAST, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

type Props = Record<string, unknown>;
const CPU_IMAGE = "e1a07296-22a8-4f05-8bc8-e936c8e54090";
const ANY_IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";

const args = (extra: Props = {}): Props => ({
    name: `nb-${Math.random().toString(36).slice(2, 8)}`,
    flavor: "modelarts.vm.cpu.2u",
    imageId: CPU_IMAGE,
    volume: { category: "EVS", capacity: 10 },
    ...extra,
});

describe("modelarts.NotebookV2 provider against the emulator (current notebook API)", () => {
    let t: TestEmulator;
    let p: NotebookV2Provider;
    let c: NotebooksClient;
    before(async () => {
        t = await startTestEmulator();
        ({ provider: p, client: c } = nbProvider(t.url));
    });
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    const refresh = async (id: string, outs: Props, inputs: Props) => {
        const r = await p.read(id, outs);
        return { r, diff: r.id ? p.diff(id, r.props, inputs) : undefined };
    };

    it("creates, tags itself, applies the lease, and shows no diff afterwards", async () => {
        const r = await checkAndCreate(p, args({ lease: { duration: "480m" }, tags: { team: "ml" } }));
        assert.equal(r.outs.status, "RUNNING");
        const live = await c.get(r.id);
        assert.equal(live.lease?.duration, 8 * 3_600_000);
        assert.deepEqual(Object.fromEntries((live.tags ?? []).map((x) => [x.key, x.value])), { team: "ml", "pulumi-notebooks-owner": "test/dev:t" });
        assert.equal((r.inputs.lease as { duration: string }).duration, "8h", "one spelling per duration");
        const { diff } = await refresh(r.id, r.outs, r.inputs);
        assert.equal(diff?.changes, false, JSON.stringify(diff));
        assert.equal(r.outs.token, (await c.get(r.id)).token, "the running notebook's token is an output (marked secret by the SDK)");
        assert.ok(String(r.outs.token).length > 10);
    });

    it("a console flavor/image change is drift; update stops, switches and restores RUNNING", async () => {
        const r = await checkAndCreate(p, args({ imageId: ANY_IMAGE }));
        await t.admin.nbSet(r.id, { flavor: "modelarts.vm.cpu.8u" });
        const d = await refresh(r.id, r.outs, r.inputs);
        assert.deepEqual(d.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
        const u = await p.update(r.id, d.r.props, r.inputs);
        assert.equal((await c.get(r.id)).flavor, "modelarts.vm.cpu.2u");
        assert.equal(u.outs.status, "RUNNING");
        const log = (await t.admin.requests()).map((e) => e.op);
        const stop = log.lastIndexOf("modelarts:StopNotebook");
        const upd = log.lastIndexOf("modelarts:UpdateNotebook");
        const start = log.lastIndexOf("modelarts:StartNotebook");
        assert.ok(stop >= 0 && stop < upd && upd < start, log.join(" "));
    });

    it("the lease stops the notebook by itself: not drift, it stays stopped; a console stop is drift", async () => {
        const r = await checkAndCreate(p, args({ lease: { duration: "1h" } }));
        await t.admin.nbSet(r.id, { leaseRemainingMs: 50 });
        await eventually(async () => (await c.get(r.id)).status === "STOPPED", 5000, "the lease stopped it");
        const d = await refresh(r.id, r.outs, r.inputs);
        assert.equal(d.r.props.stoppedBySchedule, true);
        assert.equal(d.diff?.changes, false, JSON.stringify(d.diff));
        // An update for another reason keeps it stopped (the schedule rule).
        const u = await p.update(r.id, d.r.props, { ...r.inputs, description: "nightly" });
        assert.equal((await c.get(r.id)).status, "STOPPED");
        assert.equal(u.outs.liveStatus, "STOPPED");

        const r2 = await checkAndCreate(p, args({ lease: { duration: "2h" } }));
        await t.admin.nbStop(r2.id);
        await eventually(async () => (await c.get(r2.id)).status === "STOPPED", 5000, "the console stopped it");
        const d2 = await refresh(r2.id, r2.outs, r2.inputs);
        assert.equal(d2.r.props.stoppedBySchedule, false);
        assert.equal(d2.diff?.changes, true, "a stop before the lease's end is drift");
    });

    it("lease changes: renewed in place on a running notebook, switched off with enable: false", async () => {
        const r = await checkAndCreate(p, args({ lease: { duration: "2h" } }));
        const d = await refresh(r.id, r.outs, r.inputs);
        const u = await p.update(r.id, d.r.props, { ...r.inputs, lease: { duration: "4h" } });
        assert.equal((await c.showLease(r.id)).duration, 4 * 3_600_000);
        assert.equal((u.outs.leaseState as { duration: string }).duration, "4h");
        await p.update(r.id, u.outs, { ...r.inputs, lease: { enable: false } });
        assert.equal((await c.showLease(r.id)).enable, false);
        const ops = (await t.admin.requests()).map((e) => e.op);
        assert.ok(!ops.includes("modelarts:StopNotebook"), "no stop for a lease change");
    });

    it("a fleet created together shares listings for its name checks and status polls", async () => {
        // Long enough for a few dozen polls each at the tests' 5–20 ms polling.
        await t.admin.setDurations({ provision: 600 });
        const fleet = Array.from({ length: 8 }, (_, i) => args({ name: `fleet-${i}` }));
        const made = await Promise.all(fleet.map((a) => checkAndCreate(p, a))).finally(() => t.admin.setDurations(FAST));
        assert.deepEqual(
            made.map((m) => m.outs.status),
            Array(8).fill("RUNNING"),
        );
        const log = await t.admin.requests();
        const listings = log.filter((e) => e.op === "modelarts:ListNotebooks");
        const nameChecks = listings.filter((e) => e.queryNames?.includes("name"));
        const pollListings = listings.filter((e) => !e.queryNames?.includes("name"));
        // One read of each create is not a poll: its final state.
        const shows = log.filter((e) => e.op === "modelarts:ShowNotebook");
        const pollShows = shows.length - fleet.length;
        // Without sharing, each create lists by its name and every status poll is a ShowNotebook.
        assert.equal(nameChecks.length, 0, "8 name checks together: one listing of the workspace, not one filtered listing each");
        const listedPolls = pollListings.reduce((n, e) => n + (e.listed?.length ?? 0), 0);
        assert.ok(listedPolls > 4 * pollShows, `listings answered ${listedPolls} polls, ShowNotebook ${pollShows}`);
        assert.ok(pollListings.length < listedPolls / 4, `${pollListings.length} listings for ${listedPolls} answers`);
        assert.equal(log.filter((e) => e.op === "modelarts:CreateNotebook").length, 8, "one create each");
        assert.equal((await c.listAll({})).filter((n) => n.name.startsWith("fleet-")).length, 8);
    });

    it("getNotebooksV2: name filter is fuzzy, paging walks every page, no token in results", async () => {
        for (let i = 0; i < 3; i++)
            await c.create({ name: `list-${i}`, flavor: "modelarts.vm.cpu.2u", image_id: CPU_IMAGE, volume: { category: "EVS", ownership: "MANAGED" } });
        const all = await getNotebooksV2(c, { name: "list-", limit: undefined });
        assert.equal(all.totalCount, 3);
        assert.ok(all.notebooks.every((n) => n.token === undefined));
        const page = await getNotebooksV2(c, { name: "list", offset: 1, limit: 1 });
        assert.equal(page.notebooks.length, 1);
        await eventually(async () => (await getNotebooksV2(c, { status: "RUNNING" })).totalCount === 3, 10_000, "all running");
    });

    it("delete waits until the id answers not found", async () => {
        const r = await checkAndCreate(p, args());
        await p.delete(r.id, r.outs);
        await assert.rejects(c.get(r.id), /ModelArts.6404/);
    });
});
