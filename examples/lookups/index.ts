// (e) Lookups: list notebooks with the clouds' filters and publish what was found.
import * as pulumi from "@pulumi/pulumi";
import { dsw, modelarts } from "pulumi-notebooks";

const gpu = new dsw.Instance("gpu", {
    workspaceId: "40823",
    instanceName: "lookup_gpu",
    ecsSpec: "ecs.gn6i-c4g1.xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/pytorch:2.1-gpu",
    labels: { env: "lookup-example" },
});
const nb = new modelarts.Notebook("nb", {
    name: "lookup-notebook",
    profileId: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.2u",
    spec: { storage: { type: "evs" } },
});

// Lookups whose arguments depend on the resources run after them.
const gpus = dsw.getInstancesOutput({
    workspaceId: "40823",
    acceleratorType: "GPU",
    labels: gpu.instanceId.apply(() => ({ env: "lookup-example" })),
});
const notebooks = modelarts.getNotebooksOutput({ status: nb.status.apply(() => "RUNNING" as const) });

export const gpuNotebookNames = gpus.instances.apply((list) => list.map((i) => i.instanceName));
export const runningModelArts = notebooks.notebooks.apply((list) => list.map((n) => n.name));
export const totals = pulumi.all([gpus.totalCount, notebooks.totalCount]);

// Catalog lookups: what a program can create with.
export const gpuTypes = dsw
    .getEcsSpecsOutput({ acceleratorType: "GPU", sortBy: "GPU", order: "asc" })
    .ecsSpecs.apply((s) => s.filter((x) => x.isAvailable).map((x) => `${x.instanceType} ${x.gpu}x${x.gpuType}`));
export const gpuImages = modelarts.getImagesV2Output({}).images.apply((l) => l.filter((i) => i.resourceCategories?.includes("GPU")).map((i) => i.name));
export const gpuFlavors = modelarts.getFlavorsV2Output({ category: "GPU" }).flavors.apply((l) => l.map((f) => f.id));
