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

    const v2Inputs = { name: "nb", flavor: "modelarts.vm.cpu.2u", imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9", volume: { category: "EVS" } };

    /** Configure one server with `args`, then check a DSW resource (or a NotebookV2): the failures' reasons. */
    async function checkAfterConfigure(args: Record<string, unknown>, kind: "dsw" | "v2" = "dsw"): Promise<string[]> {
        const rpc = nativeServer();
        const configure = new provproto.ConfigureRequest();
        configure.setArgs(Struct.fromJavaScript(args as never));
        await rpc("configure", configure);
        const check = new provproto.CheckRequest();
        check.setUrn(kind === "dsw" ? "urn:pulumi:dev::p::notebooks:dsw:Instance::nb" : "urn:pulumi:dev::p::notebooks:modelarts:NotebookV2::nb");
        check.setNews(Struct.fromJavaScript(kind === "dsw" ? dswInputs : v2Inputs));
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

    // Each accepted at preview and failing only at the first call, or never (an independent tester).
    const dswKeys = { dswEndpoint: "http://127.0.0.1:1", dswAccessKeyId: "LTAI5tUnitKey", dswAccessKeySecret: "UnitSecretValue" };
    const maKeys = { modelartsEndpoint: "http://127.0.0.1:1", modelartsAccessKey: "UNITAK0000000001", modelartsSecretKey: "UnitSecretKeyValue" };

    it("a ModelArts project id that is not 32 hex characters fails the check, as the resource's own projectId does", async () => {
        assert.deepEqual(await checkAfterConfigure({ ...maKeys, modelartsProjectId: "0123456789abcdef0123456789abcdef" }, "v2"), []);
        const [reason, ...more] = await checkAfterConfigure({ ...maKeys, modelartsProjectId: "NOTHEX" }, "v2");
        assert.deepEqual(more, []);
        assert.match(reason ?? "", /^the ModelArts project id must be 32 lowercase hexadecimal characters/);
    });

    it("a region that is not a region id fails the check, naming the setting", async () => {
        assert.match((await checkAfterConfigure({ ...dswKeys, dswRegion: "cn hangzhou!" }))[0] ?? "", /^notebooks:dswRegion must be a region id/);
        const v2 = await checkAfterConfigure({ ...maKeys, modelartsProjectId: "0123456789abcdef0123456789abcdef", modelartsRegion: "cn north 4!" }, "v2");
        assert.match(v2[0] ?? "", /^notebooks:modelartsRegion must be a region id/);
        assert.deepEqual(await checkAfterConfigure({ ...dswKeys, dswRegion: "ap-southeast-1" }), []);
    });

    it("a minimum poll delay above the maximum, both given, fails the check naming both", async () => {
        assert.deepEqual(await checkAfterConfigure({ ...dswKeys, pollMinDelayMs: "20000", pollMaxDelayMs: "1000" }), [
            "notebooks:pollMinDelayMs (20000) must not exceed notebooks:pollMaxDelayMs (1000)",
        ]);
        assert.deepEqual(await checkAfterConfigure({ ...dswKeys, pollMinDelayMs: "20000" }), [], "a minimum alone raises the default maximum");
    });

    it("an explicit provider's argument given as a secret is not shown by the rule it breaks", async () => {
        const endpoint = { [SIG_KEY]: SECRET_SIG, value: "notaurl-SecretEndpointVal" };
        const reasons = await checkAfterConfigure({ ...dswKeys, dswEndpoint: endpoint });
        assert.equal(reasons.length, 1, JSON.stringify(reasons));
        assert.match(reasons[0], /notebooks:dswEndpoint must be an http\(s\) URL/);
        assert.doesNotMatch(reasons[0], /SecretEndpointVal/);
    });
});
