/**
 * The emulator's current notebook API (`/v1/{project_id}/notebooks`) driven by Huawei Cloud's own
 * client code: `@huaweicloud/huaweicloud-sdk-core` (HcClient, BasicCredentials, the AK/SK signer,
 * ExceptionUtil). The generated ModelArts client (`huaweicloud-sdk-nodejs-v3
 * services/modelarts/v1`) is not published on npm, so each operation goes through
 * `HcClient.sendRequest` with the method, url template and parameters its generated client uses
 * (CreateNotebook, ListNotebooks, ShowNotebook, UpdateNotebook, StartNotebook, StopNotebook,
 * ShowLease, RenewLease, CreateNotebookTags, DeleteNotebookTags, ShowSwitchableFlavors,
 * DeleteNotebook). Answers are checked against the official NotebookResp model's field list
 * (huaweicloud-sdk-go-v3 services/modelarts/v1/model/model_notebook_resp.go), transcribed here
 * apart from the emulator's own list so the two are compared, not shared.
 */
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
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

/** NotebookResp's JSON names (official model), plus create_at/update_at that Terraform's client reads. */
const NOTEBOOK_RESP = new Set(
    (
        "action_progress description endpoints fail_reason flavor custom_spec id image lease name pool status token url volume workspace_id " +
        "feature billing_items user affinity run_user data_volumes ip user_vpc user_id is_need_credentials jupyter_version tags create_at update_at"
    ).split(" "),
);
const SDK_ENVELOPE = new Set(["httpStatusCode"]);
const IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";

describe("conformance: ModelArts notebooks (current API) through Huawei's official SDK core", () => {
    let t: TestEmulator;
    let hc: HcClient;
    const send = async (
        method: string,
        url: string,
        opts: { pathParams?: Record<string, string>; queryParams?: Record<string, string | number>; data?: Body } = {},
    ): Promise<Body> =>
        (await hc.sendRequest({
            method,
            url,
            contentType: opts.data ? "application/json" : "",
            pathParams: opts.pathParams ?? {},
            queryParams: opts.queryParams ?? {},
            headers: {},
            data: opts.data ?? {},
        })) as Body;
    const base = "/v1/{project_id}/notebooks";
    const one = `${base}/{id}`;
    const show = (id: string) => send("GET", one, { pathParams: { id } });
    const onlyOfficialFields = (nb: Body, op: string) => {
        const extra = Object.keys(nb).filter((k) => !NOTEBOOK_RESP.has(k) && !SDK_ENVELOPE.has(k));
        assert.deepEqual(extra, [], `${op} answers only NotebookResp fields`);
    };

    before(async () => {
        t = await startTestEmulator();
        const cred = new BasicCredentials().withAk(MA_DEV.accessKey).withSk(MA_DEV.secretKey).withProjectId(MA_PROJECT);
        hc = new ClientBuilder((c: HcClient) => c).withCredential(cred).withEndpoint(t.url).build();
    });
    after(() => t.close());

    it("runs every operation the provider calls; signatures accepted; answers are NotebookResp / Lease shaped", async () => {
        const created = await send("POST", base, {
            data: {
                name: "conformance-notebook",
                description: "made by the official SDK core",
                flavor: "modelarts.vm.gpu.p100",
                image_id: IMAGE,
                volume: { category: "EVS", ownership: "MANAGED", capacity: 20 },
                feature: "NOTEBOOK",
                endpoints: [{ service: "SSH", key_pair_names: ["KeyPair-ml"], allowed_access_ips: ["203.0.113.7"] }],
                lease: { duration: 7_200_000, type: "TIMING" },
            },
        });
        const id = String(created.id);
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.equal(created.httpStatusCode, 200);
        onlyOfficialFields(created, "CreateNotebook");
        assert.equal((created.lease as Body).duration, 7_200_000);

        // Query values with spaces and CJK, signed by the SDK's signer; workspaceId in camelCase as the reference names it.
        const odd = await send("GET", base, { queryParams: { name: "no such 笔记本 notebook", workspaceId: "0", limit: 10, offset: 0 } });
        assert.equal(odd.total, 0);
        const list = await send("GET", base, { queryParams: { name: "conformance", sort_dir: "ASC", limit: 10 } });
        assert.equal(list.total, 1);
        assert.deepEqual(Object.keys(list).sort(), ["current", "data", "httpStatusCode", "pages", "size", "total"]);
        for (const nb of list.data as Body[]) onlyOfficialFields(nb, "ListNotebooks");

        await eventually(async () => (await show(id)).status === "RUNNING", 10_000, "RUNNING");
        onlyOfficialFields(await show(id), "ShowNotebook");
        const lease = await send("GET", `${one}/lease`, { pathParams: { id } });
        assert.deepEqual(
            Object.keys(lease)
                .filter((k) => !SDK_ENVELOPE.has(k))
                .sort(),
            ["create_at", "duration", "enable", "type", "update_at"],
        );
        const renewed = await send("PATCH", `${one}/lease`, { pathParams: { id }, queryParams: { duration: 10_800_000 } });
        assert.equal(renewed.duration, 10_800_000);

        await send("POST", `${one}/tags/create`, { pathParams: { id }, data: { tags: [{ key: "cost center", value: "研究 ä" }] } });
        assert.deepEqual((await show(id)).tags, [{ key: "cost center", value: "研究 ä" }]);
        await send("DELETE", `${one}/tags/delete`, { pathParams: { id }, data: { tags: [{ key: "cost center" }] } });
        assert.deepEqual((await show(id)).tags, []);

        const flavors = await send("GET", `${one}/flavors`, { pathParams: { id } });
        assert.ok((flavors.flavors as Body[]).some((f) => f.id === "modelarts.vm.gpu.v100"));

        await send("POST", `${one}/stop`, { pathParams: { id } });
        await eventually(async () => (await show(id)).status === "STOPPED", 10_000, "STOPPED");
        const updated = await send("PUT", one, {
            pathParams: { id },
            data: { flavor: "modelarts.vm.gpu.v100", storage_new_size: 40, description: "switched" },
        });
        assert.equal(updated.flavor, "modelarts.vm.gpu.v100");
        assert.equal((updated.volume as Body).capacity, 40);
        onlyOfficialFields(updated, "UpdateNotebook");
        await send("POST", `${one}/start`, { pathParams: { id }, queryParams: { duration: 3_600_000, type: "TIMING" } });
        await eventually(async () => (await show(id)).status === "RUNNING", 10_000, "RUNNING again");
        assert.equal(((await show(id)).lease as Body).duration, 3_600_000, "the start's duration re-arms the lease");
        await send("DELETE", one, { pathParams: { id } });
        await eventually(
            () =>
                show(id).then(
                    () => false,
                    (e: unknown) => (e as SdkError).errorCode === "ModelArts.6404",
                ),
            10_000,
            "gone",
        );
    });

    it("surfaces the service's refusals as the SDK's exceptions with code, message and request id", async () => {
        const err = (p: Promise<unknown>) =>
            p.then(
                () => assert.fail("expected an error"),
                (x: unknown) => x as SdkError,
            );
        const missing = await err(show("00000000-0000-0000-0000-000000000000"));
        assert.equal(missing.name, "ClientRequestException");
        assert.equal(missing.httpStatusCode, 400);
        assert.equal(missing.errorCode, "ModelArts.6404");
        assert.ok(missing.errorMsg && missing.requestId);

        const badLease = await err(
            send("POST", base, {
                data: {
                    name: "x",
                    flavor: "modelarts.vm.cpu.2u",
                    image_id: IMAGE,
                    volume: { category: "EVS", ownership: "MANAGED" },
                    lease: { duration: 60_000 },
                },
            }),
        );
        assert.equal(badLease.errorCode, "ModelArts.6349");
        const badImage = await err(
            send("POST", base, {
                data: {
                    name: "x",
                    flavor: "modelarts.vm.cpu.2u",
                    image_id: "00000000-1111-2222-3333-444444444444",
                    volume: { category: "EVS", ownership: "MANAGED" },
                },
            }),
        );
        assert.equal(badImage.errorCode, "ModelArts.6797");

        const nb = await send("POST", base, {
            data: { name: "running", flavor: "modelarts.vm.gpu.p100", image_id: IMAGE, volume: { category: "EVS", ownership: "MANAGED" } },
        });
        await eventually(async () => (await show(String(nb.id))).status === "RUNNING", 10_000, "RUNNING");
        const runningFlavor = await err(send("PUT", one, { pathParams: { id: String(nb.id) }, data: { flavor: "modelarts.vm.gpu.v100" } }));
        assert.equal(runningFlavor.errorCode, "ModelArts.6347", "flavor changes need a stopped notebook");
        const again = await err(send("POST", `${one}/start`, { pathParams: { id: String(nb.id) } }));
        assert.equal(again.errorCode, "ModelArts.6305");
    });
});
