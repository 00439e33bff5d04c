import { strict as assert } from "node:assert";
import { setProgressSink } from "../../provider/common/log";
import { createBody as dswCreateBody } from "../../provider/dsw/mapping";
import { createBody as nbCreateBody } from "../../provider/modelartsV2/mapping";
import { creatingTag, ownerTag } from "../../provider/modelartsV2/recovery";
import { NbInputs } from "../../provider/modelartsV2/schema";
import { DswInstanceInputs } from "../../provider/dsw/schema";
import { checkAndCreate, dswProvider, nbProvider } from "../support/clients";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";

/**
 * docs/recovery.md: a notebook left by an interrupted create bears its resource's creating mark
 * and no stack's state names it. Found by an independent tester: after a crash, renaming the
 * notebook in the program made the next `up` create a second one and leave the first running
 * forever; changing an in-place field made the next `up` continue with the old notebook while the
 * state claimed the new value; and `pulumi destroy` after `refresh --clear-pending-creates`
 * reported success with the notebook still billing. Each case here through the provider, with the
 * interrupted create's notebook made as that create made it (its request, its marks).
 */
describe("leftovers of interrupted creates: continued when they fit, deleted when they do not, named when another resource's", () => {
    let t: TestEmulator;
    const warnings: string[] = [];
    before(async () => {
        t = await startTestEmulator();
        setProgressSink((severity, message) => {
            if (severity === "warn") warnings.push(message);
        });
    });
    after(async () => {
        setProgressSink(undefined);
        await t.close();
    });
    beforeEach(async () => {
        await t.admin.reset();
        warnings.length = 0;
    });

    /** check then create, as resource `resource` of stack test/dev. */
    const createAs = <P extends Parameters<typeof checkAndCreate>[0]>(p: P, resource: string, args: Record<string, unknown>) =>
        checkAndCreate({ check: (o, n) => p.check(o, { ...n, __nbName: resource }), create: (i) => p.create({ ...i, __nbName: resource }) }, args);

    describe("dsw.Instance", () => {
        const args = (name: string, extra: Record<string, unknown> = {}) => ({
            workspaceId: "40823",
            instanceName: name,
            ecsSpec: "ecs.g6.xlarge",
            imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1",
            ...extra,
        });
        /** What an interrupted create of resource `resource` left: its CreateInstance, with its marks, and nothing after. */
        const leftover = async (client: ReturnType<typeof dswProvider>["client"], resource: string, a: Record<string, unknown>) =>
            client.createInstance(dswCreateBody(DswInstanceInputs.parse(a), "test/dev", resource));
        const live = async (client: ReturnType<typeof dswProvider>["client"], id: string) =>
            (await t.admin.dswInstances()).some((i) => i.InstanceId === id) ? client.getInstance(id) : undefined;

        it("renamed in the program since the crash: the leftover is deleted, one instance is made", async () => {
            const { provider, client } = dswProvider(t.url);
            const old = await leftover(client, "nb", args("before_rename"));
            const r = await createAs(provider, "nb", args("after_rename"));
            assert.notEqual(r.id, old);
            await eventually(async () => (await live(client, old)) === undefined, 10_000, "the leftover is gone");
            assert.deepEqual(
                (await t.admin.dswInstances()).map((i) => i.InstanceName),
                ["after_rename"],
            );
            assert.match(warnings.join("\n"), new RegExp(`deleting ${old} \\(before_rename\\), created by an interrupted attempt`));
        });

        it("an in-place field changed since the crash: continued with, and brought to the program's value", async () => {
            const { provider, client } = dswProvider(t.url);
            const old = await leftover(client, "nb", args("continued", { ecsSpec: "ecs.c6.large" }));
            const r = await createAs(provider, "nb", args("continued", { ecsSpec: "ecs.g6.xlarge" }));
            assert.equal(r.id, old, "continued, not created again");
            assert.equal((await client.getInstance(old)).EcsSpec, "ecs.g6.xlarge", "the cloud has what the state says");
            assert.equal(r.outs.ecsSpec, "ecs.g6.xlarge");
            assert.equal(
                ((await client.getInstance(old)).Labels ?? []).find((l) => l.Key === "pulumi-notebooks-creating"),
                undefined,
                "handed over",
            );
        });

        it("another resource's leftover is named by a delete, not deleted; the resource's own is deleted with it", async () => {
            const { provider, client } = dswProvider(t.url);
            const kept = await createAs(provider, "kept", args("kept_nb"));
            const gone = await createAs(provider, "gone", args("gone_nb"));
            const othersLeftover = await leftover(client, "other", args("other_left"));
            const ownLeftover = await leftover(client, "gone", args("gone_replacement"));
            // A later run (a provider process of its own, e.g. `pulumi destroy`): it lists what earlier runs left.
            await dswProvider(t.url).provider.delete(gone.id, gone.outs);
            assert.equal(await live(client, gone.id), undefined);
            await eventually(async () => (await live(client, ownLeftover)) === undefined, 10_000, "the deleted resource's leftover is gone");
            assert.ok(await live(client, othersLeftover), "another resource's leftover is not this delete's to remove");
            assert.ok(await live(client, kept.id));
            assert.match(
                warnings.join("\n"),
                new RegExp(`${othersLeftover} \\(other_left\\) was made by an interrupted create of resource other of this stack and is not in its state`),
            );
        });
    });

    describe("modelarts.NotebookV2", () => {
        const args = (name: string, extra: Record<string, unknown> = {}) => ({
            name,
            flavor: "modelarts.vm.cpu.2u",
            imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090",
            volume: { category: "EVS", capacity: 10 },
            ...extra,
        });
        /** An interrupted create of resource `resource`: its CreateNotebook and the creating tag right after, nothing more. */
        const leftover = async (client: ReturnType<typeof nbProvider>["client"], resource: string, a: Record<string, unknown>) => {
            const n = await client.create(nbCreateBody(NbInputs.parse(a)));
            await client.createTags(n.id, [{ key: "pulumi-notebooks-owner", value: creatingTag(ownerTag("test/dev", resource)) }]);
            return n.id;
        };
        const present = async (id: string) => (await t.admin.notebooks()).some((n) => n.id === id && n.status !== "DELETED");

        it("renamed in the program since the crash: continued with and renamed (names update in place)", async () => {
            const { provider, client } = nbProvider(t.url);
            const old = await leftover(client, "nb", args("before-rename"));
            const r = await createAs(provider, "nb", args("after-rename"));
            assert.equal(r.id, old);
            assert.equal((await client.get(old)).name, "after-rename");
        });

        it("a field that needs a replacement changed since the crash: the leftover is deleted, one notebook is made", async () => {
            const { provider, client } = nbProvider(t.url);
            // A disk never shrinks: a smaller one is a new notebook.
            const old = await leftover(client, "nb", args("replaced", { volume: { category: "EVS", capacity: 20 } }));
            const r = await createAs(provider, "nb", args("replaced", { volume: { category: "EVS", capacity: 10 } }));
            assert.notEqual(r.id, old);
            await eventually(async () => !(await present(old)), 10_000, "the leftover is gone");
            assert.match(warnings.join("\n"), new RegExp(`deleting ${old} \\(replaced\\)`));
        });

        it("an in-place field changed since the crash: continued with, and brought to the program's value", async () => {
            const { provider, client } = nbProvider(t.url);
            const old = await leftover(client, "nb", args("flavored", { flavor: "modelarts.vm.cpu.2u" }));
            const r = await createAs(provider, "nb", args("flavored", { flavor: "modelarts.vm.cpu.8u" }));
            assert.equal(r.id, old);
            assert.equal((await client.get(old)).flavor, "modelarts.vm.cpu.8u", "the cloud has what the state says");
            assert.equal(r.outs.flavor, "modelarts.vm.cpu.8u");
            assert.equal((await client.get(old)).tags?.find((x) => x.key === "pulumi-notebooks-owner")?.value, "test/dev:nb", "handed over");
        });

        it("another resource's leftover is named by a delete, not deleted; the resource's own is deleted with it", async () => {
            const { provider, client } = nbProvider(t.url);
            const gone = await createAs(provider, "gone", args("gone-nb"));
            const othersLeftover = await leftover(client, "other", args("other-left"));
            const ownLeftover = await leftover(client, "gone", args("gone-replacement"));
            // A later run (a provider process of its own, e.g. `pulumi destroy`): it lists what earlier runs left.
            await nbProvider(t.url).provider.delete(gone.id, gone.outs);
            await eventually(async () => !(await present(ownLeftover)), 10_000, "the deleted resource's leftover is gone");
            assert.ok(await present(othersLeftover), "another resource's leftover is not this delete's to remove");
            assert.match(
                warnings.join("\n"),
                new RegExp(`${othersLeftover} \\(other-left\\) was made by an interrupted create of resource other of this stack`),
            );
        });
    });
});
