import { strict as assert } from "node:assert";
import { providerModule } from "../../provider/common/resource";
import { forgetSecrets } from "../../provider/common/redact";
import { dswProvider } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";

/**
 * A value the program made secret never shows in a message of the provider, whichever operation
 * says it. Found by an independent tester: `instanceName: pulumi.secret("t_dsw_a")`, already
 * another stack's, made `pulumi up` print "a DSW instance named t_dsw_a already exists". The SDK
 * names such inputs in `__nbSecretKeys` (sdk/props.ts); the provider registers their values and
 * every error leaving the dynamic provider goes through the redaction (common/redact.ts).
 */
describe("messages never show an input the program made secret", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());
    afterEach(() => forgetSecrets());

    const failure = (p: Promise<unknown>) =>
        p.then(
            () => assert.fail("expected a failure"),
            (e: unknown) => (e instanceof Error ? e.message : String(e)),
        );

    it("dsw.Instance: the name clash of a create names no secret name", async () => {
        const { provider } = dswProvider(t.url);
        const module = providerModule(provider as never, () => undefined);
        const base = { workspaceId: "40823", ecsSpec: "ecs.c6.large", imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" };
        // Another stack's instance holds the name.
        const theirs = module.check({}, { ...base, instanceName: "secret_name_7q", __nbName: "theirs", __nbOwner: "other/dev" });
        await module.create(theirs.inputs);
        const ours = module.check({}, { ...base, instanceName: "secret_name_7q", __nbName: "ours", __nbOwner: "test/dev", __nbSecretKeys: ["instanceName"] });
        assert.deepEqual(ours.failures, []);
        const message = await failure(module.create(ours.inputs));
        assert.match(message, /already exists/);
        assert.ok(!message.includes("secret_name_7q"), message);
    });
});
