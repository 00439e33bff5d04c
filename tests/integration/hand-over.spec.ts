import { strict as assert } from "node:assert";
import { ResourceInitError } from "../../provider/common/errors";
import type { RequestLogEntry } from "../../emulator/requestLog";
import { checkAndCreate, dswProvider, nbProvider } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";

/**
 * docs/recovery.md: a create's creating mark is what lets an interrupted `pulumi up` find its
 * notebook again. Once the mark is cleared, only the engine's record of the id finds it, so the
 * clearing must be the last call of the create: a call after it (a GET for the outputs, say)
 * widens the window in which a kill leaks the notebook from one answer to a whole round trip
 * (found by an independent tester: a SIGKILL during that GET left a NotebookV2 running that no
 * later `up` or `destroy` knew, and the next `up` made a second one).
 */
describe("a create hands its id over with its last API call", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());
    beforeEach(() => t.admin.reset());

    /** The calls that name the instance in their path, in the order the emulator answered them. */
    const callsOn = (log: RequestLogEntry[], id: string) => log.filter((e) => e.path.includes(id)).map((e) => e.op);

    const failure = async (create: Promise<unknown>): Promise<ResourceInitError> => {
        const err = await create.then(
            () => assert.fail("expected the create to fail after the cloud accepted it"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof ResourceInitError, String(err));
        return err;
    };

    describe("dsw.Instance: the creating label", () => {
        const args = (name: string) => ({
            workspaceId: "40823",
            instanceName: name,
            ecsSpec: "ecs.g6.xlarge",
            imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1",
            labels: { team: "ml" },
        });

        it("after a create that succeeds, and the outputs read as the instance is afterwards", async () => {
            const { provider, client } = dswProvider(t.url);
            const r = await checkAndCreate(provider, args("handover_ok"));
            const calls = callsOn(await t.admin.requests(), r.id);
            assert.equal(calls.at(-1), "dsw:DeleteInstanceLabels", calls.join(" "));
            const live = Object.fromEntries(((await client.getInstance(r.id)).Labels ?? []).map((l) => [l.Key, l.Value]));
            assert.equal(live["pulumi-notebooks-creating"], undefined, "the mark is gone at the cloud");
            assert.deepEqual(r.outs.liveLabels, live, "the recorded labels are the cloud's");
        });

        it("after a create that fails once accepted (the id kept in the stack)", async () => {
            const { provider, client } = dswProvider(t.url);
            await t.admin.setFaults({ failNextCreates: 1 });
            const err = await failure(checkAndCreate(provider, args("handover_failed")));
            const calls = callsOn(await t.admin.requests(), err.id);
            assert.equal(calls.at(-1), "dsw:DeleteInstanceLabels", calls.join(" "));
            const live = Object.fromEntries(((await client.getInstance(err.id)).Labels ?? []).map((l) => [l.Key, l.Value]));
            assert.equal(live["pulumi-notebooks-creating"], undefined);
            assert.deepEqual(err.properties.liveLabels, live, "the recorded labels are the cloud's");
        });
    });

    describe("modelarts.NotebookV2: the owner tag's creating value", () => {
        const args = (name: string) => ({
            name,
            flavor: "modelarts.vm.cpu.2u",
            imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090",
            volume: { category: "EVS", capacity: 10 },
            tags: { team: "ml" },
        });
        const tagsOf = (tags: Array<{ key: string; value?: string | null }> | null | undefined) =>
            Object.fromEntries((tags ?? []).map((x) => [x.key, x.value ?? ""]));

        it("after a create that succeeds, and the outputs read as the notebook is afterwards", async () => {
            const { provider, client } = nbProvider(t.url);
            const r = await checkAndCreate(provider, args("handover-ok"));
            const calls = callsOn(await t.admin.requests(), r.id);
            assert.equal(calls.at(-1), "modelarts:CreateNotebookTags", calls.join(" "));
            const live = tagsOf((await client.get(r.id)).tags);
            assert.deepEqual(live, { team: "ml", "pulumi-notebooks-owner": "test/dev:t" }, "handed over, with the user's tags");
            assert.deepEqual(r.outs.liveTags, live, "the recorded tags are the cloud's");
        });

        it("after a create that fails once accepted (the id kept in the stack)", async () => {
            const { provider, client } = nbProvider(t.url);
            await t.admin.setFaults({ failNextCreates: 1 });
            const err = await failure(checkAndCreate(provider, args("handover-failed")));
            const calls = callsOn(await t.admin.requests(), err.id);
            assert.equal(calls.at(-1), "modelarts:CreateNotebookTags", calls.join(" "));
            const live = tagsOf((await client.get(err.id)).tags);
            assert.equal(live["pulumi-notebooks-owner"], "test/dev:t", "handed over");
            assert.deepEqual(err.properties.liveTags, live, "the recorded tags are the cloud's");
        });
    });
});
