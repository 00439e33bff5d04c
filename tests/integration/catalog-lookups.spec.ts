/**
 * The catalog lookups (`modelarts.getImagesV2`, `modelarts.getFlavorsV2`, `dsw.getEcsSpecs`)
 * against the emulator: each filter narrows the answer as its model documents, bad values are
 * refused (by the lookup before any call, or by the emulator), and the create validation accepts
 * exactly what the catalog lists.
 */
import { strict as assert } from "node:assert";
import { CloudServiceError, InputValidationError } from "../../provider/common/errors";
import { getEcsSpecs } from "../../provider/dsw/lookupEcsSpecs";
import { getFlavorsV2, getImagesV2 } from "../../provider/modelartsV2/lookupCatalog";
import { NotebooksClient } from "../../provider/modelartsV2/client";
import { DswClient } from "../../provider/dsw/client";
import { checkAndCreate, dswClient, nbClient, nbProvider } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { CATALOG_WORKSPACE } from "../../emulator/huawei/catalog";

describe("catalog lookups against the emulator (ListImage, ListFlavors, ShowSwitchableFlavors, ListEcsSpecs)", () => {
    let t: TestEmulator;
    let nb: NotebooksClient;
    let dsw: DswClient;
    before(async () => {
        t = await startTestEmulator();
        nb = nbClient(t.url);
        dsw = dswClient(t.url);
    });
    after(() => t.close());

    it("getImagesV2: built-in images by default, name (fuzzy or exact), type and workspace filters, paging", async () => {
        const all = await getImagesV2(nb, {});
        assert.ok(all.images.length >= 3);
        assert.ok(
            all.images.every((i) => i.type === "BUILD_IN"),
            "type defaults to BUILD_IN",
        );
        const img = all.images.find((i) => i.name.startsWith("pytorch"));
        assert.ok(img, "a pytorch image is listed");
        for (const f of ["id", "name", "swrPath", "tag", "type", "arch", "resourceCategories", "status", "workspaceId", "devServices", "createAt"]) {
            assert.ok(img[f] !== undefined, `image field ${f}`);
        }
        assert.deepEqual(
            (await getImagesV2(nb, { name: "pytorch" })).images.map((i) => i.id),
            [img.id],
        );
        assert.equal((await getImagesV2(nb, { name: "pytorch", nameFuzzyMatch: false })).totalCount, 0, "an exact match needs the whole name");
        assert.equal((await getImagesV2(nb, { name: img.name, nameFuzzyMatch: false })).totalCount, 1);
        assert.equal((await getImagesV2(nb, { type: "DEDICATED" })).totalCount, 0, "no saved image in workspace 0");
        const saved = await getImagesV2(nb, { type: "DEDICATED", workspaceId: CATALOG_WORKSPACE });
        assert.deepEqual(
            saved.images.map((i) => [i.type, i.workspaceId]),
            [["DEDICATED", CATALOG_WORKSPACE]],
        );
        const page = await getImagesV2(nb, { offset: 1, limit: 1 });
        assert.equal(page.images.length, 1);
        assert.equal(page.totalCount, all.totalCount);
        assert.equal(page.images[0].id, all.images[1].id, "offset/limit fetch one page of the same order");
        const byName = await getImagesV2(nb, { sortKey: "name", sortDir: "ASC" });
        assert.deepEqual(
            byName.images.map((i) => i.name),
            [...byName.images.map((i) => i.name)].sort(),
        );
        await assert.rejects(getImagesV2(nb, { name: "PyTorch" }), InputValidationError, "upper case is not in an image name");
        await assert.rejects(getImagesV2(nb, { workspaceId: "ws-1" }), InputValidationError);
        await assert.rejects(getImagesV2(nb, { sortKey: "swr_path" }), (e: unknown) => e instanceof CloudServiceError && e.code === "ModelArts.6303");
    });

    it("getFlavorsV2: category, cluster type, feature, Ascend chip; a notebook's switchable flavors", async () => {
        const all = await getFlavorsV2(nb, {});
        assert.ok(
            all.flavors.every((f) => f.free === false),
            "feature NOTEBOOK (default) lists the paid flavors",
        );
        const gpus = await getFlavorsV2(nb, { category: "GPU" });
        assert.ok(gpus.flavors.length > 0 && gpus.flavors.every((f) => f.category === "GPU" && f.gpu?.type), JSON.stringify(gpus.flavors));
        for (const f of ["id", "name", "arch", "category", "vcpus", "memory", "soldOut", "storages", "billing", "feature", "free"]) {
            assert.ok(gpus.flavors[0][f] !== undefined, `flavor field ${f}`);
        }
        const free = await getFlavorsV2(nb, { feature: "DEFAULT" });
        assert.ok(free.flavors.length > 0 && free.flavors.every((f) => f.free === true));
        assert.deepEqual(
            (await getFlavorsV2(nb, { flavorType: "ASCEND_SNT9" })).flavors.map((f) => f.category),
            ["ASCEND"],
        );
        assert.ok((await getFlavorsV2(nb, { type: "DEDICATED" })).flavors.length > 0);
        const created = await checkAndCreate(nbProvider(t.url, nb).provider, {
            name: "catalog-nb",
            flavor: "modelarts.vm.cpu.2u",
            imageId: (await getImagesV2(nb, { name: "notebook2.0-mul-kernel-cpu" })).images[0].id,
            volume: { category: "EVS", capacity: 5 },
        });
        const sw = await getFlavorsV2(nb, { notebookId: created.id });
        assert.ok(sw.flavors.length > 0 && sw.flavors.every((f) => f.category === "CPU" && f.free === false), JSON.stringify(sw.flavors));
        await assert.rejects(getFlavorsV2(nb, { notebookId: created.id, category: "GPU" }), InputValidationError);
        await assert.rejects(getFlavorsV2(nb, { notebookId: "00000000-0000-0000-0000-000000000000" }), CloudServiceError);
    });

    it("getEcsSpecs: accelerator type (required), instance types, sorting, paging; every field of the model", async () => {
        const gpu = await getEcsSpecs(dsw, { acceleratorType: "GPU" });
        assert.ok(gpu.ecsSpecs.length > 0 && gpu.ecsSpecs.every((s) => s.acceleratorType === "GPU" && s.gpu >= 1));
        const cpu = await getEcsSpecs(dsw, { acceleratorType: "CPU" });
        assert.ok(cpu.ecsSpecs.every((s) => s.acceleratorType === "CPU" && s.gpu === 0));
        const one = gpu.ecsSpecs[0];
        for (const f of [
            "instanceType",
            "cpu",
            "memory",
            "gpuType",
            "gpuMemorySize",
            "systemDiskCapacity",
            "instanceBandwidthRx",
            "price",
            "currency",
            "spotStockStatus",
        ]) {
            assert.ok(one[f as keyof typeof one] !== undefined && one[f as keyof typeof one] !== "", `spec field ${f}`);
        }
        const two = await getEcsSpecs(dsw, { acceleratorType: "CPU", instanceTypes: ["ecs.g6.large", "ecs.g6.xlarge"] });
        assert.deepEqual(two.ecsSpecs.map((s) => s.instanceType).sort(), ["ecs.g6.large", "ecs.g6.xlarge"]);
        const byMem = await getEcsSpecs(dsw, { acceleratorType: "GPU", sortBy: "Memory", order: "desc" });
        const mems = byMem.ecsSpecs.map((s) => s.memory);
        assert.deepEqual(
            mems,
            [...mems].sort((a, b) => b - a),
        );
        const p2 = await getEcsSpecs(dsw, { acceleratorType: "GPU", sortBy: "Memory", order: "desc", pageNumber: 2, pageSize: 2 });
        assert.deepEqual(
            p2.ecsSpecs.map((s) => s.instanceType),
            byMem.ecsSpecs.slice(2, 4).map((s) => s.instanceType),
        );
        assert.equal((await getEcsSpecs(dsw, { acceleratorType: "GPU", resourceType: "Lingjun" })).totalCount, 0);
        await assert.rejects(getEcsSpecs(dsw, {} as never), InputValidationError, "acceleratorType is required");
        await assert.rejects(getEcsSpecs(dsw, { acceleratorType: "GPU", pageSize: 101 }), InputValidationError);
    });

    it("the create validation accepts what the catalog lists and refuses the rest (one catalog)", async () => {
        const specs = await getEcsSpecs(dsw, { acceleratorType: "GPU" });
        const gone = specs.ecsSpecs.find((s) => !s.isAvailable);
        assert.ok(gone, "the catalog lists a type without stock");
        const body = (EcsSpec: string) => ({
            WorkspaceId: "40823",
            InstanceName: `cat_${EcsSpec.replace(/\W/g, "_")}`,
            EcsSpec,
            ImageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1",
        });
        await assert.rejects(dsw.createInstance(body(gone.instanceType)), (e: unknown) => e instanceof CloudServiceError && /out of stock/.test(e.message));
        await assert.rejects(dsw.createInstance(body("ecs.nope.large")), (e: unknown) => e instanceof CloudServiceError && e.code === "ValidationError");
        const ok = specs.ecsSpecs.find((s) => s.isAvailable);
        assert.ok(ok);
        assert.match(await dsw.createInstance(body(ok.instanceType)), /^dsw-/);

        const images = await getImagesV2(nb, {});
        const flavors = await getFlavorsV2(nb, {});
        const nbBody = (image_id: string, flavor: string, workspace_id = "0") => ({
            name: "catalog-check",
            flavor,
            image_id,
            workspace_id,
            volume: { category: "EVS", ownership: "MANAGED", capacity: 5 },
        });
        for (const i of images.images) {
            const f = flavors.flavors.find((x) => (i.resourceCategories ?? []).includes(String(x.category)) && !x.soldOut);
            assert.ok(f, `a flavor for ${i.name}`);
            assert.ok((await nb.create(nbBody(i.id, f.id))).id, `image ${i.name} on ${f.id}`);
        }
        await assert.rejects(
            nb.create(nbBody("11111111-2222-3333-4444-555555555555", "modelarts.vm.cpu.2u")),
            (e: unknown) => e instanceof CloudServiceError && e.code === "ModelArts.6797",
        );
        await assert.rejects(
            nb.create(nbBody(images.images[0].id, "modelarts.vm.cpu.64u")),
            (e: unknown) => e instanceof CloudServiceError && e.code === "ModelArts.6323",
        );
        const saved = (await getImagesV2(nb, { type: "DEDICATED", workspaceId: CATALOG_WORKSPACE })).images[0];
        await assert.rejects(
            nb.create(nbBody(saved.id, "modelarts.vm.cpu.2u")),
            (e: unknown) => e instanceof CloudServiceError && e.code === "ModelArts.6797",
            "a saved image only in its workspace",
        );
        assert.ok((await nb.create(nbBody(saved.id, "modelarts.vm.cpu.2u", CATALOG_WORKSPACE))).id);
    });
});
