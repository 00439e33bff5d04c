// (b) A GPU notebook on a subscription quota, with two datasets and a VPC for private data.
import { dsw } from "pulumi-notebooks";

const nb = new dsw.Instance("quota-gpu", {
    workspaceId: "40823",
    instanceName: "train_a10_quota",
    resourceId: "quota-ml-team",
    requestedResource: { cpu: "16", memory: "64GB", sharedMemory: "16GB", gpu: "1", gpuType: "A10" },
    priority: 5,
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/pytorch-training:2.1-gpu-py310",
    datasets: [
        { datasetId: "d-trainingset01", datasetVersion: "v3", mountPath: "/mnt/data", mountAccess: "RO" },
        { uri: "oss://ml-team-bucket.oss-cn-hangzhou-internal.aliyuncs.com/checkpoints/", mountPath: "/mnt/ckpt" },
    ],
    userVpc: { vpcId: "vpc-mlteam01", vSwitchId: "vsw-mlteam01", securityGroupId: "sg-mlteam01", extendedCidrs: ["10.20.0.0/16"] },
    driver: "535.54.03",
    idleCuller: { cpuPercentThreshold: 10, gpuPercentThreshold: 5, maxIdleTimeInMinutes: 30 },
    labels: { team: "ml", cost_center: "cc_42" },
});

export const id = nb.instanceId;
export const paymentType = nb.paymentType;
export const accelerator = nb.acceleratorType;
