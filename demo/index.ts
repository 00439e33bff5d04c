/**
 * The demo program: one DSW GPU notebook with a scheduled stop and an idle culler, one ModelArts
 * notebook with auto-stop on the old DevEnviron API, one on the current notebook API with an
 * 8-hour lease, and a generated Jupyter token (secret) from @pulumi/random.
 * `npm run demo` runs it against the embedded emulator.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { dsw, modelarts } from "pulumi-notebooks";

const suffix = new random.RandomPet("suffix", { length: 2, separator: "_" });
const jupyterToken = new random.RandomPassword("jupyter-token", { length: 24, special: false });

const gpu = new dsw.Instance("gpu-notebook", {
    workspaceId: "40823",
    instanceName: pulumi.interpolate`gpu_${suffix.id}`,
    ecsSpec: "ecs.gn7i-c8g1.2xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/pytorch-training:2.1-gpu-py310",
    environmentVariables: { JUPYTER_TOKEN: jupyterToken.result },
    labels: { team: "ml-platform", purpose: "demo" },
    shutdownTimer: { remainingTime: "8h" },
    idleCuller: { cpuPercentThreshold: 10, gpuPercentThreshold: 5, maxIdleTimeInMinutes: 60 },
});

const evs = new modelarts.Notebook("evs-notebook", {
    name: pulumi.interpolate`evs-${suffix.id.apply((s) => s.replace(/_/g, "-"))}`,
    description: "Exploration notebook managed by Pulumi",
    profileId: "Multi-Engine 1.0 (python3)-gpu",
    flavor: "modelarts.vm.gpu.p100",
    spec: {
        storage: { type: "evs", location: { volumeSize: 50 } },
        autoStop: { enable: true, duration: 3600 },
    },
});

const current = new modelarts.NotebookV2("current-api-notebook", {
    name: pulumi.interpolate`gpu-${suffix.id.apply((s) => s.replace(/_/g, "-"))}`,
    description: "GPU notebook on the current notebook API",
    flavor: "modelarts.vm.gpu.p100",
    imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9",
    volume: { category: "EVS", capacity: 50 },
    lease: { duration: "8h" },
    tags: { team: "ml-platform" },
});

export const dswInstanceId = gpu.instanceId;
export const dswStatus = gpu.status;
export const dswJupyterLab = gpu.jupyterlabUrl;
export const dswStopsAt = gpu.shutdownTimerState.apply((t) => t?.dueTime);
export const modelartsNotebookId = evs.instanceId;
export const modelartsStatus = evs.status;
export const notebookV2Id = current.instanceId;
export const notebookV2StopsAt = current.leaseState.apply((l) => (l?.stopAt ? new Date(l.stopAt).toISOString() : undefined));
export const jupyterTokenValue = pulumi.secret(jupyterToken.result);
