import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { acs3Sign } from "../../provider/dsw/signer";
import { DswClient } from "../../provider/dsw/client";
import { dswClient } from "../support/clients";
import { DSW_DEV, DSW_OTHER, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const IMAGE = "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1";

async function expectCode(p: Promise<unknown>, status: number, code: string | RegExp): Promise<CloudServiceError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof CloudServiceError, `expected a CloudServiceError, got ${String(e)}`);
        assert.equal(e.$metadata.httpStatusCode, status, e.message);
        if (typeof code === "string") assert.equal(e.code, code, e.message);
        else assert.match(e.code, code);
        assert.ok(e.$metadata.requestId, "every error carries a request id");
        return e;
    }
    assert.fail(`expected ${code}`);
}

/** A raw signed request, to exercise what the client never sends. */
async function raw(
    url: string,
    opts: {
        method: string;
        path: string;
        action: string;
        body?: string;
        key?: string;
        secret?: string;
        date?: string;
        nonce?: string;
        tamper?: (h: Record<string, string>) => void;
    },
) {
    const host = new URL(url).host;
    const body = opts.body ?? "";
    const headers = acs3Sign(
        {
            method: opts.method,
            canonicalUri: opts.path,
            query: [],
            headers: { host, "x-acs-action": opts.action, "x-acs-version": "2022-01-01", ...(body ? { "content-type": "application/json" } : {}) },
            body,
        },
        { accessKeyId: opts.key ?? DSW_DEV.accessKeyId, accessKeySecret: opts.secret ?? DSW_DEV.accessKeySecret },
        { date: opts.date, nonce: opts.nonce },
    );
    opts.tamper?.(headers);
    const { host: _h, ...send } = headers;
    const res = await fetch(url + opts.path, { method: opts.method, headers: send, body: body || undefined });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe("emulator: PAI-DSW API", () => {
    let t: TestEmulator;
    let c: DswClient;
    before(async () => {
        t = await startTestEmulator();
        c = dswClient(t.url);
    });
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    const create = (extra: Record<string, unknown> = {}) =>
        c.createInstance({
            WorkspaceId: "40823",
            InstanceName: `nb_${Math.random().toString(36).slice(2, 8)}`,
            EcsSpec: "ecs.g6.xlarge",
            ImageUrl: IMAGE,
            ...extra,
        });

    it("creates asynchronously: Creating → ResourceAllocating → EnvPreparing → Running", async () => {
        const id = await create();
        assert.match(id, /^dsw-[a-z0-9]{16}$/);
        const seen = new Set<string>();
        await eventually(async () => {
            const i = await c.getInstance(id);
            seen.add(i.Status);
            return i.Status === "Running";
        });
        assert.ok(seen.has("Creating") || seen.has("ResourceAllocating") || seen.has("EnvPreparing"), [...seen].join());
        const i = await c.getInstance(id);
        assert.equal(i.PaymentType, "PayAsYouGo");
        assert.equal(i.AcceleratorType, "CPU");
        assert.match(String(i.JupyterlabUrl), /\/lab\/$/);
        assert.equal(i.WorkspaceName, "training_data");
    });

    it("queues quota instances and fails a bare-number Memory at EnvPreparing (field report)", async () => {
        const id = await c.createInstance({
            WorkspaceId: "40823",
            InstanceName: "quota_nb",
            ResourceId: "quota123",
            RequestedResource: { CPU: "4", Memory: "16" },
            ImageUrl: IMAGE,
        });
        const seen = new Set<string>();
        await eventually(async () => {
            const s = (await c.getInstance(id)).Status;
            seen.add(s);
            return s === "Failed";
        });
        assert.ok(seen.has("Queuing") || seen.has("EnvPreparing"));
        const i = await c.getInstance(id);
        assert.equal(i.PaymentType, "Subscription");
    });

    it("validates CreateInstance rule by rule with ValidationError naming the field", async () => {
        const cases: Array<[Record<string, unknown>, RegExp]> = [
            [{ InstanceName: "bad name" }, /InstanceName/],
            [{ InstanceName: "x".repeat(28) }, /InstanceName/],
            [{ ImageUrl: undefined }, /ImageId or ImageUrl/],
            [{ EcsSpec: undefined }, /EcsSpec .* or ResourceId/],
            [{ EcsSpec: "ecs.nope.large" }, /EcsSpec/],
            [{ Accessibility: "OPEN" }, /Accessibility/],
            [{ Priority: 10 }, /Priority/],
            [{ Datasets: [{ DatasetId: "d-1", Uri: "oss://b/p/" }] }, /mutually exclusive/],
            [{ Datasets: [{ DatasetId: "d-1", MountAccess: "RX" }] }, /MountAccess/],
            [{ Datasets: [{ Uri: "oss://b/", Options: "{}", OptionType: "ReadOnly" }] }, /Options and OptionType/],
            [{ Labels: [{ Key: "acs:x", Value: "v" }] }, /Labels\[0\]/],
            [{ EnvironmentVariables: { A: 1 } }, /EnvironmentVariables/],
        ];
        for (const [patch, msg] of cases) {
            const body: Record<string, unknown> = { WorkspaceId: "40823", InstanceName: "v_nb", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE, ...patch };
            for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
            const e = await expectCode(c.createInstance(body), 400, "ValidationError");
            assert.match(e.serviceMessage, msg);
        }
        const counters = await t.admin.counters();
        assert.equal(counters.byStatus["400"], cases.length);
    });

    it("refuses a duplicate name in the workspace and another tenant's workspace", async () => {
        await c.createInstance({ WorkspaceId: "40823", InstanceName: "dup", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE });
        const e = await expectCode(
            c.createInstance({ WorkspaceId: "40823", InstanceName: "dup", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE }),
            400,
            "ValidationError",
        );
        assert.match(e.serviceMessage, /already exists/);
        await expectCode(c.createInstance({ WorkspaceId: "50001", InstanceName: "x", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE }), 403, "NoPermissionError");
    });

    it("isolates tenants: another key sees neither the instance nor its listing", async () => {
        const id = await create();
        const other = dswClient(t.url, { accessKeyId: DSW_OTHER.accessKeyId, accessKeySecret: DSW_OTHER.accessKeySecret });
        await expectCode(other.getInstance(id), 404, "InternalError");
        assert.equal((await other.listInstances({ WorkspaceId: "ALL", ResourceId: "ALL" })).total, 0);
        await expectCode(other.deleteInstance(id), 404, "InternalError");
    });

    it("stops, refuses operations in the wrong status, starts, updates with StartInstance, deletes to 404", async () => {
        const id = await create();
        await expectCode(c.startInstance(id), 400, "ValidationError");
        await eventually(async () => (await c.getInstance(id)).Status === "Running");
        await expectCode(c.updateInstance(id, { EcsSpec: "ecs.g6.2xlarge" }), 400, "ValidationError");
        await c.updateInstance(id, { InstanceName: "renamed_live", Accessibility: "PUBLIC" });
        await eventually(async () => (await c.getInstance(id)).Status === "Running");
        await c.stopInstance(id);
        assert.equal((await c.getInstance(id)).Status, "Stopping");
        await expectCode(c.stopInstance(id), 400, "ValidationError");
        await eventually(async () => (await c.getInstance(id)).Status === "Stopped");
        await c.updateInstance(id, { EcsSpec: "ecs.gn6i-c4g1.xlarge", DisassociateDatasets: true, StartInstance: true });
        assert.equal((await c.getInstance(id)).Status, "Updating");
        await eventually(async () => (await c.getInstance(id)).Status === "Running");
        const i = await c.getInstance(id);
        assert.equal(i.EcsSpec, "ecs.gn6i-c4g1.xlarge");
        assert.equal(i.AcceleratorType, "GPU");
        assert.equal(i.InstanceName, "renamed_live");
        await c.deleteInstance(id);
        assert.equal((await c.getInstance(id)).Status, "Deleting");
        await expectCode(c.deleteInstance(id), 400, "ValidationError");
        await eventually(async () =>
            c.getInstance(id).then(
                () => false,
                (e) => e instanceof CloudServiceError && e.$metadata.httpStatusCode === 404,
            ),
        );
    });

    it("fires a shutdown timer: Running → Stopping → Stopped, timer removed; RemainingTimeInMs counts down", async () => {
        const id = await create();
        await eventually(async () => (await c.getInstance(id)).Status === "Running");
        await c.createShutdownTimer(id, { RemainingTimeInMs: 300 });
        const a = (await c.getInstance(id)).InstanceShutdownTimer?.RemainingTimeInMs ?? 0;
        let b = a;
        await eventually(
            async () => {
                b = (await c.getInstance(id)).InstanceShutdownTimer?.RemainingTimeInMs ?? 0;
                return b < a;
            },
            3000,
            "the timer to count down",
        );
        assert.ok(a > b && b > 0, `${a} > ${b} > 0`);
        await eventually(async () => (await c.getInstance(id)).Status === "Stopped", 3000, "timer to stop the instance");
        assert.equal((await c.getInstance(id)).InstanceShutdownTimer, undefined);
        await expectCode(c.createShutdownTimer(id, { DueTime: "2001-01-01T00:00:00Z" }), 400, "ValidationError");
    });

    it("runs the idle culler: one policy per instance, stops an instance idle longer than its limit", async () => {
        const id = await create();
        await eventually(async () => (await c.getInstance(id)).Status === "Running");
        await c.createIdleCuller(id, { CpuPercentThreshold: 10, MaxIdleTimeInMinutes: 1 });
        await expectCode(c.createIdleCuller(id, { MaxIdleTimeInMinutes: 5 }), 400, "ValidationError");
        await expectCode(c.createIdleCuller(id, { CpuPercentThreshold: 0, MaxIdleTimeInMinutes: 5 }), 400, "ValidationError");
        assert.equal((await c.getInstance(id)).Status, "Running");
        await t.admin.dswMarkIdle(id);
        // one emulated minute = 60 × secondMs (20 ms) = 1.2 s
        await eventually(async () => (await c.getInstance(id)).Status === "Stopped", 4000, "idle culler");
        await c.deleteIdleCuller(id);
        assert.equal((await c.getInstance(id)).IdleInstanceCuller, undefined);
    });

    it("upserts and deletes labels", async () => {
        const id = await create({ Labels: [{ Key: "a", Value: "1" }] });
        await c.updateLabels(id, [
            { Key: "a", Value: "2" },
            { Key: "b", Value: "3" },
        ]);
        await c.deleteLabels(id, ["b"]);
        assert.deepEqual((await c.getInstance(id)).Labels, [{ Key: "a", Value: "2" }]);
    });

    it("lists with paging, sorting and filters", async () => {
        for (let i = 0; i < 5; i++) {
            await c.createInstance({
                WorkspaceId: "40823",
                InstanceName: `list_${i}`,
                EcsSpec: i % 2 ? "ecs.gn7i-c8g1.2xlarge" : "ecs.c6.large",
                ImageUrl: IMAGE,
                Labels: [{ Key: "i", Value: String(i % 2) }],
                Priority: i + 1,
            });
        }
        const p1 = await c.listInstances({ WorkspaceId: "40823", PageSize: 2, PageNumber: 1, SortBy: "Priority", Order: "ASC" });
        const p3 = await c.listInstances({ WorkspaceId: "40823", PageSize: 2, PageNumber: 3, SortBy: "Priority", Order: "ASC" });
        assert.equal(p1.total, 5);
        assert.deepEqual(
            p1.instances.map((i) => i.InstanceName),
            ["list_0", "list_1"],
        );
        assert.deepEqual(
            p3.instances.map((i) => i.InstanceName),
            ["list_4"],
        );
        assert.equal((await c.listInstances({ WorkspaceId: "40823", AcceleratorType: "GPU" })).total, 2);
        assert.equal((await c.listInstances({ WorkspaceId: "40823", Labels: JSON.stringify({ i: "0" }) })).total, 3);
        assert.equal((await c.listInstances({ WorkspaceId: "40823", MinCpu: 4000 })).total, 2);
        assert.equal((await c.listInstances({ WorkspaceId: "40823", InstanceName: "LIST_3" })).total, 1);
        await expectCode(c.listInstances({ SortBy: "Priority" }), 400, "ValidationError");
        await expectCode(c.listInstances({ PageSize: 500 }), 400, "ValidationError");
        assert.equal((await c.listInstances({ WorkspaceId: "40824" })).total, 0);
    });

    describe("authentication (ACS3-HMAC-SHA256)", () => {
        it("accepts a correct signature", async () => {
            const r = await raw(t.url, { method: "GET", path: "/api/v2/instances", action: "ListInstances" });
            assert.equal(r.status, 200);
            assert.equal(r.body.Success, true);
        });
        it("rejects an unknown key (404 InvalidAccessKeyId.NotFound)", async () => {
            const r = await raw(t.url, { method: "GET", path: "/api/v2/instances", action: "ListInstances", key: "LTAInope" });
            assert.deepEqual([r.status, r.body.Code], [404, "InvalidAccessKeyId.NotFound"]);
            assert.ok(r.body.RequestId && r.body.HostId && r.body.Recommend);
        });
        it("rejects a wrong secret (SignatureDoesNotMatch)", async () => {
            const r = await raw(t.url, { method: "GET", path: "/api/v2/instances", action: "ListInstances", secret: "wrong" });
            assert.deepEqual([r.status, r.body.Code], [400, "SignatureDoesNotMatch"]);
        });
        it("rejects a tampered body (payload hash)", async () => {
            const r = await raw(t.url, {
                method: "POST",
                path: "/api/v2/instances",
                action: "CreateInstance",
                body: "{}",
                tamper: (h) => (h["x-acs-content-sha256"] = "0".repeat(64)),
            });
            assert.equal(r.body.Code, "SignatureDoesNotMatch");
        });
        it("rejects a timestamp more than 15 minutes off", async () => {
            const old = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
            const r = await raw(t.url, { method: "GET", path: "/api/v2/instances", action: "ListInstances", date: old });
            assert.deepEqual([r.status, r.body.Code], [400, "InvalidTimeStamp.Expired"]);
        });
        it("rejects a reused nonce", async () => {
            const nonce = "n" + Date.now();
            assert.equal((await raw(t.url, { method: "GET", path: "/api/v2/instances", action: "ListInstances", nonce })).status, 200);
            const r = await raw(t.url, { method: "GET", path: "/api/v2/instances", action: "ListInstances", nonce });
            assert.deepEqual([r.status, r.body.Code], [400, "SignatureNonceUsed"]);
        });
        it("rejects an x-acs-action that does not match the route, and unknown routes", async () => {
            const r = await raw(t.url, { method: "GET", path: "/api/v2/instances", action: "GetInstance" });
            assert.deepEqual([r.status, r.body.Code], [404, "InvalidAction.NotFound"]);
            const u = await raw(t.url, { method: "GET", path: "/api/v2/nothing", action: "ListInstances" });
            assert.deepEqual([u.status, u.body.Code], [404, "InvalidAction.NotFound"]);
        });
        it("never opens the admin API to cloud credentials", async () => {
            const r = await raw(t.url, { method: "POST", path: "/_emulator/reset", action: "ListInstances" });
            assert.equal(r.status, 401);
        });
    });
});
