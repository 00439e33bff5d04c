import { strict as assert } from "node:assert";
import { dswClient, maClient } from "../support/clients";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig, projectFromExample } from "../support/pulumi";

/** Every example deploys and destroys cleanly against the emulator. */
describe("e2e: examples/", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());
    afterEach(() => t.admin.reset());

    async function deployAndDestroy(example: string, check: (out: Record<string, unknown>) => void, extra: Record<string, string> = {}): Promise<void> {
        const cfg = emulatorConfig(t.url);
        const proj: PulumiProject = await projectFromExample(example, { config: { ...cfg.config, ...extra }, secrets: cfg.secrets });
        await proj.up();
        check(await proj.outputs());
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual([...(await t.admin.dswInstances()), ...(await t.admin.maInstances()), ...(await t.admin.notebooks())], [], "destroy leaves nothing");
    }

    it("(a) dsw-payg-cpu", () =>
        deployAndDestroy("dsw-payg-cpu", (o) => {
            assert.match(String(o.id), /^dsw-/);
            assert.match(String(o.stopsAt), /^\d{4}-/);
        }));

    it("(b) dsw-subscription-gpu", () =>
        deployAndDestroy("dsw-subscription-gpu", (o) => {
            assert.deepEqual([o.paymentType, o.accelerator], ["Subscription", "GPU"]);
        }));

    it("(c) modelarts-evs-autostop", () =>
        deployAndDestroy("modelarts-evs-autostop", (o) => {
            assert.equal(o.status, "RUNNING");
            assert.ok(Date.parse(String(o.stopsAt)) > Date.now(), `stopsAt ${String(o.stopsAt)}`);
        }));

    it("(g) modelarts-notebook-v2", () =>
        deployAndDestroy("modelarts-notebook-v2", (o) => {
            assert.equal(o.status, "RUNNING");
            const stops = Date.parse(String(o.stopsAt));
            assert.ok(stops > Date.now() + 7 * 3_600_000 && stops < Date.now() + 9 * 3_600_000, `stopsAt ${String(o.stopsAt)}`);
        }));

    it("(d) notebook-fleet", () =>
        deployAndDestroy(
            "notebook-fleet",
            (o) => {
                assert.deepEqual(Object.keys(o.notebooks as object).sort(), ["nb_ana", "nb_ben"]);
            },
            { "notebook-fleet:team": '["ana","ben"]' },
        ));

    it("(e) lookups", () =>
        deployAndDestroy("lookups", (o) => {
            assert.deepEqual(o.gpuNotebookNames, ["lookup_gpu"]);
            assert.deepEqual(o.runningModelArts, ["lookup-notebook"]);
            // The catalog lookups, from the emulator's catalog (the unavailable A100 type is filtered out by the program).
            assert.ok((o.gpuTypes as string[]).includes("ecs.gn7i-c8g1.2xlarge 1xNVIDIA A10"), JSON.stringify(o.gpuTypes));
            assert.ok(!(o.gpuTypes as string[]).some((x) => x.includes("A100")));
            assert.ok((o.gpuImages as string[]).includes("pytorch1.8-cuda10.2-cudnn7-ubuntu18.04"), JSON.stringify(o.gpuImages));
            assert.ok((o.gpuFlavors as string[]).includes("modelarts.vm.gpu.p100"), JSON.stringify(o.gpuFlavors));
        }));

    it("(f) adopt", async () => {
        const d = dswClient(t.url);
        const id = await d.createInstance({
            WorkspaceId: "40823",
            InstanceName: "legacy_notebook",
            EcsSpec: "ecs.g6.xlarge",
            ImageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/python:3.10-cpu",
        });
        const nb = await maClient(t.url).create({
            name: "legacy-modelarts",
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" } },
        });
        await eventually(async () => (await d.getInstance(id)).Status === "Running");
        await deployAndDestroy(
            "adopt",
            (o) => {
                assert.equal(o.dswId, id, "the DSW notebook was adopted, not created");
                assert.equal(o.modelartsId, nb.id);
            },
            { "adopt:legacyModelArtsId": nb.id },
        );
    });
});
