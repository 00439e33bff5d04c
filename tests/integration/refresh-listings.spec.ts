/**
 * Refresh of a fleet from the list API (issue 27), for both ModelArts APIs: reads made together
 * cost the listing's pages, not one GET per notebook, and the GET still answers what the listing
 * cannot (a notebook gone or changed by this process since the walk).
 */
import { strict as assert } from "node:assert";
import { ModelArtsClient } from "../../provider/modelarts/client";
import { ModelArtsNotebookProvider } from "../../provider/modelarts/notebook";
import { maListings } from "../../provider/modelarts/readCache";
import { NotebooksClient } from "../../provider/modelartsV2/client";
import { NotebookV2Provider } from "../../provider/modelartsV2/notebook";
import { nbListings } from "../../provider/modelartsV2/readCache";
import { FAST_POLL, dswProvider, maClient, nbClient } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { OWNER_KEY } from "../../provider/common/schema";

const V2_IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";

async function opsSince(t: TestEmulator, seq: number): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const e of await t.admin.requests(seq)) out[e.op] = (out[e.op] ?? 0) + 1;
    return out;
}

/** Both reads must see one settled notebook: one caught mid-provisioning changes between the two calls. */
async function settled(get: () => Promise<{ status: string }>): Promise<void> {
    for (let i = 0; i < 200; i++) {
        if ((await get()).status === "RUNNING") return;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the notebook never reached RUNNING");
}

async function lastSeq(t: TestEmulator): Promise<number> {
    const log = await t.admin.requests();
    return log.length > 0 ? log[log.length - 1].seq : 0;
}

describe("refresh from the list API: ModelArts NotebookV2 and Notebook, DSW by owner (issues 26, 27)", function () {
    this.timeout(120_000);
    let t: TestEmulator;
    before(async () => {
        // More notebooks than the default quota (100 per project), for listings of three pages.
        t = await startTestEmulator({ modelartsMaxInstances: 300 });
    });
    after(() => t.close());

    describe("modelarts.NotebookV2: ListNotebooks pages of 50", () => {
        let c: NotebooksClient;
        let ids: string[];
        const N = 120;
        const props = (i: number) => ({
            name: `fleet-${i}`,
            flavor: "modelarts.vm.gpu.p100",
            imageId: V2_IMAGE,
            volume: { category: "EVS" as const, capacity: 20 },
        });
        before(async () => {
            await t.admin.reset();
            c = nbClient(t.url);
            ids = [];
            for (let i = 0; i < N; i += 20) {
                const batch = Array.from({ length: Math.min(20, N - i) }, (_, k) =>
                    c.create({
                        name: `fleet-${i + k}`,
                        flavor: "modelarts.vm.gpu.p100",
                        image_id: V2_IMAGE,
                        volume: { category: "EVS", ownership: "MANAGED", capacity: 20 },
                    }),
                );
                ids.push(...(await Promise.all(batch)).map((n) => n.id));
            }
        });

        it(`${N} reads made together cost ceil(${N}/50) = 3 ListNotebooks calls and no ShowNotebook`, async () => {
            const p = new NotebookV2Provider({ client: () => c, poll: () => FAST_POLL, listings: nbListings() });
            const seq = await lastSeq(t);
            const reads = await Promise.all(ids.map((id, i) => p.read(id, props(i))));
            assert.deepEqual(
                reads.map((r) => r.id),
                ids,
            );
            assert.ok(reads.every((r) => r.props.name === `fleet-${ids.indexOf(r.id)}`));
            assert.deepEqual(await opsSince(t, seq), { "modelarts:ListNotebooks": 3 });
        });

        it("the listing's answer is the ShowNotebook answer: the same state, token secret included", async () => {
            const listed = new NotebookV2Provider({ client: () => c, poll: () => FAST_POLL, listings: nbListings() });
            const single = new NotebookV2Provider({ client: () => c, poll: () => FAST_POLL });
            await settled(() => c.get(ids[7]));
            const [a, b] = [await listed.read(ids[7], props(7)), await single.read(ids[7], props(7))];
            assert.deepEqual(a, b);
        });

        it("a notebook gone since is confirmed with ShowNotebook and leaves the state; a notebook in another workspace is read with ShowNotebook", async () => {
            const p = new NotebookV2Provider({ client: () => c, poll: () => FAST_POLL, listings: nbListings() });
            await c.delete(ids[3]);
            const seq = await lastSeq(t);
            const r = await Promise.all([p.read(ids[3], props(3)), p.read(ids[4], props(4)), p.read(ids[5], { ...props(5), workspaceId: "0" })]);
            assert.equal(r[1].id, ids[4]);
            assert.equal(r[2].id, ids[5]);
            const ops = await opsSince(t, seq);
            assert.equal(ops["modelarts:ListNotebooks"], 3);
            // The deleting notebook is still listed (DELETING) or gone from the listing: either way nothing else costs a GET.
            assert.ok((ops["modelarts:ShowNotebook"] ?? 0) <= 1, JSON.stringify(ops));
            const wsSeq = await lastSeq(t);
            const other = await p.read(ids[6], { ...props(6), workspaceId: "0123456789abcdef0123456789abcdef" });
            assert.equal(other.id, ids[6]);
            assert.deepEqual(
                await opsSince(t, wsSeq),
                { "modelarts:ListNotebooks": 1, "modelarts:ShowNotebook": 1 },
                "an empty listing of that workspace, then the GET",
            );
        });

        it("a notebook this process updates is read with ShowNotebook afterwards, not from the older listing", async () => {
            const p = new NotebookV2Provider({ client: () => c, poll: () => FAST_POLL, listings: nbListings(60_000) });
            const before = await p.read(ids[10], props(10));
            await p.update(ids[10], before.props, { ...props(10), description: "changed", __nbName: "t", __nbOwner: "test/dev" });
            const seq = await lastSeq(t);
            const after = await p.read(ids[10], { ...before.props, description: "changed" });
            assert.equal(after.props.description, "changed");
            assert.deepEqual(await opsSince(t, seq), { "modelarts:ShowNotebook": 1 });
        });

        it("the emulator pages as the service documents: limit up to 50, a larger one refused with 6336", async () => {
            assert.equal((await c.list({ limit: 50 })).notebooks.length, 50);
            await assert.rejects(c.list({ limit: 51 }), /ModelArts\.6336/);
        });
    });

    describe("modelarts.Notebook (old API): ListNotebooks with limit 0, 'return all'", () => {
        let c: ModelArtsClient;
        let ids: string[];
        const N = 60;
        const props = (i: number) => ({
            name: `fleet_${i}`,
            profileId: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" as const } },
        });
        before(async () => {
            await t.admin.reset();
            c = maClient(t.url);
            ids = [];
            for (let i = 0; i < N; i += 20) {
                const batch = Array.from({ length: Math.min(20, N - i) }, (_, k) =>
                    c.create({
                        name: `fleet_${i + k}`,
                        profile_id: "Multi-Engine 1.0 (python3)-cpu",
                        flavor: "modelarts.vm.cpu.2u",
                        spec: { storage: { type: "evs" } },
                    }),
                );
                ids.push(...(await Promise.all(batch)).map((n) => n.id));
            }
        });

        it(`${N} reads made together cost one ListNotebooks call`, async () => {
            const p = new ModelArtsNotebookProvider({ client: () => c, poll: () => FAST_POLL, listings: maListings() });
            const seq = await lastSeq(t);
            const reads = await Promise.all(ids.map((id, i) => p.read(id, props(i))));
            assert.deepEqual(
                reads.map((r) => r.id),
                ids,
            );
            assert.deepEqual(await opsSince(t, seq), { "modelarts:ListInstances": 1 });
        });

        it("the listing's answer is the GET's answer", async () => {
            const listed = new ModelArtsNotebookProvider({ client: () => c, poll: () => FAST_POLL, listings: maListings(), now: () => 0 });
            const single = new ModelArtsNotebookProvider({ client: () => c, poll: () => FAST_POLL, now: () => 0 });
            await settled(() => c.get(ids[2]));
            assert.deepEqual(await listed.read(ids[2], props(2)), await single.read(ids[2], props(2)));
        });

        it("a notebook in another workspace than the listing's is read with the GET", async () => {
            const p = new ModelArtsNotebookProvider({ client: () => c, poll: () => FAST_POLL, listings: maListings() });
            const seq = await lastSeq(t);
            const r = await p.read(ids[0], { ...props(0), workspace: { id: "0123456789abcdef0123456789abcdef" } });
            assert.equal(r.id, ids[0]);
            assert.deepEqual(await opsSince(t, seq), { "modelarts:ListInstances": 1, "modelarts:GetInstance": 1 });
        });
    });
    describe("dsw.Instance: the refresh listing is narrowed to the stack's owner label", () => {
        const OURS = "proj/ours";
        const ws = "40823";
        let ours: string[];
        const make = (name: string, owner: string) =>
            dswProvider(t.url).client.createInstance({
                WorkspaceId: ws,
                InstanceName: name,
                EcsSpec: "ecs.c6.large",
                ImageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
                Labels: [{ Key: OWNER_KEY, Value: owner }],
            });
        const props = (i: number) => ({ workspaceId: ws, instanceName: `ours_${i}`, ecsSpec: "ecs.c6.large", __nbOwner: OURS });
        before(async () => {
            await t.admin.reset();
            ours = await Promise.all(Array.from({ length: 30 }, (_, i) => make(`ours_${i}`, OURS)));
            // Another stack's 110 in the same workspace: 140 in all, two pages of 100 unfiltered.
            for (let i = 0; i < 110; i += 22) await Promise.all(Array.from({ length: 22 }, (_, k) => make(`theirs_${i + k}`, "proj/theirs")));
        });

        // A refresh's idle window (5 s, as the provider runs): with none, a read that arrives a
        // millisecond after the walk ended starts another one, which a busy machine made happen.
        it("30 reads of one stack cost one ListInstances page filtered on its owner, whatever else shares the workspace", async () => {
            const { provider } = dswProvider(t.url, undefined, 5000);
            const seq = await lastSeq(t);
            const reads = await Promise.all(ours.map((id, i) => provider.read(id, props(i))));
            assert.deepEqual(
                reads.map((r) => r.id),
                ours,
            );
            assert.deepEqual(await opsSince(t, seq), { "dsw:ListInstances": 1 });
            const [listing] = (await t.admin.requests(seq)).filter((e) => e.op === "dsw:ListInstances");
            assert.ok(listing.queryNames?.includes("Labels"), JSON.stringify(listing.queryNames));
            assert.equal(listing.listed?.length, 30);
        });

        it("a notebook whose owner label was removed in the console is still found, with GetInstance", async () => {
            const { provider, client } = dswProvider(t.url, undefined, 5000);
            await client.deleteLabels(ours[0], [OWNER_KEY]);
            const seq = await lastSeq(t);
            const reads = await Promise.all(ours.slice(0, 5).map((id, i) => provider.read(id, props(i))));
            assert.deepEqual(
                reads.map((r) => r.id),
                ours.slice(0, 5),
            );
            assert.deepEqual(await opsSince(t, seq), { "dsw:ListInstances": 1, "dsw:GetInstance": 1 });
        });
    });
});
