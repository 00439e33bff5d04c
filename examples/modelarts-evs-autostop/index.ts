// (c) A ModelArts notebook on a 50 GB EVS disk that stops after two hours of running.
import { modelarts } from "pulumi-notebooks";

const nb = new modelarts.Notebook("evs-notebook", {
    name: "research-evs-notebook",
    description: "Research notebook on EVS",
    profileId: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.8u",
    spec: {
        storage: { type: "evs", location: { volumeSize: 50 } },
        autoStop: { enable: true, duration: 7200 },
    },
});

export const id = nb.instanceId;
export const status = nb.status;
export const stopsAt = nb.autoStopState.apply((a) => (a?.stopTimestamp ? new Date(a.stopTimestamp).toISOString() : undefined));
