import { strict as assert } from "node:assert";
import { ResourceInitError } from "../../provider/common/errors";
import { ModelArtsClient } from "../../provider/modelarts/client";
import { getNotebooks } from "../../provider/modelarts/lookup";
import { ModelArtsNotebookProvider } from "../../provider/modelarts/notebook";
import { checkAndCreate, maProvider } from "../support/clients";
import { FAST, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

type Props = Record<string, unknown>;

const args = (extra: Props = {}, spec: Props = {}): Props => ({
    name: `nb-${Math.random().toString(36).slice(2, 8)}`,
    profileId: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.2u",
    ...extra,
    spec: { storage: { type: "evs", location: { volumeSize: 10 } }, ...spec },
});

describe("modelarts.Notebook provider against the emulator", () => {
    let t: TestEmulator;
    let p: ModelArtsNotebookProvider;
    let c: ModelArtsClient;
    before(async () => {
        t = await startTestEmulator();
        ({ provider: p, client: c } = maProvider(t.url));
    });
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    const refresh = async (id: string, outs: Props, inputs: Props) => {
        const r = await p.read(id, outs);
        return { r, diff: r.id ? p.diff(id, r.props, inputs) : undefined };
    };

    for (const [label, storage, extra] of [
        ["evs", { type: "evs", location: { volumeSize: 20 } }, {}],
        ["obs", { type: "obs", location: { path: "/my-bucket/notebooks/" } }, {}],
        [
            "obsfs (dedicated pool)",
            { type: "obsfs", location: { path: "pfs-bucket", mountPath: "/home/ma-user/work/data", accessModes: "ReadOnlyMany" } },
            { pool: { id: "pool-1", type: "USER_DEFINED" } },
        ],
    ] as const) {
        it(`creates with ${label} storage and has no diff afterwards`, async () => {
            const r = await checkAndCreate(p, args(extra as Props, { storage }));
            assert.equal(r.outs.status, "RUNNING");
            const live = await c.get(r.id);
            assert.equal(live.spec?.storage?.type, storage.type);
            const { diff } = await refresh(r.id, r.outs, r.inputs);
            assert.equal(diff?.changes, false, JSON.stringify(diff));
        });
    }

    it("auto_stop: fires (not drift), and a console change or disable is drift that update repairs", async () => {
        const r = await checkAndCreate(p, args({}, { autoStop: { enable: true, duration: 3600 } }));
        const state = r.outs.autoStopState as { stopTimestamp?: number; remainTime?: number };
        assert.ok(state.stopTimestamp && state.stopTimestamp > Date.now(), JSON.stringify(state));
        assert.equal(state.remainTime, undefined, "no countdown output (it would change on every refresh)");
        await t.admin.maSetAutoStop(r.id, { enable: false });
        const d1 = await refresh(r.id, r.outs, r.inputs);
        assert.deepEqual((d1.r.inputs as { spec: Props }).spec.autoStop, { enable: false });
        assert.deepEqual(d1.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
        await p.update(r.id, d1.r.props, r.inputs);
        assert.deepEqual((await c.get(r.id)).spec?.auto_stop?.enable, true);
        await t.admin.maSetAutoStop(r.id, { enable: true, duration: 7200 });
        assert.equal((await refresh(r.id, r.outs, r.inputs)).diff?.changes, true, "changed duration is drift");
        // Fire it: shrink the emulated second and re-arm from the console.
        await t.admin.setDurations({ secondMs: 0.1 });
        await t.admin.maSetAutoStop(r.id, { enable: true, duration: 3600 });
        const armed = await p.read(r.id, r.outs);
        await eventually(async () => (await c.get(r.id)).status === "STOPPED", 4000, "auto-stop");
        await t.admin.setDurations({ secondMs: 20 });
        const d2 = await refresh(r.id, armed.props, r.inputs);
        assert.equal(d2.r.props.stoppedBySchedule, true);
        assert.equal(d2.diff?.changes, false, "a fired auto-stop is not drift");
    });

    it("a notebook stopped in the console while desired RUNNING shows as drift and is started", async () => {
        const r = await checkAndCreate(p, args());
        await t.admin.maStop(r.id);
        await eventually(async () => (await c.get(r.id)).status === "STOPPED");
        const d = await refresh(r.id, r.outs, r.inputs);
        assert.equal((d.r.inputs as Props).status, "STOPPED");
        assert.equal(d.diff?.changes, true);
        await p.update(r.id, d.r.props, r.inputs);
        assert.equal((await c.get(r.id)).status, "RUNNING");
    });

    it("a flavor changed in the console plans a replacement (delete first: same name)", async () => {
        const r = await checkAndCreate(p, args());
        await t.admin.maSetFlavor(r.id, "modelarts.vm.cpu.8u");
        const d = await refresh(r.id, r.outs, r.inputs);
        assert.deepEqual(d.diff, { changes: true, replaces: ["flavor"], deleteBeforeReplace: true });
    });

    it("deletes a running notebook (stopping first on ModelArts.6304) and treats 6309 as gone", async () => {
        const r = await checkAndCreate(p, args());
        const since = (await t.admin.requests()).length;
        await p.delete(r.id, r.outs);
        const ops = (await t.admin.requests()).slice(since).map((x) => `${x.op}:${x.code ?? x.status}`);
        assert.ok(ops.includes("modelarts:DeleteInstance:ModelArts.6304") && ops.includes("modelarts:InstanceAction:200"), ops.join(","));
        assert.equal((await p.read(r.id, r.outs)).id, "", "DELETED reads as gone");
        await eventually(async () =>
            c.get(r.id).then(
                () => false,
                (e: Error) => /ModelArts.6309/.test(e.message),
            ),
        );
        await p.delete(r.id, r.outs);
        assert.equal((await p.read(r.id, r.outs)).id, "");
    });

    it("deletes a notebook refused mid-transition (CREATING): waits for it to settle, stops it, deletes it", async () => {
        const created = await c.create({
            name: `nb-${Math.random().toString(36).slice(2, 8)}`,
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs", location: { volume_size: 10 } } },
        });
        assert.equal(created.status, "CREATING");
        const since = (await t.admin.requests()).length;
        await p.delete(created.id, { name: created.name });
        const deletes = (await t.admin.requests())
            .slice(since)
            .filter((x) => x.op === "modelarts:DeleteInstance")
            .map((x) => x.code ?? x.status);
        assert.deepEqual(deletes, ["ModelArts.6304", 200], "refused while CREATING, accepted once stopped");
        await eventually(async () =>
            c.get(created.id).then(
                () => false,
                (e: Error) => /ModelArts.6309/.test(e.message),
            ),
        );
    });

    it("updates the description in place", async () => {
        const r = await checkAndCreate(p, args({ description: "one" }));
        const news = p.check(r.inputs, { ...r.inputs, description: "two" }).inputs;
        assert.deepEqual(p.diff(r.id, r.outs, news), { changes: true, replaces: [], deleteBeforeReplace: false });
        await p.update(r.id, r.outs, news);
        assert.equal((await c.get(r.id)).description, "two");
    });

    it("adopts by name and by id", async () => {
        // Made in the console, exactly as the program would make it: never taken on resemblance (recovery.ts).
        const n = await c.create({
            name: "legacy",
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" } },
        });
        await eventually(async () => (await c.get(n.id)).status === "RUNNING");
        await assert.rejects(checkAndCreate(p, args({ name: "legacy" })), /named legacy already exists .* set adopt: \{ instanceId: "DE-/);
        assert.equal((await checkAndCreate(p, args({ name: "legacy", adopt: { byName: true } }))).id, n.id);
        const byId = await checkAndCreate(p, args({ name: "legacy", adopt: { instanceId: n.id }, status: "STOPPED", description: "adopted" }));
        assert.equal(byId.id, n.id);
        const live = await c.get(n.id);
        assert.deepEqual([live.status, live.description], ["STOPPED", "adopted"]);
    });

    it("keeps the id of a notebook that ends CREATE_FAILED, and replaces it on the next run", async () => {
        await t.admin.setFaults({ failNextCreates: 1 });
        const a = args();
        const err = await checkAndCreate(p, a).then(
            () => assert.fail("expected failure"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof ResourceInitError, String(err));
        assert.match(err.id, /^DE-/);
        assert.equal(err.properties.status, "CREATE_FAILED");
        assert.deepEqual(p.diff(err.id, err.properties, p.check({}, a).inputs).replaces, ["status"], "restart is impossible: replace");
        assert.ok(
            !JSON.stringify(err.properties).includes("undefined") && Object.values(err.properties).every((v) => v !== undefined),
            "nothing the engine cannot carry",
        );
    });

    it("finds its own notebook when the create answer is lost, instead of creating twice", async () => {
        // Drop every create answer after it took effect (the emulator names it CreateInstance): the next attempt must find it.
        await t.admin.setFaults({ dropRate: 1, operations: ["CreateInstance"] });
        try {
            const r = await checkAndCreate(p, args({ name: "lost-answer" }));
            assert.deepEqual(
                (await t.admin.maInstances()).map((n) => n.id),
                [r.id],
            );
        } finally {
            await t.admin.setFaults({ dropRate: 0, operations: [] });
        }
    });

    it("finds its own notebook when the create answer is a 200 with a body cut halfway, instead of losing or doubling it", async () => {
        await t.admin.setFaults({ malformedRate: 1, operations: ["CreateInstance"] });
        try {
            const r = await checkAndCreate(p, args({ name: "cut-answer" }));
            assert.deepEqual(
                (await t.admin.maInstances()).map((n) => n.id),
                [r.id],
            );
            assert.equal((await t.admin.counters()).faults.malformed, 1);
        } finally {
            await t.admin.setFaults({ malformedRate: 0, operations: [] });
        }
    });

    it("a create whose wait fails on an auth error is kept with a state that plans no replacement (the project id from config is no input)", async () => {
        // As for NotebookV2 (notebookv2-provider.spec.ts): the kept state once recorded projectId as an input.
        await t.admin.setDurations({ ...FAST, provision: 2_000 });
        const checked = p.check({}, args()).inputs;
        const failed = p.create(checked).then(
            () => assert.fail("expected the create to fail"),
            (e: unknown) => e,
        );
        try {
            await eventually(async () => (await t.admin.maInstances()).length === 1, 10_000, "the create accepted");
            await t.admin.setFaults({ authErrorRate: 1, operations: ["GetInstance", "ListInstances"] });
            const err = await failed;
            assert.ok(err instanceof ResourceInitError, String(err));
            assert.match(err.message, /is kept in the stack/);
            await t.admin.setFaults({ authErrorRate: 0, operations: [] });
            const d = p.diff(err.id, err.properties as Props, checked);
            assert.deepEqual(d.replaces, [], JSON.stringify(d));
        } finally {
            await t.admin.setFaults({ authErrorRate: 0, operations: [] });
            await t.admin.setDurations(FAST);
        }
    });

    it("failedPolicy: restart starts an UNAVAILABLE notebook; error refuses", async () => {
        const r = await checkAndCreate(p, args());
        await t.admin.maFail(r.id, "UNAVAILABLE");
        const d = await refresh(r.id, r.outs, r.inputs);
        assert.deepEqual(d.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
        const refused = p.check(d.r.inputs as Props, { ...r.inputs, failedPolicy: "error" });
        assert.match(refused.failures.map((f) => f.reason).join(" "), /is UNAVAILABLE and failedPolicy is "error"/);
        assert.doesNotThrow(() => p.diff(r.id, d.r.props, { ...(d.r.inputs as Props), failedPolicy: "error" }));
        await p.update(r.id, d.r.props, r.inputs);
        assert.equal((await c.get(r.id)).status, "RUNNING");
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
        const listings = log.filter((e) => e.op === "modelarts:ListInstances");
        // Each create reads its final state once; every other GetInstance is a status poll.
        const pollGets = log.filter((e) => e.op === "modelarts:GetInstance").length - fleet.length;
        const listedPolls = listings.reduce((n, e) => n + (e.listed?.length ?? 0), 0);
        // Without sharing: a listing per name check and a GetInstance per poll.
        const beforeCreates = listings.filter((e) => e.seq < Math.min(...log.filter((x) => x.op === "modelarts:CreateInstance").map((x) => x.seq)));
        assert.equal(beforeCreates.length, 1, "8 name checks together: one listing");
        assert.ok(listedPolls > 4 * pollGets, `listings answered ${listedPolls} polls, GetInstance ${pollGets}`);
        assert.ok(listings.length < listedPolls / 4, `${listings.length} listings for ${listedPolls} answers`);
        assert.equal(log.filter((e) => e.op === "modelarts:CreateInstance").length, 8, "one create each");
    });

    it("getNotebooks: filters, sorting and paging", async () => {
        // Slow enough that "none RUNNING yet" holds on a busy machine too; restored below.
        await t.admin.setDurations({ provision: 3000 });
        for (const name of ["c-one", "a-two", "b-three"]) {
            await c.create({ name, profile_id: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u", spec: { storage: { type: "evs" } } });
        }
        await c.create({
            name: "pooled",
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" } },
            pool: { id: "pool-9" },
            ai_project: { id: "proj-x" },
        });
        await c.create({
            name: "ws1",
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" } },
            workspace: { id: "ws-1" },
        });
        const names = async (a: Parameters<typeof getNotebooks>[1]) => (await getNotebooks(c, a)).notebooks.map((n) => n.name);
        assert.deepEqual(await names({}), ["a-two", "b-three", "c-one", "pooled"]);
        assert.deepEqual(await names({ sortBy: "name", order: "desc" }), ["pooled", "c-one", "b-three", "a-two"]);
        assert.deepEqual(await names({ sortBy: "creation_timestamp", order: "asc" }), ["c-one", "a-two", "b-three", "pooled"]);
        assert.deepEqual(await names({ workspaceId: "ws-1" }), ["ws1"]);
        assert.deepEqual(await names({ poolId: "pool-9" }), ["pooled"]);
        assert.deepEqual(await names({ aiProject: "proj-x" }), ["pooled"]);
        assert.deepEqual(await names({ status: "RUNNING" }), []);
        assert.deepEqual(await names({ provisionType: "Docker", showSelf: true }), ["a-two", "b-three", "c-one", "pooled"]);
        assert.deepEqual(await names({ offset: 1, limit: 2 }), ["b-three", "c-one"]);
        await t.admin.setDurations({ provision: FAST.provision });
        await eventually(async () => (await names({ status: "RUNNING" })).length === 4, 10_000);
        await assert.rejects(getNotebooks(c, { limit: 0 } as never), /limit/);
    });
});
