/**
 * The emulator driven by Alibaba Cloud's own client code, not ours: `@alicloud/openapi-client`
 * (the generic ROA client every generated Alibaba SDK is built on) signs each request with ACS3
 * through `@alicloud/openapi-util`. There is no PAI-DSW 2022-01-01 package on npm, so the
 * operation's parameters (action, version, pathname) are given to `callApi` as the generated
 * clients do, and each answer is checked against the official response model's field list
 * (`GetInstanceResponseBody`, `ListInstancesResponseBodyInstances`, kept in
 * emulator/dsw/responseFields.ts). Every operation the provider calls is covered.
 */
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import * as $Util from "@alicloud/tea-util";
import OpenApiUtil from "@alicloud/openapi-util";
import { strict as assert } from "node:assert";
import * as http from "node:http";
import { ECS_SPEC_FIELDS } from "../../emulator/dsw/catalog";
import { GET_INSTANCE_FIELDS, LIST_INSTANCE_FIELDS } from "../../emulator/dsw/responseFields";
import { DSW_DEV, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const VERSION = "2022-01-01";
const IMAGE = "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1";
const ENVELOPE = new Set(["RequestId", "Success", "Code", "Message", "HttpStatusCode"]);

type Body = Record<string, unknown>;

describe("conformance: DSW through Alibaba's official client (@alicloud/openapi-client, ACS3)", () => {
    let t: TestEmulator;
    let client: OpenApi;
    const runtime = new $Util.RuntimeOptions({ autoretry: false });

    const call = async (action: string, method: string, pathname: string, opts: { query?: Record<string, string>; body?: Body } = {}): Promise<Body> => {
        const params = new $OpenApi.Params({
            action,
            version: VERSION,
            protocol: "HTTP",
            pathname,
            method,
            authType: "AK",
            style: "ROA",
            reqBodyType: "json",
            bodyType: "json",
        });
        const r = await client.callApi(params, new $OpenApi.OpenApiRequest({ query: opts.query, body: opts.body }), runtime);
        assert.equal(r.statusCode, 200, `${action}: HTTP ${String(r.statusCode)}`);
        return r.body as Body;
    };
    const inst = (id: string, suffix = "") => `/api/v2/instances/${id}${suffix}`;
    const status = async (id: string) => String((await call("GetInstance", "GET", inst(id))).Status);

    before(async () => {
        t = await startTestEmulator();
        client = new OpenApi(
            new $OpenApi.Config({
                accessKeyId: DSW_DEV.accessKeyId,
                accessKeySecret: DSW_DEV.accessKeySecret,
                endpoint: new URL(t.url).host,
                protocol: "http",
            }),
        );
    });
    after(() => t.close());

    it("runs every operation the provider calls, each answer in the official model's fields", async () => {
        const created = await call("CreateInstance", "POST", "/api/v2/instances", {
            body: {
                WorkspaceId: "40823",
                InstanceName: "conformance_nb",
                EcsSpec: "ecs.g6.xlarge",
                ImageUrl: IMAGE,
                Labels: [{ Key: "team name", Value: "机器学习 platform" }],
                SpotSpec: { SpotStrategy: "SpotWithPriceLimit", SpotPriceLimit: 0.5 },
                OversoldType: "AcceptQuotaOverSold",
            },
        });
        const id = String(created.InstanceId);
        assert.match(id, /^dsw-/);
        assert.ok(created.RequestId, "CreateInstance answers with a RequestId");

        const got = await call("GetInstance", "GET", inst(id));
        const extra = Object.keys(got).filter((k) => !GET_INSTANCE_FIELDS.has(k) && !ENVELOPE.has(k));
        assert.deepEqual(extra, [], "GetInstance returns only GetInstanceResponseBody fields");
        assert.equal(got.SpotSpec, undefined, "GetInstanceResponseBody has no SpotSpec");
        assert.equal(got.OversoldType, undefined, "GetInstanceResponseBody has no OversoldType");

        // Query values with spaces and non-ASCII characters, signed by the official signer.
        const listed = await call("ListInstances", "GET", "/api/v2/instances", {
            query: { WorkspaceId: "40823", InstanceName: "conformance", Labels: JSON.stringify({ "team name": "机器学习 platform" }), PageSize: "100" },
        });
        const items = listed.Instances as Body[];
        assert.deepEqual(
            items.map((i) => i.InstanceId),
            [id],
        );
        const listExtra = Object.keys(items[0]).filter((k) => !LIST_INSTANCE_FIELDS.has(k));
        assert.deepEqual(listExtra, [], "ListInstances items carry only ListInstancesResponseBodyInstances fields");
        assert.equal(items[0].UserCommandId, undefined, "list items have no UserCommandId");
        assert.equal(items[0].OversoldType, "AcceptQuotaOverSold", "list items do carry OversoldType");
        assert.equal((await call("ListInstances", "GET", "/api/v2/instances", { query: { InstanceName: "no such 名前 notebook" } })).TotalCount, 0);
        assert.equal((await call("ListInstances", "GET", "/api/v2/instances", { query: { InstanceId: id } })).TotalCount, 1);

        await eventually(async () => (await status(id)) === "Running", 10_000, "Running");
        await call("UpdateInstanceLabels", "PUT", inst(id, "/labels"), { body: { Labels: [{ Key: "cost center", Value: "ä b" }] } });
        await call("DeleteInstanceLabels", "DELETE", inst(id, "/labels"), { query: { LabelKeys: "cost center" } });
        const labels = ((await call("GetInstance", "GET", inst(id))).Labels as Array<{ Key: string }>).map((l) => l.Key);
        assert.ok(!labels.includes("cost center") && labels.includes("team name"), `labels after delete: ${labels.join(",")}`);
        await call("CreateInstanceShutdownTimer", "POST", inst(id, "/shutdowntimer"), { body: { RemainingTimeInMs: 3_600_000 } });
        assert.ok((await call("GetInstance", "GET", inst(id))).InstanceShutdownTimer);
        await call("DeleteInstanceShutdownTimer", "DELETE", inst(id, "/shutdowntimer"));
        await call("CreateIdleInstanceCuller", "POST", inst(id, "/idleinstanceculler"), { body: { CpuPercentThreshold: 20, MaxIdleTimeInMinutes: 60 } });
        await call("DeleteIdleInstanceCuller", "DELETE", inst(id, "/idleinstanceculler"));
        await call("StopInstance", "PUT", inst(id, "/stop"), { query: { SaveImage: "false" } });
        await eventually(async () => (await status(id)) === "Stopped", 10_000, "Stopped");
        await call("UpdateInstance", "PUT", inst(id), { body: { EcsSpec: "ecs.g6.2xlarge" } });
        await eventually(async () => (await status(id)) === "Stopped", 10_000, "Stopped after update");
        await call("StartInstance", "PUT", inst(id, "/start"));
        await eventually(async () => (await status(id)) === "Running", 10_000, "Running again");
        await call("DeleteInstance", "DELETE", inst(id));
        await eventually(
            async () => {
                try {
                    await status(id);
                    return false;
                } catch (e) {
                    return (e as { code?: string }).code !== undefined;
                }
            },
            10_000,
            "gone",
        );
    });

    it("surfaces errors through the library's error type with code, message and request id", async () => {
        const e = await call("GetInstance", "GET", inst("dsw-doesnotexist")).then(
            () => assert.fail("expected an error"),
            (x: unknown) => x as { code: string; message: string; data: Body },
        );
        assert.ok(e.code && e.code !== "undefined", `code: ${e.code}`);
        assert.match(e.message, /code: 404/);
        assert.match(e.message, /request id: [0-9A-F-]{36}/);
        assert.equal(e.data.statusCode, 404);

        const wrong = new OpenApi(
            new $OpenApi.Config({ accessKeyId: DSW_DEV.accessKeyId, accessKeySecret: "not-the-secret", endpoint: new URL(t.url).host, protocol: "http" }),
        );
        const params = new $OpenApi.Params({
            action: "ListInstances",
            version: VERSION,
            protocol: "HTTP",
            pathname: "/api/v2/instances",
            method: "GET",
            authType: "AK",
            style: "ROA",
            reqBodyType: "json",
            bodyType: "json",
        });
        await assert.rejects(
            wrong.callApi(params, new $OpenApi.OpenApiRequest({ query: { InstanceName: "a b" } }), runtime),
            (x: { code?: string; message?: string }) => {
                assert.equal(x.code, "SignatureDoesNotMatch");
                assert.ok(!String(x.message).includes("not-the-secret"));
                return true;
            },
        );
    });

    it("accepts a space sent as `+` in the query and signed as %20 (form encoding on the wire)", async () => {
        const host = new URL(t.url).host;
        const headers: Record<string, string> = {
            host,
            "x-acs-action": "ListInstances",
            "x-acs-version": VERSION,
            "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
            "x-acs-signature-nonce": `n${Date.now()}${Math.random()}`,
            "x-acs-content-sha256": OpenApiUtil.hexEncode(OpenApiUtil.hash(Buffer.from(""), "ACS3-HMAC-SHA256")),
        };
        const query = { InstanceName: "no such nb" };
        const auth = OpenApiUtil.getAuthorization(
            { pathname: "/api/v2/instances", method: "GET", query, headers } as never,
            "ACS3-HMAC-SHA256",
            headers["x-acs-content-sha256"],
            DSW_DEV.accessKeyId,
            DSW_DEV.accessKeySecret,
        );
        const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
            const req = http.request(
                `${t.url}/api/v2/instances?InstanceName=no+such+nb`,
                { method: "GET", headers: { ...headers, authorization: auth } },
                (r) => {
                    let b = "";
                    r.on("data", (c) => (b += c));
                    r.on("end", () => resolve({ status: r.statusCode ?? 0, body: b }));
                },
            );
            req.on("error", reject);
            req.end();
        });
        assert.equal(res.status, 200, res.body);
        assert.equal((JSON.parse(res.body) as Body).TotalCount, 0);
    });

    it("ListEcsSpecs: every parameter of ListEcsSpecsRequest filters, each item in ListEcsSpecsResponseBodyEcsSpecs' fields", async () => {
        // The request as Alibaba's generated client sends it: query AcceleratorType, InstanceTypes, ResourceType, SortBy, Order, PageNumber, PageSize.
        const gpu = await call("ListEcsSpecs", "GET", "/api/v2/ecsspecs", { query: { AcceleratorType: "GPU", PageSize: "100" } });
        const items = gpu.EcsSpecs as Body[];
        assert.equal(gpu.TotalCount, items.length);
        assert.ok(items.length > 0 && items.every((i) => i.AcceleratorType === "GPU"));
        for (const i of items) {
            assert.deepEqual(Object.keys(i).sort(), [...ECS_SPEC_FIELDS].sort(), "every field of the model, and no other");
        }
        const two = await call("ListEcsSpecs", "GET", "/api/v2/ecsspecs", {
            query: { AcceleratorType: "CPU", InstanceTypes: "ecs.g6.large,ecs.g6.xlarge", ResourceType: "ECS" },
        });
        assert.deepEqual((two.EcsSpecs as Body[]).map((i) => i.InstanceType).sort(), ["ecs.g6.large", "ecs.g6.xlarge"]);
        const sorted = await call("ListEcsSpecs", "GET", "/api/v2/ecsspecs", {
            query: { AcceleratorType: "GPU", SortBy: "Memory", Order: "desc", PageNumber: "1", PageSize: "3" },
        });
        const mems = (sorted.EcsSpecs as Body[]).map((i) => Number(i.Memory));
        assert.equal(mems.length, 3);
        assert.deepEqual(
            mems,
            [...mems].sort((a, b) => b - a),
        );
        assert.equal(sorted.TotalCount, items.length, "TotalCount counts every match, not the page");
        assert.equal((await call("ListEcsSpecs", "GET", "/api/v2/ecsspecs", { query: { AcceleratorType: "GPU", ResourceType: "Lingjun" } })).TotalCount, 0);
        await assert.rejects(
            call("ListEcsSpecs", "GET", "/api/v2/ecsspecs", { query: { AcceleratorType: "TPU" } }),
            (x: { code?: string }) => x.code === "ValidationError",
        );
        await assert.rejects(
            call("ListEcsSpecs", "GET", "/api/v2/ecsspecs"),
            (x: { code?: string }) => x.code === "ValidationError",
            "AcceleratorType is required",
        );
        await assert.rejects(
            call("ListEcsSpecs", "GET", "/api/v2/ecsspecs", { query: { AcceleratorType: "GPU", SortBy: "Price" } }),
            (x: { code?: string }) => x.code === "ValidationError",
        );
    });
});
