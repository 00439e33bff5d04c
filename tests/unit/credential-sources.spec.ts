import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Credentials, isCredentialSource } from "../../provider/common/credentials";
import { resolveDswSettings as resolveDsw } from "../../provider/dsw/settings";
import { Acs3Credentials } from "../../provider/dsw/signer";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";

const none = () => undefined;

/** Static keys: these cases never reach the credentials chain. */
function fixed(c: Credentials<Acs3Credentials>): Acs3Credentials {
    assert.ok(!isCredentialSource(c), "static keys expected");
    return c;
}
const resolveDswSettings = (...a: Parameters<typeof resolveDsw>) => {
    const s = resolveDsw(...a);
    return { ...s, credentials: fixed(s.credentials) };
};
const config = (m: Record<string, string>) => (k: string) => m[k];

describe("credential sources and their precedence", () => {
    it("DSW: config, then ALIBABA_CLOUD_*, then pulumi-alicloud's ALICLOUD_* names", () => {
        const alicloud = { ALICLOUD_ACCESS_KEY: "LTAIalicloud", ALICLOUD_SECRET_KEY: "alicloud-secret", ALICLOUD_REGION: "cn-shanghai" };
        const s = resolveDswSettings(none, alicloud);
        assert.deepEqual([s.credentials.accessKeyId, s.credentials.accessKeySecret, s.region], ["LTAIalicloud", "alicloud-secret", "cn-shanghai"]);
        const both = resolveDswSettings(none, { ...alicloud, ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIofficial", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "official" });
        assert.equal(both.credentials.accessKeyId, "LTAIofficial", "the cloud's own names win over the aliases");
        const cfg = resolveDswSettings(config({ dswAccessKeyId: "LTAIconfig", dswAccessKeySecret: "cfg" }), {
            ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIofficial",
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: "o",
        });
        assert.equal(cfg.credentials.accessKeySecret, "cfg", "config wins over the environment");
    });

    it("DSW: a key id and a secret are never taken from two different sources", () => {
        assert.throws(
            () => resolveDswSettings(config({ dswAccessKeyId: "LTAIconfig" }), { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "from-env" }),
            /DSW credentials are missing/,
        );
        const sts = resolveDswSettings(none, {
            ALICLOUD_ACCESS_KEY: "STS.x",
            ALICLOUD_SECRET_KEY: "y",
            ALICLOUD_SECURITY_TOKEN: "tok",
            ALIBABA_CLOUD_SECURITY_TOKEN: "other",
        });
        assert.equal(sts.credentials.securityToken, "tok", "the token comes with its own key pair");
    });

    it("ModelArts: config, then HUAWEICLOUD_SDK_*, then Terraform's HW_* names", () => {
        const hw = { HW_ACCESS_KEY: "HWAK", HW_SECRET_KEY: "hw-sk", HW_REGION_NAME: "ap-southeast-1", HW_PROJECT_ID: "0123456789abcdef0123456789abcdef" };
        const s = resolveModelArtsSettings(none, undefined, hw);
        assert.equal(s.region, "ap-southeast-1");
        assert.equal(s.projectId, "0123456789abcdef0123456789abcdef");
        assert.deepEqual(s.auth, { kind: "aksk", credentials: { accessKey: "HWAK", secretKey: "hw-sk", securityToken: undefined } });
        const both = resolveModelArtsSettings(none, undefined, { ...hw, HUAWEICLOUD_SDK_AK: "SDKAK", HUAWEICLOUD_SDK_SK: "sdk-sk" });
        assert.equal((both.auth as { credentials: { accessKey: string } }).credentials.accessKey, "SDKAK");
        assert.throws(
            () => resolveModelArtsSettings(config({ modelartsAccessKey: "A" }), "0123456789abcdef0123456789abcdef", { HW_SECRET_KEY: "s" }),
            /credentials are missing/,
        );
    });
});

describe("Huawei's credentials file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hwcred-")), "credentials");
    fs.writeFileSync(
        file,
        "# Huawei Cloud\n[basic]\nak = FILEAK\nsk = file-sk\nproject_id = fedcba9876543210fedcba9876543210\n\n[global]\nak = GLOBALAK\nsk = global-sk\n",
    );

    it("is read after the SDK variables and before the HW_* aliases, [basic] only, project id included", () => {
        const s = resolveModelArtsSettings(none, undefined, { HUAWEICLOUD_SDK_CREDENTIALS_FILE: file, HW_ACCESS_KEY: "HWAK", HW_SECRET_KEY: "x" });
        assert.deepEqual((s.auth as { credentials: unknown }).credentials, { accessKey: "FILEAK", secretKey: "file-sk", securityToken: undefined });
        assert.equal(s.projectId, "fedcba9876543210fedcba9876543210");
        const env = resolveModelArtsSettings(none, undefined, { HUAWEICLOUD_SDK_CREDENTIALS_FILE: file, HUAWEICLOUD_SDK_AK: "ENVAK", HUAWEICLOUD_SDK_SK: "e" });
        assert.equal((env.auth as { credentials: { accessKey: string } }).credentials.accessKey, "ENVAK");
    });

    it("a missing file is no source (the usual missing-credentials message follows)", () => {
        assert.throws(
            () =>
                resolveModelArtsSettings(none, "0123456789abcdef0123456789abcdef", {
                    HUAWEICLOUD_SDK_CREDENTIALS_FILE: path.join(path.dirname(file), "nope"),
                    HOME: path.dirname(file),
                }),
            /credentials are missing/,
        );
    });
});
