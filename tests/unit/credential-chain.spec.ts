import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { CredentialSource, ExpiringCache, isCredentialSource, redactSecretFields } from "../../provider/common/credentials";
import { MissingCredentialsError } from "../../provider/common/settings";
import { stsHost } from "../../provider/dsw/credentialChain";
import { resolveDswSettings } from "../../provider/dsw/settings";
import { Acs3Credentials } from "../../provider/dsw/signer";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";

const none = () => undefined;
const PROJECT = "0123456789abcdef0123456789abcdef";

function home(files: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chain-home-"));
    for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
    }
    return dir;
}

const cli = (profiles: Array<Record<string, unknown>>, current = String(profiles[0]?.name)) =>
    JSON.stringify({ current, profiles: profiles.map((p) => ({ mode: "AK", access_key_id: "LTAIx", access_key_secret: "s", ...p })) });

function sourceName(c: unknown): string {
    assert.ok(isCredentialSource(c as CredentialSource<Acs3Credentials>), "a credentials source, not static keys");
    return (c as CredentialSource<Acs3Credentials>).name;
}

describe("credential chains (no keys configured): which source is used, chosen without contacting anything", () => {
    const oidc = {
        ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r",
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/p",
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/t",
    };

    it("Alibaba: the library's default order — OIDC, CLI config, shared file, instance role, credentials URI", () => {
        const all = home({ ".aliyun/config.json": cli([{ name: "a" }]), ".alibabacloud/credentials": "[default]\ntype = access_key\n" });
        const env = { HOME: all, ALIBABA_CLOUD_ECS_METADATA: "role", ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/creds" };
        assert.match(sourceName(resolveDswSettings(none, { ...env, ...oidc }).credentials), /OIDC role/);
        assert.match(sourceName(resolveDswSettings(none, env).credentials), /CLI configuration .*config\.json/);
        assert.match(sourceName(resolveDswSettings(none, { ...env, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" }).credentials), /credentials file/);
        const noFiles = { ...env, HOME: home() };
        assert.match(sourceName(resolveDswSettings(none, noFiles).credentials), /ECS instance RAM role role/);
        assert.match(sourceName(resolveDswSettings(none, { ...noFiles, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" }).credentials), /credentials URI/);
        // Static keys of the environment come first.
        assert.ok(
            !isCredentialSource(resolveDswSettings(none, { ...env, ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIk", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s" }).credentials),
        );
    });

    it("Alibaba: nothing configured fails at once naming what to set; the metadata service is never probed unless a role is named", () => {
        const started = Date.now();
        assert.throws(
            () => resolveDswSettings(none, { HOME: home() }),
            (e: Error) => e instanceof MissingCredentialsError && /default credentials chain/.test(e.message),
        );
        assert.ok(Date.now() - started < 200);
    });

    it("Alibaba: a named profile wins over every key, from the CLI config, else the shared file; an unknown one names both files", () => {
        const h = home({ ".aliyun/config.json": cli([{ name: "main" }, { name: "team-b" }]), ".alibabacloud/credentials": "[ini-only]\ntype = access_key\n" });
        const env = { HOME: h, ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIk", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s" };
        assert.match(sourceName(resolveDswSettings(none, env, "team-b").credentials), /profile team-b of .*config\.json/);
        assert.match(sourceName(resolveDswSettings(none, env, "ini-only").credentials), /profile ini-only of .*credentials/);
        assert.throws(() => resolveDswSettings(none, env, "nope"), /profile "nope" is in neither .*config\.json nor .*credentials/);
    });

    it("Alibaba: the STS endpoint setting is a host the library calls over https; plain http is refused with the reason", () => {
        assert.equal(stsHost("https://sts-vpc.cn-hangzhou.aliyuncs.com/"), "sts-vpc.cn-hangzhou.aliyuncs.com");
        assert.equal(stsHost("127.0.0.1:8443"), "127.0.0.1:8443");
        assert.throws(() => stsHost("http://127.0.0.1:80"), /https only/);
    });

    it("Alibaba: a library error that carries the credentials answer is reported without the secret", async () => {
        const secret = "UriSecretValue-never-shown-7731";
        const server = http.createServer((_q, r) => r.end(JSON.stringify({ Code: "Success", AccessKeyId: "STS.x", AccessKeySecret: secret })));
        await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
        try {
            const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/creds`;
            const s = resolveDswSettings(none, { HOME: home(), ALIBABA_CLOUD_CREDENTIALS_URI: url }).credentials as CredentialSource<Acs3Credentials>;
            await assert.rejects(s.get(), (e: Error) => {
                assert.match(e.message, /DSW credentials from the credentials URI .* could not be obtained/);
                assert.doesNotMatch(e.message, new RegExp(secret));
                return true;
            });
        } finally {
            server.close();
        }
    });

    it("redactSecretFields blanks secret-looking fields of JSON and key=value text", () => {
        const out = redactSecretFields('{"AccessKeyId":"STS.a","AccessKeySecret":"v4lue1","SecurityToken":"v4lue2"} sk=v4lue3 id_token: "v4lue4"');
        assert.doesNotMatch(out, /v4lue/);
        assert.match(out, /STS\.a/);
    });

    it("Huawei: IdP federation after the SDK's keys (environment, then the credentials file); ECS metadata only when asked for", () => {
        const cfg = (m: Record<string, string>) => (k: string) => m[k];
        const idp = { HOME: home(), HUAWEICLOUD_SDK_IDP_ID: "ci", HUAWEICLOUD_SDK_ID_TOKEN_FILE: "/t" };
        const auth = (a: { kind: string; credentials?: unknown }) => (a.kind === "aksk" ? a.credentials : undefined);
        assert.match(sourceName(auth(resolveModelArtsSettings(none, PROJECT, idp).auth)), /IdP federation \(ci\)/);
        assert.ok(
            !isCredentialSource(auth(resolveModelArtsSettings(none, PROJECT, { ...idp, HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "SK" }).auth) as never),
        );
        const file = home({ ".huaweicloud/credentials": "[basic]\nidp_id = file-idp\nid_token_file = /t\n" });
        assert.match(sourceName(auth(resolveModelArtsSettings(none, PROJECT, { HOME: file }).auth)), /IdP federation \(file-idp\)/);
        assert.match(
            sourceName(
                auth(
                    resolveModelArtsSettings(cfg({ modelartsAuth: "metadata", modelartsMetadataEndpoint: "http://127.0.0.1:9" }), PROJECT, { HOME: home() })
                        .auth,
                ),
            ),
            /ECS metadata of http:\/\/127\.0\.0\.1:9/,
        );
        assert.throws(
            () => resolveModelArtsSettings(cfg({ modelartsAuth: "magic" }), PROJECT, {}),
            /modelartsAuth must be "aksk" \(default\), "token" or "metadata"/,
        );
        assert.throws(() => resolveModelArtsSettings(none, PROJECT, { HOME: home() }), /HUAWEICLOUD_SDK_IDP_ID/);
    });

    it("ExpiringCache: one fetch in flight, kept until the refresh margin or half a short session", async () => {
        let now = 0;
        let fetches = 0;
        const c = new ExpiringCache(
            async () => ({ n: ++fetches, expiresAt: now + 10_000 }),
            60_000,
            () => now,
        );
        const [a, b] = await Promise.all([c.get(), c.get()]);
        assert.equal(a.n, 1);
        assert.equal(b.n, 1);
        now = 4_000;
        assert.equal((await c.get()).n, 1, "a 10 s session is kept for its first half");
        now = 5_001;
        assert.equal((await c.get()).n, 2, "and renewed after it");
        c.invalidate();
        assert.equal((await c.get()).n, 3);
    });
});
