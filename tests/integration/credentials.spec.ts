import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { DswClient } from "../../provider/dsw/client";
import { ModelArtsClient } from "../../provider/modelarts/client";
import { resolveDswSettings } from "../../provider/dsw/settings";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";
import { checkAndCreate, dswProvider } from "../support/clients";
import { DSW_DEV, MA_DEV, MA_PROJECT, TestEmulator, startTestEmulator } from "../support/emulator";

describe("credentials: wrong or missing ones fail fast and never leak", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());

    it("a wrong DSW secret fails after one attempt, naming the operation and code, without the secret", async () => {
        const bad = new DswClient({ endpoint: t.url, credentials: { accessKeyId: DSW_DEV.accessKeyId, accessKeySecret: "not-the-secret-value" } });
        const { provider } = dswProvider(t.url, bad);
        const err = await checkAndCreate(provider, { workspaceId: "40823", instanceName: "nb", ecsSpec: "ecs.g6.xlarge", imageUrl: "r.example.com/a:b" }).then(
            () => assert.fail("expected failure"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof CloudServiceError, String(err));
        assert.equal(err.code, "SignatureDoesNotMatch");
        assert.equal(err.$metadata.attempts, 1, "authentication errors are not retried");
        assert.match(err.message, /^DSW ListInstances failed: SignatureDoesNotMatch: .* \(HTTP 400, RequestId [0-9A-F-]+\)$/);
        const serialized = JSON.stringify(err) + String(err.stack) + err.message;
        assert.ok(!serialized.includes("not-the-secret-value"));
        assert.ok(!/authorization|x-acs-signature/i.test(serialized), "no request headers in the error");
    });

    it("malformed credentials and endpoints fail before any request, naming the setting but not the value", () => {
        const pasted = "secret-with-newline\n";
        const get = (m: Record<string, string>) => (k: string) => m[k];
        assert.throws(
            () => resolveDswSettings(get({ dswAccessKeyId: "LTAI5tKey", dswAccessKeySecret: pasted }), {}),
            (e: Error) => /DSW access key secret is malformed/.test(e.message) && !e.message.includes("secret-with-newline"),
        );
        assert.throws(
            () => resolveDswSettings(get({ dswAccessKeyId: "LTAI5tKey", dswAccessKeySecret: "ok", dswEndpoint: "127.0.0.1:4580" }), {}),
            /dswEndpoint must be an http\(s\) URL/,
        );
        assert.throws(
            () => resolveModelArtsSettings(get({ modelartsAccessKey: '"AKQUOTED"', modelartsSecretKey: "sk", modelartsProjectId: MA_PROJECT }), undefined, {}),
            (e: Error) => /ModelArts access key is malformed/.test(e.message) && !e.message.includes("AKQUOTED"),
        );
    });

    it("an unknown ModelArts AK fails after one attempt with APIGW.0301", async () => {
        const bad = new ModelArtsClient({
            endpoint: t.url,
            projectId: MA_PROJECT,
            auth: { kind: "aksk", credentials: { accessKey: "EXPIREDAK", secretKey: "whatever-secret" } },
        });
        const err = await bad.get("DE-x").then(
            () => assert.fail("expected failure"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof CloudServiceError);
        assert.deepEqual([err.code, err.$metadata.httpStatusCode, err.$metadata.attempts], ["APIGW.0301", 401, 1]);
        assert.ok(!String(err.message).includes("whatever-secret"));
    });

    it("missing credentials name the config keys and environment variables to set", () => {
        assert.throws(() => resolveDswSettings(() => undefined, {}), /notebooks:dswAccessKeyId.*ALIBABA_CLOUD_ACCESS_KEY_ID/s);
        assert.throws(() => resolveModelArtsSettings(() => undefined, MA_PROJECT, {}), /notebooks:modelartsAccessKey.*HUAWEICLOUD_SDK_AK/s);
        assert.throws(() => resolveModelArtsSettings(() => undefined, undefined, {}), /project id is missing/);
        const s = resolveDswSettings(() => undefined, {
            ALIBABA_CLOUD_ACCESS_KEY_ID: DSW_DEV.accessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: DSW_DEV.accessKeySecret,
            ALIBABA_CLOUD_REGION_ID: "cn-beijing",
        });
        assert.equal(s.endpoint, "https://pai-dsw.cn-beijing.aliyuncs.com");
        const m = resolveModelArtsSettings(() => undefined, undefined, {
            HUAWEICLOUD_SDK_AK: MA_DEV.accessKey,
            HUAWEICLOUD_SDK_SK: MA_DEV.secretKey,
            HUAWEICLOUD_SDK_PROJECT_ID: MA_PROJECT,
        });
        assert.equal(m.endpoint, "https://modelarts.cn-north-4.myhuaweicloud.com");
    });
});
