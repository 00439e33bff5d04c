/**
 * `pulumi import` of a DSW instance: the program inputs of a live instance, from GetInstance. The
 * fields are the ones drift reads back (mapping.ts, DSW_DRIFT_INPUTS) plus the workspace and the
 * user's labels, the run state, the idle culler and the shutdown timer, each cut to its input
 * declaration; the read that follows reports them as any refresh does (liveInputs). Of the
 * exclusive pairs the cloud echoes both halves of, the one the instance was created with is kept: `imageUrl` over the `imageId` it
 * resolves to, `resourceId` (a subscription resource) over its `ecsSpec`.
 */
import { ifAccepted, importedFields, projectOnto } from "../common/projectOnto";
import { RESERVED_KEYS } from "../common/schema";
import type { Instance } from "./client";
import { DSW_DRIFT_INPUTS, desiredVocabulary, fromWire } from "./mapping";
import { DswInstanceInputs } from "./schema";

/**
 * What GetInstance reports for an input the create request left out (CreateInstance's defaults; the
 * emulator's model.ts answers the same): not imported, so a program that never set them, such as
 * the one of a stack moved from the dynamic resource, previews clean.
 */
const SERVER_DEFAULTS: Readonly<Record<string, unknown>> = { accessibility: "PRIVATE", priority: 1 };

export function dswImportedInputs(i: Instance): Record<string, unknown> {
    const live = fromWire(i) as Record<string, unknown>;
    const out = importedFields(DswInstanceInputs.shape, live, ["workspaceId", "resourceId", ...DSW_DRIFT_INPUTS]);
    if (out.imageUrl !== undefined) delete out.imageId;
    if (out.resourceId !== undefined) delete out.ecsSpec;
    for (const [k, v] of Object.entries(SERVER_DEFAULTS)) if (out[k] === v) delete out[k];
    const labels = Object.fromEntries(
        (i.Labels ?? []).filter((l) => !RESERVED_KEYS.includes(l.Key) && !/^(aliyun|acs:)/i.test(l.Key)).map((l) => [l.Key, l.Value ?? ""]),
    );
    if (Object.keys(labels).length > 0) out.labels = labels;
    // The run state as an input can ask for it (Running / Stopped); a transient one is left to the default.
    const status = ifAccepted(DswInstanceInputs.shape.status, desiredVocabulary(i.Status));
    if (status !== undefined) out.status = status;
    const c = i.IdleInstanceCuller;
    if (c && c.MaxIdleTimeInMinutes !== undefined) {
        out.idleCuller = projectOnto(DswInstanceInputs.shape.idleCuller, {
            cpuPercentThreshold: c.CpuPercentThreshold,
            gpuPercentThreshold: c.GpuPercentThreshold,
            maxIdleTimeInMinutes: c.MaxIdleTimeInMinutes,
        });
    }
    if (i.InstanceShutdownTimer?.DueTime) out.shutdownTimer = { dueTime: i.InstanceShutdownTimer.DueTime };
    return out;
}
