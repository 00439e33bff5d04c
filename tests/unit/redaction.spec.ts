import { strict as assert } from "node:assert";
import { parseArgs } from "../../emulator/main";
import { decimalInt } from "../../emulator/params";
import { hostAllowed, jsonShapeProblem } from "../../emulator/limits";
import { CloudServiceError, InputValidationError, ResourceInitError, errorMessage } from "../../provider/common/errors";
import { CredentialSourceError } from "../../provider/common/credentials";
import { setProgressSink, progressFor } from "../../provider/common/log";
import { forgetSecrets, redact, redactSecretFields, registerSecret } from "../../provider/common/redact";
import { resolveDswSettings } from "../../provider/dsw/settings";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";

const META = { httpStatusCode: 401, requestId: "0123456789abcdef0123456789abcdef", attempts: 1, totalRetryDelayMs: 0 };

describe("redaction: one place strips every secret the provider knows (issue 28)", () => {
    afterEach(() => {
        forgetSecrets();
        setProgressSink(undefined);
    });

    it("key id and secret swapped in config: both are registered, so the echoed key never reaches a message", () => {
        const get = (k: string) =>
            ({ modelartsAccessKey: "SecretKeyTypedIntoTheAkSlot0001", modelartsSecretKey: "AKTYPEDINTOSKSLOT001", modelartsEndpoint: "http://127.0.0.1:1" })[k];
        resolveModelArtsSettings(get, "0123456789abcdef0123456789abcdef", {});
        const e = new CloudServiceError(
            "ModelArts",
            "ListNotebooks",
            "APIGW.0301",
            "Incorrect IAM authentication information: ak SecretKeyTypedIntoTheAkSlot0001 not exist",
            META,
        );
        assert.equal(
            e.message,
            "ModelArts ListNotebooks failed: APIGW.0301: Incorrect IAM authentication information: ak [the ModelArts access key] not exist (HTTP 401, RequestId 0123456789abcdef0123456789abcdef)",
        );
        assert.doesNotMatch(e.serviceMessage + String(e.stack), /SecretKeyTypedIntoTheAkSlot0001/);
        assert.equal(redact("sk AKTYPEDINTOSKSLOT001"), "sk [the ModelArts secret key]");
    });

    it("DSW config and environment keys, security tokens, IAM passwords are registered when settings are read", () => {
        resolveDswSettings(
            (k) => ({ dswAccessKeyId: "LTAI5tIdFromConfig01", dswAccessKeySecret: "DswSecretFromConfig01", dswEndpoint: "http://127.0.0.1:1" })[k],
            {
                ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tIdFromEnvironment",
                ALIBABA_CLOUD_ACCESS_KEY_SECRET: "DswSecretFromEnvironment",
                ALIBABA_CLOUD_SECURITY_TOKEN: "StsTokenFromEnvironment",
            },
        );
        resolveModelArtsSettings(
            (k) =>
                ({
                    modelartsAuth: "token",
                    modelartsUserName: "u",
                    modelartsPassword: "Passw0rd-of-iam",
                    modelartsDomainName: "d",
                    modelartsEndpoint: "http://127.0.0.1:1",
                })[k],
            "0123456789abcdef0123456789abcdef",
            {},
        );
        const text = "a DswSecretFromConfig01 b DswSecretFromEnvironment c StsTokenFromEnvironment d Passw0rd-of-iam e LTAI5tIdFromConfig01";
        assert.equal(
            redact(text),
            "a [the DSW access key secret] b [the DSW access key secret] c [the DSW security token] d [the IAM password] e [the DSW access key id]",
        );
    });

    it("every message kind passes through it: cloud errors, shape errors, init errors, input errors, credential errors, progress lines", () => {
        registerSecret("TopSecretValue42", "the test secret");
        registerSecret("abc", "too short to register");
        const lines: string[] = [];
        setProgressSink((_s, m) => lines.push(m));
        progressFor("nb").warn("polling failed: TopSecretValue42");
        const msgs = [
            new CloudServiceError("DSW", "GetInstance", "X", "TopSecretValue42", META).message,
            new ResourceInitError("create failed: TopSecretValue42", "id", {}, ["TopSecretValue42"]).reasons[0],
            new InputValidationError([{ property: "p", reason: "got TopSecretValue42" }]).message,
            new CredentialSourceError("source said TopSecretValue42").message,
            errorMessage(new Error(`url ?k=${encodeURIComponent("TopSecretValue42")} json "TopSecretValue42"`)),
            ...lines,
        ];
        for (const m of msgs) assert.doesNotMatch(m, /TopSecretValue42/, m);
        assert.ok(msgs.every((m) => m.includes("[the test secret]")));
        assert.equal(redact("abc"), "abc", "values under 6 characters are not registered");
        assert.equal(
            redact('{"AccessKeySecret":"unseen"} password=hunter2x'),
            '{"AccessKeySecret":"***"} password="***"',
            "secret-looking fields of values never registered",
        );
    });
});

describe("redaction of secret-looking fields in messages nobody registered", () => {
    it("blanks fields named like secrets, and leaves words that merely contain such a name", () => {
        assert.equal(redactSecretFields('{"sk": "abc123", "client_secret": "zzz"}'), '{"sk": "***", "client_secret": "***"}');
        assert.equal(redactSecretFields("password=hunter22&user=x"), 'password="***"&user=x');
        // "disk:" and "task:" hold the letters "sk" (found when a message said "the live disk: 20 GB").
        assert.equal(redactSecretFields("the live disk: 20 GB, task: 3"), "the live disk: 20 GB, task: 3");
    });
});

describe("emulator entry helpers (issue 28)", () => {
    it("decimal integers only", () => {
        for (const v of ["1e3", "0x384", " 900", "+900", "3.6e3", "900.0", "", "1_000", "٩٠٠"]) assert.equal(decimalInt(v), undefined, v);
        assert.deepEqual(["900", "0", "-1", "0900"].map(decimalInt), [900, 0, -1, 900]);
    });

    it("JSON depth and width are measured without parsing, strings and escapes included", () => {
        assert.equal(jsonShapeProblem(Buffer.from('{"a":"[[[[[[[[\\"[[[["}'), 3, 10), undefined);
        assert.match(jsonShapeProblem(Buffer.from("[[[[1]]]]"), 3, 10) ?? "", /deeper than 3/);
        assert.match(jsonShapeProblem(Buffer.from("[1,2,3,4]"), 3, 3) ?? "", /more than 3 members/);
        assert.equal(jsonShapeProblem(Buffer.from("a=[[[[[[[["), 3, 3), undefined, "a form body is not JSON");
    });

    it("loopback Host names, the listening host, and allowed names", () => {
        for (const h of ["localhost", "localhost:1", "127.0.0.1:80", "127.255.255.254", "[::1]:4580", "LocalHost."])
            assert.ok(hostAllowed(h, [], "127.0.0.1"), h);
        for (const h of [undefined, "", "127.0.0.1.nip.io", "127.256.0.1", "0.0.0.0", "[::2]", "evil.example", "localhost.evil"])
            assert.ok(!hostAllowed(h, [], "127.0.0.1"), String(h));
        assert.ok(hostAllowed("10.1.2.3:4580", [], "10.1.2.3"));
        assert.ok(!hostAllowed("0.0.0.0:4580", [], "0.0.0.0"));
        assert.ok(hostAllowed("x.dev.test", [".dev.test"], "127.0.0.1") && hostAllowed("any.thing", ["*"], "127.0.0.1"));
    });

    it("the command takes the admin token and allowed hosts from flags, else from the environment", () => {
        assert.deepEqual(
            [parseArgs([], { NOTEBOOKS_EMULATOR_ADMIN_TOKEN: "from-the-env-1", NOTEBOOKS_EMULATOR_ALLOWED_HOSTS: "a.test, .b.test" })].map((o) => [
                o.adminToken,
                o.allowedHosts,
            ]),
            [["from-the-env-1", ["a.test", ".b.test"]]],
        );
        const o = parseArgs(["--admin-token", "from-the-flag-2", "--allowed-hosts", "*", "--port", "0"], { NOTEBOOKS_EMULATOR_ADMIN_TOKEN: "from-the-env-1" });
        assert.deepEqual([o.adminToken, o.allowedHosts, o.port], ["from-the-flag-2", ["*"], 0]);
        assert.throws(() => parseArgs(["--port", "1e3"]), /--port needs a decimal integer/);
        assert.equal(parseArgs([]).adminToken, undefined, "unset: the default token");
    });
});
