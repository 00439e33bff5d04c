/**
 * What a change to each `dsw.Instance` input costs. Which UpdateInstance fields need a stopped
 * instance is unconfirmed upstream (shared/api/dsw.md §5.4); the working assumption, shared with
 * the emulator: name, accessibility, priority and owner are live-updatable, anything that changes
 * the container needs the instance stopped. Labels, run state, timer and culler have their own
 * APIs. Workspace, quota and tags cannot be changed by UpdateInstance: they replace.
 */
import { ChangePolicy, PolicyTable } from "../common/diff";
import type { DswInstanceInputs } from "./schema";

/** Total: the compiler fails when an input lacks a row (a key missing here would never diff). */
export const DSW_POLICY: PolicyTable = {
    workspaceId: "replace",
    resourceId: "replace",
    tags: "replace",
    instanceName: "update",
    accessibility: "update",
    priority: "update",
    userId: "update",
    labels: "update",
    status: "update",
    shutdownTimer: "update",
    idleCuller: "update",
    ecsSpec: "stopThenUpdate",
    requestedResource: "stopThenUpdate",
    oversoldType: "stopThenUpdate",
    imageId: "stopThenUpdate",
    imageUrl: "stopThenUpdate",
    imageAuth: "stopThenUpdate",
    datasets: "stopThenUpdate",
    dynamicMount: "stopThenUpdate",
    cloudDisks: "stopThenUpdate",
    workspaceSource: "stopThenUpdate",
    userVpc: "stopThenUpdate",
    environmentVariables: "stopThenUpdate",
    driver: "stopThenUpdate",
    affinity: "stopThenUpdate",
    credentialConfig: "stopThenUpdate",
    userCommand: "stopThenUpdate",
    spotSpec: "stopThenUpdate",
    timeouts: "ignore",
    failedPolicy: "ignore",
    adopt: "ignore",
} satisfies Record<keyof DswInstanceInputs, ChangePolicy>;
