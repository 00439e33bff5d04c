// (g) A GPU notebook on the ModelArts notebook API Huawei recommends today: a 50 GB EVS disk, SSH
// access with a key pair, and a lease that stops it eight hours after each start.
import * as pulumi from "@pulumi/pulumi";
import { modelarts } from "pulumi-notebooks";

const config = new pulumi.Config();
const gpuImage = modelarts.getImagesV2Output({ name: "pytorch" }).apply(({ images }) => images.find((i) => i.resourceCategories?.includes("GPU"))!.id);

const nb = new modelarts.NotebookV2("gpu-notebook", {
    name: "research-gpu-notebook",
    description: "GPU notebook with an 8 hour lease",
    flavor: "modelarts.vm.gpu.p100",
    // A PyTorch image that runs on GPUs, from ListImage (or an id set in config).
    imageId: config.get("imageId") ?? gpuImage,
    volume: { category: "EVS", capacity: 50 },
    endpoints: [{ service: "SSH", keyPairNames: ["KeyPair-research"], allowedAccessIps: ["203.0.113.10"] }],
    lease: { duration: "8h" },
    tags: { team: "research", "cost-center": "cc-42" },
});

export const id = nb.instanceId;
export const status = nb.status;
export const stopsAt = nb.leaseState.apply((l) => (l?.stopAt ? new Date(l.stopAt).toISOString() : undefined));
