/**
 * Between `dsw.Instance` inputs/outputs and DSW wire bodies: the CreateInstance body, the
 * UpdateInstance body for a set of changed inputs, the outputs of an instance, and the "live
 * inputs" that `read` reports so drift shows in `pulumi preview`.
 */
import { CasingRules, convertKeys, invert, lowerFirst, projectLike, upperFirst } from "../common/casing";
import { CREATING_KEY, OWNER_KEY } from "../common/schema";
import { pendingLabel } from "./recovery";
import { parseDuration } from "../common/timeouts";
import type { Instance } from "./client";
import { disassociateFlagsOf, wireNamesOf } from "../common/declare";
import { DSW_NOT_IN_BODY } from "./policy";
import { DswInstanceInputs } from "./schema";
import { DswWireField, driftable } from "./fields";
import { DswOutputs } from "./outputs";

const TO_WIRE: CasingRules = {
    // Where the cloud's name is not the PascalCase of ours: declared beside each field (schema.ts).
    special: wireNamesOf(DswInstanceInputs.shape),
    opaque: new Set(["environmentVariables", "options"]),
    convert: upperFirst,
};
const FROM_WIRE = invert(TO_WIRE, lowerFirst, new Set(["EnvironmentVariables", "Options"]));

export const toWire = (v: unknown) => convertKeys(v, TO_WIRE);
export const fromWire = (v: unknown) => convertKeys(v, FROM_WIRE);

const mapToLabels = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).map(([Key, Value]) => ({ Key, Value }));

const NOT_IN_BODY = DSW_NOT_IN_BODY;

export function createBody(inputs: DswInstanceInputs, owner: string, resource: string): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) {
        if (!NOT_IN_BODY.has(k) && v !== undefined) {
            Object.assign(body, toWire({ [k]: v }));
        }
    }
    // The creating mark goes with the request, so an interrupted create is recognised however early it stopped (recovery.ts).
    body.Labels = [...mapToLabels(inputs.labels), { Key: OWNER_KEY, Value: owner }, { Key: CREATING_KEY, Value: pendingLabel(resource) }];
    if (inputs.tags) {
        body.Tag = mapToLabels(inputs.tags);
    }
    return body;
}

/** Disassociate flag that clears an input the user removed (reference §5.4), declared on each input. */
const DISASSOCIATE = disassociateFlagsOf(DswInstanceInputs.shape);

/** UpdateInstance body for the changed body inputs; removed inputs become Disassociate flags. */
export function updateBody(changed: readonly string[], news: DswInstanceInputs): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    const n = news as Record<string, unknown>;
    for (const k of changed) {
        if (NOT_IN_BODY.has(k)) {
            continue;
        }
        if (n[k] === undefined) {
            if (DISASSOCIATE[k]) {
                body[DISASSOCIATE[k]] = true;
            }
            continue;
        }
        if (k === "cloudDisks") {
            // UpdateInstance accepts only Capacity and SubType of cloud disks.
            body.CloudDisks = (news.cloudDisks ?? []).map((d) => toWire({ capacity: d.capacity, subType: d.subType }));
            continue;
        }
        Object.assign(body, toWire({ [k]: n[k] }));
    }
    return body;
}

/** The desired-state vocabulary for a live status: stopped-like statuses read as "Stopped". */
export function desiredVocabulary(status: string): string {
    if (status === "Saved" || status === "SaveFailed") {
        return "Stopped";
    }
    return status;
}

export type { DswOutputs };

const s = (v: unknown) => (typeof v === "string" ? v : "");

export function outputsOf(i: Instance, applied: { dueTime?: string; stoppedBySchedule: boolean }): DswOutputs {
    const timer = i.InstanceShutdownTimer;
    const culler = i.IdleInstanceCuller;
    const labels: Record<string, string> = {};
    for (const l of i.Labels ?? []) {
        labels[l.Key] = l.Value ?? "";
    }
    return {
        instanceId: i.InstanceId,
        status: i.Status,
        reasonCode: s(i.ReasonCode),
        reasonMessage: s(i.ReasonMessage),
        workspaceId: s(i.WorkspaceId),
        workspaceName: s(i.WorkspaceName),
        resourceName: s(i.ResourceName),
        paymentType: s(i.PaymentType),
        acceleratorType: s(i.AcceleratorType),
        imageName: s(i.ImageName),
        userName: s(i.UserName),
        instanceUrl: s(i.InstanceUrl),
        jupyterlabUrl: s(i.JupyterlabUrl),
        webIdeUrl: s(i.WebIDEUrl),
        terminalUrl: s(i.TerminalUrl),
        gmtCreateTime: s(i.GmtCreateTime),
        gmtModifiedTime: s(i.GmtModifiedTime),
        // Only what changes when the cloud's configuration does: countdowns and counters
        // (RemainingTimeInMs, IdleTimeInMinutes, AccumulatedRunningTimeInMs) change by themselves
        // and would show in every refresh of an unchanged notebook.
        shutdownTimerState: timer?.DueTime ? { dueTime: timer.DueTime } : undefined,
        appliedShutdownDueTime: applied.dueTime,
        idleCullerState: culler
            ? (fromWire({
                  CpuPercentThreshold: culler.CpuPercentThreshold,
                  GpuPercentThreshold: culler.GpuPercentThreshold,
                  MaxIdleTimeInMinutes: culler.MaxIdleTimeInMinutes,
              }) as DswOutputs["idleCullerState"])
            : undefined,
        stoppedBySchedule: applied.stoppedBySchedule,
        latestSnapshot: i.LatestSnapshot ? (fromWire(i.LatestSnapshot) as Record<string, unknown>) : undefined,
        snapshots: (i.InstanceSnapshotList ?? []).map((x) => fromWire(x) as Record<string, unknown>),
        liveLabels: labels,
        userCommandId: i.UserCommandId === undefined ? undefined : s(i.UserCommandId),
    };
}

/**
 * Inputs read back for drift, each only when the user set it, with the response field it comes
 * from. Only fields both GetInstance and ListInstances items carry may drift (fields.ts): `spotSpec`
 * and `oversoldType` are write-only, or a real cloud would show a change on every refresh and
 * `pulumi up` would stop and restart the notebook each time.
 */
const DRIFT_FIELDS = (
    [
        ["instanceName", "InstanceName"],
        ["ecsSpec", "EcsSpec"],
        ["requestedResource", "RequestedResource"],
        ["priority", "Priority"],
        ["imageId", "ImageId"],
        ["imageUrl", "ImageUrl"],
        ["datasets", "Datasets"],
        ["dynamicMount", "DynamicMount"],
        ["cloudDisks", "CloudDisks"],
        ["workspaceSource", "WorkspaceSource"],
        ["userVpc", "UserVpc"],
        ["accessibility", "Accessibility"],
        ["environmentVariables", "EnvironmentVariables"],
        ["driver", "Driver"],
        ["affinity", "Affinity"],
    ] as const satisfies ReadonlyArray<readonly [keyof DswInstanceInputs, DswWireField]>
).map(([input, wire]) => {
    if (!driftable(wire)) throw new Error(`${wire} is not returned by every read path (provider/dsw/fields.ts)`);
    return input;
});

/** The inputs drift is computed for (tests hold this to fields.ts). */
export const DSW_DRIFT_INPUTS: readonly string[] = DRIFT_FIELDS;

/** Inputs read back some other way (run state, schedules, labels), or settings and identity. */
const READ_OTHERWISE = new Set(["status", "shutdownTimer", "idleCuller", "labels", "timeouts", "failedPolicy", "adopt", "credentialsProfile", "workspaceId"]);

/** Inputs sent to the cloud but never compared with it: changing them in the console shows no drift. */
export function dswNotReadBack(inputNames: readonly string[]): string[] {
    return inputNames.filter((k) => !READ_OTHERWISE.has(k) && !DSW_DRIFT_INPUTS.includes(k));
}

const STOPPED_LIKE = ["Stopped", "Stopping", "Saved", "SaveFailed"];

/**
 * A stop by the instance's own idle culler. Recognised from GetInstance/ListInstances alone: the
 * culler's `IdleTimeInMinutes` ("the instance's current idle time", GetIdleInstanceCuller doc) has
 * reached `MaxIdleTimeInMinutes` on a stopped instance. Assumed (unconfirmed): DSW keeps the idle
 * time reached when the instance stopped; a stop from the console or the API while the notebook
 * was busy reads less. The emulator does the same (emulator/dsw/model.ts, idleMinutesAtStop).
 */
export function stoppedByCuller(i: Instance): boolean {
    const c = i.IdleInstanceCuller;
    return STOPPED_LIKE.includes(i.Status) && !!c && c.MaxIdleTimeInMinutes !== undefined && (c.IdleTimeInMinutes ?? 0) >= c.MaxIdleTimeInMinutes;
}

/** Due time a `shutdownTimer` input asks for, from the moment it is applied. */
export function dueTimeFor(timer: NonNullable<DswInstanceInputs["shutdownTimer"]>, now: number): number {
    if (timer.dueTime) {
        return Date.parse(timer.dueTime);
    }
    return now + (parseDuration(timer.remainingTime ?? "") ?? 0);
}

export interface LiveInputsResult {
    inputs: DswInstanceInputs;
    stoppedBySchedule: boolean;
}

/**
 * The inputs as the cloud now has them: the previous inputs with every user-set field replaced by
 * its live value (projected onto what the user specified), plus run state, timer and idle culler.
 * Comparing these with the program's inputs is what makes console drift show in `pulumi preview`.
 */
export function liveInputs(prev: DswInstanceInputs, i: Instance, appliedDueTime: string | undefined, now: number): LiveInputsResult {
    const live = fromWire(i) as Record<string, unknown>;
    const out: Record<string, unknown> = { ...prev };
    const p = prev as Record<string, unknown>;
    for (const f of DRIFT_FIELDS) {
        if (p[f] === undefined) {
            continue;
        }
        const v = live[f];
        out[f] = v === undefined || v === "" ? undefined : projectLike(v, p[f]);
    }
    if (prev.labels) {
        const labels: Record<string, string> = {};
        for (const l of i.Labels ?? []) {
            if (l.Key in prev.labels) {
                labels[l.Key] = l.Value ?? "";
            }
        }
        out.labels = labels;
    }
    // Run state, timer and culler are always managed: report them even when not set.
    const timer = i.InstanceShutdownTimer;
    const applied = appliedDueTime ? Date.parse(appliedDueTime) : undefined;
    let stoppedBySchedule = false;
    if (timer?.DueTime) {
        const liveDue = Date.parse(timer.DueTime);
        out.shutdownTimer = prev.shutdownTimer && applied !== undefined && Math.abs(liveDue - applied) < 2000 ? prev.shutdownTimer : { dueTime: timer.DueTime };
    } else if (prev.shutdownTimer && applied !== undefined && applied <= now) {
        // The timer fired: that is the schedule working, not drift.
        out.shutdownTimer = prev.shutdownTimer;
        stoppedBySchedule = STOPPED_LIKE.includes(i.Status);
    } else {
        out.shutdownTimer = undefined;
    }
    const culler = i.IdleInstanceCuller;
    if (!stoppedBySchedule && prev.idleCuller && stoppedByCuller(i)) {
        stoppedBySchedule = true;
    }
    // check() always fills `status`, so a stopped instance reads as `status: "Stopped" => "Running"`.
    out.status = stoppedBySchedule ? prev.status : desiredVocabulary(i.Status);
    if (culler && culler.MaxIdleTimeInMinutes !== undefined) {
        const c: Record<string, unknown> = { cpuPercentThreshold: culler.CpuPercentThreshold, maxIdleTimeInMinutes: culler.MaxIdleTimeInMinutes };
        if (culler.GpuPercentThreshold !== undefined) {
            c.gpuPercentThreshold = culler.GpuPercentThreshold;
        }
        out.idleCuller = c;
    } else {
        out.idleCuller = undefined;
    }
    return { inputs: out as DswInstanceInputs, stoppedBySchedule };
}
