import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { ModelArtsClient } from "../../provider/modelarts/client";
import { apigSign } from "../../provider/huawei/signer";
import { maClient } from "../support/clients";
import { MA_DEV, MA_OTHER, MA_PROJECT, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const body = (extra: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
    name: `nb-${Math.random().toString(36).slice(2, 8)}`,
    profile_id: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.2u",
    spec: { storage: { type: "evs", location: { volume_size: 10 } }, ...spec },
    ...extra,
});

async function expectMa(p: Promise<unknown>, status: number, code: string): Promise<CloudServiceError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof CloudServiceError, String(e));
        assert.deepEqual([e.$metadata.httpStatusCode, e.code], [status, code], e.message);
        return e;
    }
    assert.fail(`expected ${code}`);
}

describe("emulator: ModelArts DevEnviron API", () => {
    let t: TestEmulator;
    let c: ModelArtsClient;
    before(async () => {
        t = await startTestEmulator();
        c = maClient(t.url);
    });
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    it("creates (the create page's example shape) and reaches RUNNING with the get page's response shape", async () => {
        const created = await c.create(body({ description: "" }, { auto_stop: { enable: true, duration: 3600 } }));
        assert.equal(created.status, "CREATING");
        assert.match(created.id, /^DE-/);
        await eventually(async () => (await c.get(created.id)).status === "RUNNING");
        const n = await c.get(created.id);
        assert.equal(n.profile?.id, "Multi-Engine 1.0 (python3)-cpu");
        assert.equal(n.spec?.storage?.type, "evs");
        assert.equal(n.spec?.storage?.location?.volume_size, 10);
        assert.equal(n.workspace?.id, "0");
        assert.equal(n.user?.name, MA_DEV.userName);
        const auto = n.spec?.auto_stop;
        assert.equal(auto?.enable, true);
        assert.ok((auto?.remain_time ?? 0) > 3000 && (auto?.stop_timestamp ?? 0) > Date.now(), JSON.stringify(auto));
    });

    it("validates the create table rule by rule", async () => {
        const cases: Array<[Record<string, unknown>, string]> = [
            [body({ name: "bad name!" }), "ModelArts.6334"],
            [body({ name: undefined }), "ModelArts.6335"],
            [body({ description: "a<b" }), "ModelArts.6334"],
            [body({ flavor: "modelarts.vm.none" }), "ModelArts.6323"],
            [body({ profile_id: "Multi-Engine 1.0 (python3)-gpu" }), "ModelArts.6330"],
            [body({ spec: {} }), "ModelArts.6316"],
            [body({ spec: { storage: { type: "nfs" } } }), "ModelArts.6324"],
            [body({ spec: { storage: { type: "obs" } } }), "ModelArts.6317"],
            [body({ spec: { storage: { type: "obs", location: { path: "/bucket/dir" } } } }), "ModelArts.6318"],
            [body({ spec: { storage: { type: "obs", location: { path: "/bucket/" } } } }), "ModelArts.6358"],
            [body({ spec: { storage: { type: "evs", location: { volume_size: 4097 } } } }), "ModelArts.6331"],
            [body({ spec: { storage: { type: "obsfs", location: { path: "fs" } } } }), "ModelArts.6324"],
            [body({}, { auto_stop: { enable: true } }), "ModelArts.6348"],
            [body({}, { auto_stop: { enable: true, duration: 60 } }), "ModelArts.6349"],
            [body({ spec: "x" }), "ModelArts.6332"],
        ];
        for (const [b, code] of cases) {
            const e = await expectMa(c.create(b), 400, code);
            assert.ok(e.serviceMessage.length > 0);
        }
        await c.create(body({ name: "dup" }));
        await expectMa(c.create(body({ name: "dup" })), 400, "ModelArts.6301");
        await t.admin.maSoldOut("modelarts.vm.cpu.8u");
        await expectMa(c.create(body({ flavor: "modelarts.vm.cpu.8u" })), 400, "ModelArts.6329");
    });

    it("answers 6309 for unknown ids, refuses deleting a RUNNING notebook (6304), deletes a stopped one to 6309", async () => {
        await expectMa(c.get("DE-nope"), 400, "ModelArts.6309");
        const n = await c.create(body());
        await eventually(async () => (await c.get(n.id)).status === "RUNNING");
        await expectMa(c.delete(n.id), 400, "ModelArts.6304");
        await expectMa(c.action(n.id, "start"), 400, "ModelArts.6305");
        await c.action(n.id, "stop");
        await expectMa(c.action(n.id, "stop"), 400, "ModelArts.6308");
        await eventually(async () => (await c.get(n.id)).status === "STOPPED");
        await expectMa(c.action(n.id, "stop"), 400, "ModelArts.6307");
        await c.delete(n.id);
        await eventually(async () =>
            c.get(n.id).then(
                () => false,
                (e) => e instanceof CloudServiceError && e.code === "ModelArts.6309",
            ),
        );
    });

    it("updates description and auto_stop only; other fields are refused", async () => {
        const n = await c.create(body());
        await eventually(async () => (await c.get(n.id)).status === "RUNNING");
        const u = await c.update(n.id, { description: "hello", spec: { auto_stop: { enable: true, duration: 7200 } } });
        assert.equal(u.description, "hello");
        assert.equal(u.spec?.auto_stop?.duration, 7200);
        await expectMa(c.update(n.id, { spec: { auto_stop: { enable: true } } }), 400, "ModelArts.6348");
        await expectMa(
            c.transport.send(
                { operation: "UpdateNotebook", method: "PUT", path: `/v1/${MA_PROJECT}/demanager/instances/${n.id}`, body: { name: "x" } },
                (await import("zod")).z.unknown(),
            ),
            400,
            "ModelArts.6347",
        );
    });

    it("auto_stop stops a running notebook when due, and remain_time counts down", async () => {
        // duration 3600 emulated seconds × 20 ms = 72 s: too long; re-arm it from the console at the minimum
        const n = await c.create(body({}, { auto_stop: { enable: true, duration: 3600 } }));
        await eventually(async () => (await c.get(n.id)).status === "RUNNING");
        await t.admin.setDurations({ secondMs: 0.2 });
        await t.admin.maSetAutoStop(n.id, { enable: true, duration: 3600 }); // 720 ms now
        const r1 = (await c.get(n.id)).spec?.auto_stop?.remain_time ?? 0;
        await eventually(async () => (await c.get(n.id)).status === "STOPPED", 5000, "auto stop");
        assert.ok(r1 > 0);
        await t.admin.setDurations({ secondMs: 20 });
    });

    it("lists with de_type required, filters, sorting and paging", async () => {
        for (const name of ["b-nb", "a-nb", "c-nb"]) await c.create(body({ name }));
        await expectMa(
            c.transport.send({ operation: "ListNotebooks", method: "GET", path: `/v1/${MA_PROJECT}/demanager/instances` }, (await import("zod")).z.unknown()),
            400,
            "ModelArts.6335",
        );
        const all = await c.list({});
        assert.deepEqual(
            all.instances.map((i) => i.name),
            ["a-nb", "b-nb", "c-nb"],
        );
        const page = await c.list({ sortby: "name", order: "desc", offset: 1, limit: 1 });
        assert.deepEqual([page.total, page.instances.map((i) => i.name)], [3, ["b-nb"]]);
        await expectMa(c.list({ sortby: "flavor" }), 400, "ModelArts.6303");
        assert.equal((await c.list({ workspace_id: "9" })).total, 0);
    });

    it("isolates tenants and projects", async () => {
        const n = await c.create(body());
        const other = new ModelArtsClient({
            endpoint: t.url,
            projectId: MA_OTHER.projects[0].id,
            auth: { kind: "aksk", credentials: { accessKey: MA_OTHER.accessKey, secretKey: MA_OTHER.secretKey } },
        });
        await expectMa(other.get(n.id), 400, "ModelArts.6309");
        const wrongProject = new ModelArtsClient({
            endpoint: t.url,
            projectId: MA_OTHER.projects[0].id,
            auth: { kind: "aksk", credentials: { accessKey: MA_DEV.accessKey, secretKey: MA_DEV.secretKey } },
        });
        await expectMa(wrongProject.list({}), 403, "ModelArts.6653");
    });

    describe("authentication", () => {
        it("rejects unknown AK and bad signatures with APIGW.0301 (401) and the gateway body", async () => {
            const bad = new ModelArtsClient({
                endpoint: t.url,
                projectId: MA_PROJECT,
                auth: { kind: "aksk", credentials: { accessKey: MA_DEV.accessKey, secretKey: "wrong" } },
            });
            const e = await expectMa(bad.list({}), 401, "APIGW.0301");
            assert.match(e.serviceMessage, /verify aksk signature fail/);
            const unknown = new ModelArtsClient({
                endpoint: t.url,
                projectId: MA_PROJECT,
                auth: { kind: "aksk", credentials: { accessKey: "NOPE", secretKey: "x" } },
            });
            assert.match((await expectMa(unknown.list({}), 401, "APIGW.0301")).serviceMessage, /not exist/);
        });

        it("rejects an X-Sdk-Date more than 15 minutes off", async () => {
            const host = new URL(t.url).host;
            const path = `/v1/${MA_PROJECT}/demanager/instances`;
            const headers = apigSign(
                { method: "GET", canonicalUri: path, query: [["de_type", "Notebook"]], headers: { host, "x-project-id": MA_PROJECT }, body: "" },
                { accessKey: MA_DEV.accessKey, secretKey: MA_DEV.secretKey },
                { date: "20200101T000000Z" },
            );
            const { host: _h, ...send } = headers;
            const res = await fetch(`${t.url}${path}?de_type=Notebook`, { headers: send });
            assert.equal(res.status, 401);
            assert.equal(((await res.json()) as { error_code: string }).error_code, "APIGW.0301");
        });

        it("issues IAM tokens (201 + X-Subject-Token) and accepts them; a revoked token is refreshed once", async () => {
            const tokenClient = new ModelArtsClient({
                endpoint: t.url,
                projectId: MA_PROJECT,
                auth: { kind: "token", iamEndpoint: t.url, userName: MA_DEV.userName, password: MA_DEV.password, domainName: MA_DEV.domainName },
            });
            assert.equal((await tokenClient.list({})).total, 0);
            await t.admin.revokeTokens();
            assert.equal((await tokenClient.list({})).total, 0, "the client re-authenticates after 401");
            const badPw = new ModelArtsClient({
                endpoint: t.url,
                projectId: MA_PROJECT,
                auth: { kind: "token", iamEndpoint: t.url, userName: MA_DEV.userName, password: "no", domainName: MA_DEV.domainName },
            });
            await assert.rejects(badPw.list({}), /IAM refused/);
        });
    });
});
