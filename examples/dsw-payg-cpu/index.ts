// (a) A pay-as-you-go CPU notebook that stops itself at the end of the working day.
import { dsw } from "pulumi-notebooks";

const nb = new dsw.Instance("cpu-notebook", {
    workspaceId: "40823",
    instanceName: "analytics_cpu",
    ecsSpec: "ecs.g6.xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/python:3.10-cpu",
    accessibility: "PUBLIC",
    environmentVariables: { TZ: "Asia/Shanghai" },
    shutdownTimer: { remainingTime: "9h" },
    idleCuller: { cpuPercentThreshold: 5, maxIdleTimeInMinutes: 45 },
});

export const id = nb.instanceId;
export const jupyterLab = nb.jupyterlabUrl;
export const stopsAt = nb.shutdownTimerState.apply((t) => t?.dueTime);
