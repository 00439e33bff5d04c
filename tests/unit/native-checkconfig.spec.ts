import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { call, nativeServer } from "../support/nativeRpc";
import { SECRET_SIG, SIG_KEY } from "../../provider/native/values";

describe("native plugin: CheckConfig", () => {
    it("hands every secret setting back as a secret (the engine sent it plain) and adds nothing from the environment", async () => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "FromTheEnvironmentNeverInInputs";
        try {
            const req = new provproto.CheckRequest();
            req.setUrn("urn:pulumi:dev::p::pulumi:providers:notebooks::default");
            req.setNews(Struct.fromJavaScript({ dswAccessKeyId: "LTAI5tUnitKey", dswAccessKeySecret: "UnitSecretValue", dswEndpoint: "http://127.0.0.1:1" }));
            const res = await call<provproto.CheckResponse>("checkConfig", req);
            assert.deepEqual(res.getFailuresList(), []);
            assert.deepEqual(res.getInputs()?.toJavaScript(), {
                dswAccessKeyId: { [SIG_KEY]: SECRET_SIG, value: "LTAI5tUnitKey" },
                dswAccessKeySecret: { [SIG_KEY]: SECRET_SIG, value: "UnitSecretValue" },
                dswEndpoint: "http://127.0.0.1:1",
            });
        } finally {
            delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
        }
    });

    it("names an unknown setting", async () => {
        const req = new provproto.CheckRequest();
        req.setNews(Struct.fromJavaScript({ dswSecret: "x" }));
        const res = await call<provproto.CheckResponse>("checkConfig", req);
        assert.equal(res.getFailuresList()[0]?.getProperty(), "dswSecret");
        assert.match(res.getFailuresList()[0]?.getReason() ?? "", /unknown setting notebooks:dswSecret/);
    });
});

describe("native plugin: a resource's check resolves its provider's settings (README, Troubleshooting)", () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const dswInputs = {
        workspaceId: "40823",
        instanceName: "nb",
        ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
    };
    let home: string | undefined;
    before(() => {
        // No credentials of whoever runs the tests: an empty home, none of the clouds' variables.
        home = process.env.HOME;
        process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), "pn-home-"));
    });
    after(() => {
        process.env.HOME = home;
    });

    /** Configure one server with `args`, then check a DSW resource: the failures' reasons. */
    async function checkAfterConfigure(args: Record<string, unknown>): Promise<string[]> {
        const rpc = nativeServer();
        const configure = new provproto.ConfigureRequest();
        configure.setArgs(Struct.fromJavaScript(args as never));
        await rpc("configure", configure);
        const check = new provproto.CheckRequest();
        check.setUrn("urn:pulumi:dev::p::notebooks:dsw:Instance::nb");
        check.setNews(Struct.fromJavaScript(dswInputs));
        const res = await rpc<provproto.CheckResponse>("check", check);
        return res.getFailuresList().map((f) => f.getReason());
    }

    it("missing credentials fail the check, naming how to give them", async () => {
        const reasons = await checkAfterConfigure({ dswEndpoint: "http://127.0.0.1:1" });
        assert.equal(reasons.length, 1, JSON.stringify(reasons));
        assert.match(reasons[0], /^DSW credentials are missing: set `pulumi config set notebooks:dswAccessKeyId/);
    });

    it("settings not known yet (an explicit provider configured from other resources' outputs, at preview) fail nothing", async () => {
        assert.deepEqual(await checkAfterConfigure({ dswEndpoint: UNKNOWN, dswAccessKeyId: UNKNOWN, dswAccessKeySecret: UNKNOWN }), []);
    });

    it("a poll setting that is not a number fails the check, naming it; keys given pass", async () => {
        const keys = { dswEndpoint: "http://127.0.0.1:1", dswAccessKeyId: "LTAI5tUnitKey", dswAccessKeySecret: "UnitSecretValue" };
        assert.deepEqual(await checkAfterConfigure(keys), []);
        const reasons = await checkAfterConfigure({ ...keys, pollMinDelayMs: "soon" });
        assert.deepEqual(reasons, ['notebooks:pollMinDelayMs must be a number of milliseconds, at least 1; got "soon"']);
    });
});
