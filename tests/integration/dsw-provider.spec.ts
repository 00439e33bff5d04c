import { strict as assert } from "node:assert";
import { ResourceInitError } from "../../provider/common/errors";
import { getInstances } from "../../provider/dsw/lookup";
import { DswInstanceProvider } from "../../provider/dsw/instance";
import { DswClient } from "../../provider/dsw/client";
import { checkAndCreate, dswProvider } from "../support/clients";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const IMAGE = "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1";
type Props = Record<string, unknown>;

const args = (extra: Props = {}): Props => ({
    workspaceId: "40823",
    instanceName: `nb_${Math.random().toString(36).slice(2, 8)}`,
    ecsSpec: "ecs.g6.xlarge",
    imageUrl: IMAGE,
    ...extra,
});

/** refresh (read) then diff against the program's inputs, as `pulumi preview --refresh` does. */
async function refreshAndDiff(p: DswInstanceProvider, id: string, outs: Props, programInputs: Props) {
    const r = await p.read(id, outs);
    if (!r.id) return { gone: true as const };
    return { gone: false as const, read: r, diff: p.diff(id, r.props, programInputs) };
}

describe("dsw.Instance provider against the emulator", () => {
    let t: TestEmulator;
    let p: DswInstanceProvider;
    let c: DswClient;
    before(async () => {
        t = await startTestEmulator();
        ({ provider: p, client: c } = dswProvider(t.url));
    });
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    it("creates with timer, culler and labels, and reports outputs", async () => {
        const r = await checkAndCreate(p, args({ shutdownTimer: { remainingTime: "8h" }, idleCuller: { maxIdleTimeInMinutes: 30 }, labels: { team: "ml" } }));
        assert.equal(r.outs.status, "Running");
        assert.match(String(r.outs.jupyterlabUrl), /lab/);
        assert.equal(r.outs.liveLabels && (r.outs.liveLabels as Record<string, string>)["pulumi-notebooks-owner"], "test/dev");
        const live = await c.getInstance(r.id);
        assert.ok(live.InstanceShutdownTimer?.RemainingTimeInMs && live.InstanceShutdownTimer.RemainingTimeInMs > 7.9 * 3600_000);
        assert.deepEqual([live.IdleInstanceCuller?.CpuPercentThreshold, live.IdleInstanceCuller?.MaxIdleTimeInMinutes], [20, 30]);
        assert.equal((await refreshAndDiff(p, r.id, r.outs, r.inputs)).diff?.changes, false, "no permanent diff after create");
    });

    it("finds console drift on refresh (stopped, spec changed, timer removed, culler removed) and repairs it", async () => {
        const r = await checkAndCreate(p, args({ shutdownTimer: { remainingTime: "8h" }, idleCuller: { maxIdleTimeInMinutes: 30 } }));
        await t.admin.dswStop(r.id);
        await t.admin.dswSetSpec(r.id, { EcsSpec: "ecs.g6.2xlarge" });
        await t.admin.dswDeleteTimer(r.id);
        await t.admin.dswDeleteCuller(r.id);
        await eventually(async () => (await c.getInstance(r.id)).Status === "Stopped");
        const d = await refreshAndDiff(p, r.id, r.outs, r.inputs);
        assert.ok(!d.gone);
        const inputs = d.read.inputs as Props;
        assert.equal(inputs.status, "Stopped");
        assert.equal(inputs.ecsSpec, "ecs.g6.2xlarge");
        assert.equal(inputs.shutdownTimer, undefined);
        assert.equal(inputs.idleCuller, undefined);
        assert.deepEqual(d.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
        const u = await p.update(r.id, d.read.props, r.inputs);
        const live = await c.getInstance(r.id);
        assert.deepEqual([live.Status, live.EcsSpec], ["Running", "ecs.g6.xlarge"]);
        assert.ok(live.InstanceShutdownTimer && live.IdleInstanceCuller);
        assert.equal((await refreshAndDiff(p, r.id, u.outs, r.inputs)).diff?.changes, false, "repaired: no diff left");
    });

    it("stops a running instance before a restart-required update and starts it again", async () => {
        const r = await checkAndCreate(p, args());
        const news = p.check(r.inputs, { ...r.inputs, ecsSpec: "ecs.gn6i-c4g1.xlarge", environmentVariables: { A: "1" } }).inputs;
        const since = (await t.admin.requests()).length;
        await p.update(r.id, r.outs, news);
        const ops = (await t.admin.requests()).slice(since).map((x) => x.op);
        assert.ok(ops.indexOf("dsw:StopInstance") >= 0 && ops.indexOf("dsw:StopInstance") < ops.indexOf("dsw:UpdateInstance"), ops.join(","));
        const live = await c.getInstance(r.id);
        assert.deepEqual([live.Status, live.EcsSpec, live.EnvironmentVariables?.A], ["Running", "ecs.gn6i-c4g1.xlarge", "1"]);
    });

    it("a failing UpdateInstance after the stop starts the instance again and reports the cloud's error", async () => {
        const r = await checkAndCreate(p, args({ shutdownTimer: { remainingTime: "8h" } }));
        const news = p.check(r.inputs, { ...r.inputs, ecsSpec: "ecs.gn6i-c4g1.xlarge" }).inputs;
        const since = (await t.admin.requests()).length;
        await t.admin.setFaults({ serverErrorRate: 1, operations: ["UpdateInstance"] });
        try {
            await assert.rejects(p.update(r.id, r.outs, news), (e: Error) => {
                assert.match(e.message, /UpdateInstance failed: ServiceUnavailable: The request has failed/);
                assert.match(e.message, /RequestId (?!unknown)\S+/);
                return true;
            });
        } finally {
            await t.admin.setFaults({ serverErrorRate: 0, operations: [] });
        }
        const ops = (await t.admin.requests()).slice(since).map((x) => x.op);
        const [stop, update, start] = ["StopInstance", "UpdateInstance", "StartInstance"].map((o) => ops.lastIndexOf(`dsw:${o}`));
        assert.ok(stop >= 0 && stop < update && update < start, ops.join(","));
        const live = await c.getInstance(r.id);
        assert.deepEqual([live.Status, live.EcsSpec], ["Running", "ecs.g6.xlarge"]);
        assert.ok(live.InstanceShutdownTimer, "restarted with its shutdown timer");
    });

    it("updates live fields without stopping, and keeps a Stopped instance stopped", async () => {
        const r = await checkAndCreate(p, args({ status: "Stopped" }));
        assert.equal((await c.getInstance(r.id)).Status, "Stopped");
        const since = (await t.admin.requests()).length;
        await p.update(r.id, r.outs, p.check(r.inputs, { ...r.inputs, accessibility: "PUBLIC", labels: { a: "1" } }).inputs);
        const ops = (await t.admin.requests()).slice(since).map((x) => x.op);
        assert.ok(!ops.includes("dsw:StopInstance") && !ops.includes("dsw:StartInstance"), ops.join(","));
        const live = await c.getInstance(r.id);
        assert.deepEqual([live.Status, live.Accessibility], ["Stopped", "PUBLIC"]);
    });

    it("reads a deleted instance as gone", async () => {
        const r = await checkAndCreate(p, args());
        await t.admin.dswDelete(r.id);
        await eventually(async () => (await refreshAndDiff(p, r.id, r.outs, r.inputs)).gone);
    });

    it("plans replacements: create-first into another workspace, delete-first when the name would clash", () => {
        const olds = { ...args({ instanceName: "same" }), status: "Running", __nbInputKeys: ["workspaceId", "instanceName", "ecsSpec", "imageUrl", "status"] };
        assert.deepEqual(p.diff("dsw-1", olds, { ...olds, workspaceId: "40824" }), { changes: true, replaces: ["workspaceId"], deleteBeforeReplace: false });
        assert.deepEqual(p.diff("dsw-1", olds, { ...olds, tags: { cost: "b" } }), { changes: true, replaces: ["tags"], deleteBeforeReplace: true });
        assert.deepEqual(p.diff("dsw-1", olds, { ...olds }), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("adopts an existing instance by name and by id, then manages it", async () => {
        const id = await c.createInstance({ WorkspaceId: "40823", InstanceName: "legacy_nb", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE });
        await eventually(async () => (await c.getInstance(id)).Status === "Running");
        await assert.rejects(checkAndCreate(p, args({ instanceName: "legacy_nb" })), /already exists .* adopt/);
        const byName = await checkAndCreate(p, args({ instanceName: "legacy_nb", adopt: { byName: true }, labels: { owner: "me" } }));
        assert.equal(byName.id, id);
        const live = await c.getInstance(id);
        assert.ok(live.Labels?.some((l) => l.Key === "owner"));
        const byId = await checkAndCreate(p, args({ instanceName: "legacy_nb", adopt: { instanceId: id }, status: "Stopped" }));
        assert.equal(byId.id, id);
        assert.equal((await c.getInstance(id)).Status, "Stopped");
        await assert.rejects(checkAndCreate(p, args({ adopt: { instanceId: "dsw-doesnotexist00" } })), /no DSW instance/);
    });

    it("keeps the id when the cloud accepts a create and then fails it (partial create)", async () => {
        await t.admin.setFaults({ failNextCreates: 1 });
        const err = await checkAndCreate(p, args()).then(
            () => assert.fail("expected a failure"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof ResourceInitError, String(err));
        assert.match(err.id, /^dsw-/);
        assert.match(err.message, /ContainerStartFailed/);
        assert.equal(err.properties.status, "Failed");
    });

    it("finds its own instance when the CreateInstance answer is lost, instead of creating twice", async () => {
        await t.admin.setFaults({ dropRate: 1, operations: ["CreateInstance"] });
        try {
            const r = await checkAndCreate(p, args({ instanceName: "lost_answer" }));
            const all = await t.admin.dswInstances();
            assert.deepEqual(
                all.map((i) => i.InstanceId),
                [r.id],
                "exactly one instance",
            );
            assert.equal((await t.admin.counters()).faults.drop, 1);
        } finally {
            await t.admin.setFaults({ dropRate: 0, operations: [] });
        }
    });

    it("finds its own instance when the CreateInstance answer is a 200 with a body cut halfway, instead of losing or doubling it", async () => {
        // The create took effect; only the answer (the new id) is unreadable.
        await t.admin.setFaults({ malformedRate: 1, operations: ["CreateInstance"] });
        try {
            const r = await checkAndCreate(p, args({ instanceName: "cut_answer" }));
            assert.deepEqual(
                (await t.admin.dswInstances()).map((i) => i.InstanceId),
                [r.id],
                "exactly one instance, and it is the one in state",
            );
            assert.equal((await t.admin.counters()).faults.malformed, 1);
        } finally {
            await t.admin.setFaults({ malformedRate: 0, operations: [] });
        }
    });

    it("applies failedPolicy to an instance found Failed: restart (default), replace, error", async () => {
        const r = await checkAndCreate(p, args());
        await t.admin.dswFail(r.id);
        const read = await p.read(r.id, r.outs);
        assert.equal((read.inputs as Props).status, "Failed");
        assert.deepEqual(p.diff(r.id, read.props, r.inputs), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(p.diff(r.id, read.props, { ...r.inputs, failedPolicy: "replace" }).replaces, ["status"]);
        // "error" stops at check, with the program's inputs; the refresh's own diff (read inputs) never throws.
        const refused = p.check(read.inputs as Props, { ...r.inputs, failedPolicy: "error" });
        assert.match(refused.failures.map((f) => f.reason).join(" "), /is Failed and failedPolicy is "error"/);
        assert.doesNotThrow(() => p.diff(r.id, read.props, { ...(read.inputs as Props), failedPolicy: "error" }));
        assert.deepEqual(p.check(read.inputs as Props, { ...r.inputs, failedPolicy: "restart" }).failures, [], "switching the program back lets it through");
        await p.update(r.id, read.props, r.inputs);
        assert.equal((await c.getInstance(r.id)).Status, "Running");
    });

    it("treats a fired shutdown timer as the schedule working, not drift", async () => {
        const r = await checkAndCreate(p, args({ shutdownTimer: { remainingTime: "200ms" } }));
        await eventually(async () => (await c.getInstance(r.id)).Status === "Stopped", 3000);
        const d = await refreshAndDiff(p, r.id, r.outs, r.inputs);
        assert.ok(!d.gone);
        assert.equal(d.read.props.stoppedBySchedule, true);
        assert.equal(d.read.props.liveStatus, "Stopped");
        assert.equal(d.diff.changes, false, "no restart planned");
    });

    it("deletes, waits until gone, and treats gone-already as success", async () => {
        const r = await checkAndCreate(p, args());
        await p.delete(r.id, r.outs);
        await assert.rejects(c.getInstance(r.id), /HTTP 404/);
        await p.delete(r.id, r.outs);
    });

    it("a fleet created together shares listings for its name checks and status polls", async () => {
        await t.admin.resetCounters();
        const fleet = Array.from({ length: 8 }, (_, i) => args({ instanceName: `fleet_${i}` }));
        const made = await Promise.all(fleet.map((a) => checkAndCreate(p, a)));
        assert.deepEqual(
            made.map((m) => m.outs.status),
            Array(8).fill("Running"),
        );
        const log = await t.admin.requests();
        const listings = log.filter((e) => e.op === "dsw:ListInstances");
        const gets = log.filter((e) => e.op === "dsw:GetInstance");
        // Every status poll is a GetInstance without batching; with it, listings answer the fleet's polls.
        const listedPolls = listings.reduce((n, e) => n + (e.listed?.length ?? 0), 0);
        assert.ok(listedPolls > gets.length, `listings answered ${listedPolls} polls, GetInstance ${gets.length}`);
        assert.ok(listings.length < listedPolls / 4, `${listings.length} listings for ${listedPolls} answers`);
        assert.equal(log.filter((e) => e.op === "dsw:CreateInstance").length, 8, "one create each");
        assert.equal((await t.admin.dswInstances()).length, 8);
    });

    it("getInstances: every ListInstances filter, all pages", async () => {
        const mk = (n: string, extra: Props) => c.createInstance({ WorkspaceId: "40823", InstanceName: n, ImageUrl: IMAGE, ...extra });
        await mk("f_cpu_priv", { EcsSpec: "ecs.c6.large", Labels: [{ Key: "env", Value: "dev" }], Tag: [{ Key: "cost", Value: "a" }] });
        await mk("f_gpu_pub", { EcsSpec: "ecs.gn7i-c8g1.2xlarge", Accessibility: "PUBLIC", OversoldType: "AcceptQuotaOverSold" });
        await mk("f_quota", { ResourceId: "quota1", RequestedResource: { CPU: "16", Memory: "64GB", GPU: "2", GPUType: "A100" }, ImageId: undefined });
        const w = { workspaceId: "40823", resourceId: "ALL" };
        const names = async (a: Parameters<typeof getInstances>[1]) => (await getInstances(c, { ...w, ...a })).instances.map((i) => i.instanceName).sort();
        assert.deepEqual(await names({}), ["f_cpu_priv", "f_gpu_pub", "f_quota"]);
        assert.deepEqual(await names({ resourceId: undefined }), ["f_cpu_priv", "f_gpu_pub"], "default: pay-as-you-go only");
        assert.deepEqual(await names({ instanceName: "GPU" }), ["f_gpu_pub"]);
        assert.deepEqual(await names({ paymentType: "Subscription" }), ["f_quota"]);
        assert.deepEqual(await names({ accessibility: "PUBLIC" }), ["f_gpu_pub"]);
        assert.deepEqual(await names({ acceleratorType: "GPU" }), ["f_gpu_pub", "f_quota"]);
        assert.deepEqual(await names({ labels: { env: "dev" } }), ["f_cpu_priv"]);
        assert.deepEqual(await names({ tags: { cost: "a" } }), ["f_cpu_priv"]);
        assert.deepEqual(await names({ gpuType: "nvidia a10" }), ["f_gpu_pub"]);
        assert.deepEqual(await names({ minCpu: 8000 }), ["f_gpu_pub", "f_quota"]);
        assert.deepEqual(await names({ maxCpu: 2000 }), ["f_cpu_priv"]);
        assert.deepEqual(await names({ minGpu: 2000 }), ["f_quota"]);
        assert.deepEqual(await names({ maxGpu: 0 }), ["f_cpu_priv"]);
        assert.deepEqual(await names({ minMemory: 30, maxMemory: 40 }), ["f_gpu_pub"]);
        assert.deepEqual(await names({ minGpuMemory: 20, maxGpuMemory: 24 }), ["f_gpu_pub"]);
        assert.deepEqual(await names({ imageName: "pytorch" }), ["f_cpu_priv", "f_gpu_pub", "f_quota"]);
        assert.deepEqual(await names({ imageName: "tensorflow" }), []);
        assert.deepEqual(await names({ oversoldType: "AcceptQuotaOverSold" }), ["f_gpu_pub"]);
        assert.deepEqual(await names({ createUserId: "1612285282502324" }), ["f_cpu_priv", "f_gpu_pub", "f_quota"]);
        assert.deepEqual(await names({ createTimeBefore: "2000-01-01T00:00:00Z" }), []);
        assert.deepEqual(await names({ createTimeAfter: "2000-01-01T00:00:00Z" }), ["f_cpu_priv", "f_gpu_pub", "f_quota"]);
        // Instances move through short phases while this runs: check what a status filter returns,
        // not that an instance seen in a phase a moment ago is still in it.
        // On a busy machine every instance can leave its phase between the two listings, so the
        // whole check is tried again on a fresh listing (at most 5 times) before it counts as a miss.
        let matchedSome = false;
        for (let attempt = 0; attempt < 5 && !matchedSome; attempt++) {
            const statuses = new Set((await getInstances(c, w)).instances.map((i) => i.status));
            for (const st of statuses) {
                const got = (await getInstances(c, { ...w, status: st })).instances;
                assert.ok(
                    got.every((i) => i.status === st),
                    `status ${st}: ${got.map((i) => i.status).join(",")}`,
                );
                matchedSome ||= got.length > 0;
            }
        }
        assert.ok(matchedSome, "a status filter matched the instances in that status");
        assert.deepEqual(await names({ status: "Creating,Running" }), [], "a comma list is one (unknown) status, not two");
        const ids = (await getInstances(c, w)).instances.map((i) => i.instanceId);
        assert.deepEqual(
            (await getInstances(c, { ...w, instanceId: ids[0] })).instances.map((i) => i.instanceId),
            [ids[0]],
        );
        for (const i of (await getInstances(c, w)).instances) {
            assert.equal(i.environmentVariables, undefined, "lookups leave secret-bearing fields out");
            assert.equal(i.imageAuth, undefined);
        }
        const paged = await getInstances(c, { ...w, pageSize: 1, sortBy: "GmtCreateTime", order: "ASC" });
        assert.equal(paged.instances.length, 3, "walks every page");
        assert.equal((await getInstances(c, { ...w, pageSize: 1, pageNumber: 2 })).instances.length, 1);
        assert.equal((await getInstances(c, { workspaceId: "ALL", resourceId: "ALL" })).totalCount, 3);
        await assert.rejects(getInstances(c, { sortBy: "Priority" }), /sortBy and order/);
        await assert.rejects(getInstances(c, { pageSize: 1000 }), /^InputValidationError: pageSize must be at most 100$/);
    });
});
