// (f) Taking over notebooks created outside Pulumi (`pulumi import` does not work for dynamic
// resources): the first `pulumi up` adopts them instead of creating new ones, then manages them.
import * as pulumi from "@pulumi/pulumi";
import { dsw, modelarts } from "pulumi-notebooks";

const config = new pulumi.Config();

const legacyDsw = new dsw.Instance("legacy-dsw", {
    workspaceId: "40823",
    instanceName: "legacy_notebook",
    ecsSpec: "ecs.g6.xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/python:3.10-cpu",
    adopt: { byName: true },
    shutdownTimer: { remainingTime: "8h" },
});

const legacyMa = new modelarts.Notebook("legacy-ma", {
    name: "legacy-modelarts",
    profileId: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.2u",
    spec: { storage: { type: "evs" } },
    description: "now managed by Pulumi",
    adopt: { instanceId: config.require("legacyModelArtsId") },
});

export const dswId = legacyDsw.instanceId;
export const modelartsId = legacyMa.instanceId;
