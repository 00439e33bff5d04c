/**
 * The emulator driven by Huawei Cloud's own client code: `@huaweicloud/huaweicloud-sdk-core`, the
 * core of every generated Node.js SDK (HcClient, BasicCredentials, the AK/SK `SDK-HMAC-SHA256`
 * signer, ExceptionUtil). Huawei publishes no ModelArts package for Node.js, so each `demanager`
 * operation is sent through `HcClient.sendRequest` the way generated clients build it (url with
 * `{project_id}`, path/query params, JSON body); errors come back as the SDK's
 * ClientRequestException / ServerResponseException. Every operation the provider calls is
 * covered, including IAM's token API used for password credentials.
 */
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
// The package index exports only the credentials; generated SDKs import these by path too.
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import { strict as assert } from "node:assert";
import { MA_DEV, MA_PROJECT, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

type Body = Record<string, unknown>;
interface SdkError {
    name: string;
    httpStatusCode: number;
    errorCode: string;
    errorMsg: string;
    requestId: string;
}

describe("conformance: ModelArts through Huawei's official SDK core (@huaweicloud/huaweicloud-sdk-core, AK/SK)", () => {
    let t: TestEmulator;
    let hc: HcClient;

    const send = async (
        method: string,
        url: string,
        opts: { pathParams?: Record<string, string>; queryParams?: Record<string, string | number>; data?: Body } = {},
    ): Promise<Body> => {
        const r = (await hc.sendRequest({
            method,
            url,
            // What generated clients pass for operations without a body.
            contentType: opts.data ? "application/json" : "",
            pathParams: opts.pathParams ?? {},
            queryParams: opts.queryParams ?? {},
            headers: {},
            data: opts.data ?? {},
        })) as Body;
        return r;
    };
    const base = "/v1/{project_id}/demanager/instances";
    const one = `${base}/{instance_id}`;
    const get = (id: string) => send("GET", one, { pathParams: { instance_id: id } });

    before(async () => {
        t = await startTestEmulator();
        const cred = new BasicCredentials().withAk(MA_DEV.accessKey).withSk(MA_DEV.secretKey).withProjectId(MA_PROJECT);
        hc = new ClientBuilder((c: HcClient) => c).withCredential(cred).withEndpoint(t.url).build();
    });
    after(() => t.close());

    it("runs every demanager operation the provider calls, signature accepted and answers parsed", async () => {
        const created = await send("POST", base, {
            data: {
                name: "conformance-nb",
                description: "made by the official SDK core",
                profile_id: "Multi-Engine 1.0 (python3)-cpu",
                flavor: "modelarts.vm.cpu.2u",
                spec: {
                    storage: { type: "evs", location: { volume_size: 10 } },
                    auto_stop: { enable: true, duration: 3600 },
                    annotations: { team: "ml platform" },
                },
                workspace: { id: "0" },
            },
        });
        const id = String(created.id);
        assert.equal(created.status, "CREATING");
        assert.equal(created.httpStatusCode, 200);
        const ann = (created.spec as { annotations?: Body }).annotations ?? {};
        assert.equal(ann.team, undefined, "custom annotations are not echoed (no reference shows it)");

        // Query values with spaces and non-ASCII characters, signed by the SDK's signer.
        const list = await send("GET", base, { queryParams: { de_type: "Notebook", workspace_id: "0", limit: 0, sortby: "creation_timestamp", order: "asc" } });
        assert.ok((list.instances as Body[]).some((n) => n.id === id));
        assert.equal(typeof list.total_count, "number");
        const odd = await send("GET", base, { queryParams: { de_type: "Notebook", ai_project_id: "no such 项目 project" } });
        assert.deepEqual(odd.instances, [], "ai_project_id filters; a value with spaces and CJK is signed and matched");
        const byDocName = await send("GET", base, { queryParams: { de_type: "Notebook", ai_project: "no such project" } });
        assert.ok(
            (byDocName.instances as Body[]).some((n) => n.id === id),
            "the doc table's ai_project is not a filter",
        );

        await eventually(async () => (await get(id)).status === "RUNNING", 10_000, "RUNNING");
        const updated = await send("PUT", one, {
            pathParams: { instance_id: id },
            data: { description: "changed", spec: { auto_stop: { enable: true, duration: 7200, prompt: true } } },
        });
        assert.equal(updated.description, "changed");
        await send("POST", `${one}/action`, { pathParams: { instance_id: id }, data: { action: "stop" } });
        await eventually(async () => (await get(id)).status === "STOPPED", 10_000, "STOPPED");
        await send("POST", `${one}/action`, { pathParams: { instance_id: id }, data: { action: "start" } });
        await eventually(async () => (await get(id)).status === "RUNNING", 10_000, "RUNNING again");
        await send("POST", `${one}/action`, { pathParams: { instance_id: id }, data: { action: "stop" } });
        await eventually(async () => (await get(id)).status === "STOPPED", 10_000, "STOPPED before delete");
        await send("DELETE", one, { pathParams: { instance_id: id } });
        await eventually(
            async () => {
                try {
                    const n = await get(id);
                    return n.status === "DELETED";
                } catch (e) {
                    return (e as SdkError).errorCode === "ModelArts.6309";
                }
            },
            10_000,
            "deleted",
        );
    });

    it("surfaces errors as the SDK's exceptions with status, code, message and request id", async () => {
        const e = await get("DE-00000000-0000-0000-0000-000000000000").then(
            () => assert.fail("expected an error"),
            (x: unknown) => x as SdkError,
        );
        assert.equal(e.name, "ClientRequestException");
        assert.equal(e.httpStatusCode, 400);
        assert.equal(e.errorCode, "ModelArts.6309");
        assert.ok(e.errorMsg, "message");
        assert.ok(e.requestId, "request id");

        const bad = new ClientBuilder((c: HcClient) => c)
            .withCredential(new BasicCredentials().withAk(MA_DEV.accessKey).withSk("not-the-secret-key").withProjectId(MA_PROJECT))
            .withEndpoint(t.url)
            .build();
        const denied = await bad
            .sendRequest({ method: "GET", url: base, contentType: "", pathParams: {}, queryParams: { de_type: "Notebook" }, headers: {}, data: {} })
            .then(
                () => assert.fail("expected a signature error"),
                (x: unknown) => x as SdkError,
            );
        assert.equal(denied.httpStatusCode, 401);
        assert.equal(denied.errorCode, "APIGW.0301");
        assert.ok(!JSON.stringify(denied).includes("not-the-secret-key"));
    });

    it("IAM's token API (password credentials) answers the SDK with a subject token", async () => {
        const anon = new ClientBuilder((c: HcClient) => c)
            .withCredential(new BasicCredentials().withAk(MA_DEV.accessKey).withSk(MA_DEV.secretKey).withProjectId(MA_PROJECT))
            .withEndpoint(t.url)
            .build();
        const r = (await anon.sendRequest({
            method: "POST",
            url: "/v3/auth/tokens",
            contentType: "application/json",
            pathParams: {},
            queryParams: {},
            headers: {},
            data: {
                auth: {
                    identity: {
                        methods: ["password"],
                        password: { user: { name: MA_DEV.userName, password: MA_DEV.password, domain: { name: MA_DEV.domainName } } },
                    },
                    scope: { project: { id: MA_PROJECT } },
                },
            },
            responseHeaders: ["X-Subject-Token"],
        } as never)) as Body;
        assert.equal(r.httpStatusCode, 201);
        assert.ok((r.token as Body).expires_at);
    });
});
