/**
 * `pulumi import` and `pulumi refresh` reach the native plugin's Read with no program behind them:
 * no additionalSecretOutputs, so the provider wraps the outputs its schema declares secret itself.
 * An imported NotebookV2 kept its Jupyter token in plain text in state until the next `up` (found by
 * an independent tester).
 */
import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { nativeServer } from "../support/nativeRpc";
import { checkAndCreate, nbProvider } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { emulatorConfig } from "../support/pulumi";
import { SECRET_SIG, SIG_KEY } from "../../provider/native/values";

describe("native plugin: Read of an import and of a refresh marks secret outputs secret", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());

    async function configured() {
        const rpc = nativeServer();
        const { config, secrets } = emulatorConfig(t.url);
        const args = Object.fromEntries(Object.entries({ ...config, ...secrets }).map(([k, v]) => [k.replace(/^notebooks:/, ""), v]));
        const configure = new provproto.ConfigureRequest();
        configure.setArgs(Struct.fromJavaScript(args));
        await rpc("configure", configure);
        return rpc;
    }

    it("NotebookV2: the token, by id only (import) and with a state holding it plain (refresh)", async () => {
        const made = await checkAndCreate(nbProvider(t.url).provider, {
            name: "imported",
            flavor: "modelarts.vm.cpu.2u",
            imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9",
            volume: { category: "EVS", capacity: 10 },
        });
        const rpc = await configured();
        for (const properties of [{}, { ...made.outs, token: "plain-token-from-an-old-state" }]) {
            const read = new provproto.ReadRequest();
            read.setId(made.id);
            read.setUrn("urn:pulumi:dev::p::notebooks:modelarts:NotebookV2::imported");
            read.setProperties(Struct.fromJavaScript(properties as never));
            const res = await rpc<provproto.ReadResponse>("read", read);
            assert.equal(res.getId(), made.id);
            const token = (res.getProperties()?.toJavaScript() ?? {}).token as Record<string, unknown>;
            assert.equal(token?.[SIG_KEY], SECRET_SIG, `token wrapped as a secret: ${JSON.stringify(Object.keys(properties))}`);
            assert.equal(token.value, made.outs.token);
        }
    });

    it("NotebookV2: liveTags is secret when the state holds tags as a secret (it holds the same values)", async () => {
        const made = await checkAndCreate(nbProvider(t.url).provider, {
            name: "secret-tags",
            flavor: "modelarts.vm.cpu.2u",
            imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9",
            volume: { category: "EVS", capacity: 10 },
            tags: { owner: "TopSecretTagValue0002" },
        });
        const rpc = await configured();
        const read = new provproto.ReadRequest();
        read.setId(made.id);
        read.setUrn("urn:pulumi:dev::p::notebooks:modelarts:NotebookV2::secret-tags");
        read.setProperties(Struct.fromJavaScript({ ...made.outs, tags: { [SIG_KEY]: SECRET_SIG, value: made.outs.tags } } as never));
        const props = (await rpc<provproto.ReadResponse>("read", read)).getProperties()?.toJavaScript() ?? {};
        assert.equal((props.liveTags as Record<string, unknown>)?.[SIG_KEY], SECRET_SIG, JSON.stringify(props.liveTags));
        assert.equal((props.tags as Record<string, unknown>)?.[SIG_KEY], SECRET_SIG);
    });
});
