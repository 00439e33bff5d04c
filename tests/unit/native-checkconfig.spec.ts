import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { NotebooksProviderServer } from "../../provider/native/server";
import { SECRET_SIG, SIG_KEY } from "../../provider/native/values";

/** Calls one unary method of the server as grpc-js would. */
function call<Res>(method: string, request: unknown): Promise<Res> {
    const svc = new NotebooksProviderServer("0.0.0-test").service() as Record<string, (c: unknown, cb: (e: unknown, v?: Res) => void) => void>;
    return new Promise((resolve, reject) => svc[method]({ request }, (e, v) => (e ? reject(e) : resolve(v as Res))));
}

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
