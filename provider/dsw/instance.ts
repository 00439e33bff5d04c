/**
 * `dsw.Instance` lifecycle: check / diff / create / read / update / delete against the DSW API.
 *
 * - check: zod rules and old-vs-new rules (a disk cannot shrink, a changed due time must lie in
 *   the future), no API call; fills defaults (`status: "Running"`, `failedPolicy: "restart"`).
 * - diff: pure, by the policy table; a replacement with the same name deletes first (names are
 *   unique in a workspace).
 * - create: finds its own half-created instance by exact name + owner label before creating;
 *   waits for the desired state; any failure after the cloud accepted it keeps the id.
 * - read: live values as outputs and as inputs (drift shows in preview); gone reads as deleted.
 * - update: stops first when a changed field needs it, restores the desired run state after;
 *   labels, timer and culler through their own APIs.
 * - delete: waits until gone; gone already is success; retries when refused mid-transition.
 */
import { deepEqual, planDiff } from "../common/diff";
import { createOrRecover } from "../common/recover";
import { progressFor, ProgressLog } from "../common/log";
import {
    CheckResult,
    PollSettings,
    checkWith,
    failedPolicyRule,
    keepIdOnFailure,
    parseChecked,
    readInputs,
    splitInternal,
    stripUndefined,
    userInputsOf as userInputsFor,
} from "../common/resource";
import { CheckFailure, OWNER_KEY } from "../common/schema";
import { resolveTimeouts } from "../common/timeouts";
import { isoMs } from "../common/eta";
import { PhasePrediction, waitForStatus } from "../common/status";
import { WaiterDeps } from "../common/waiter";
import { DswClient, Instance, isDswNotFound } from "./client";
import { DswOutputs, createBody, dueTimeFor, liveInputs, outputsOf, updateBody } from "./mapping";
import { DSW_POLICY } from "./policy";
import { DswReadCache, PollScope } from "./readCache";
import { DswValidationError } from "./errors";
import { DswInstanceInputs } from "./schema";

type Props = Record<string, unknown>;

/** Inputs whose values are secrets (stored as secrets in state; never echoed in a check failure). */
export const DSW_SECRET_INPUTS = ["imageAuth", "credentialConfig", "environmentVariables"] as const;

const userInputsOf = (props: Props, desired = false) => userInputsFor(props, DSW_POLICY, desired);

const TRANSITIONAL = new Set(["Creating", "Queuing", "ResourceAllocating", "EnvPreparing", "Starting", "Updating", "Saving", "Stopping", "Recovering"]);
const STOPPED_LIKE = new Set(["Stopped", "Saved", "SaveFailed"]);

/**
 * The phases on the way to Running (shared/api/dsw.md §6.2), for predicting when a wait ends.
 * Assumed (unconfirmed): GmtModifiedTime changes when the status does, so it stamps the start of
 * the current phase; the emulator does the same.
 */
const CREATE_PHASES: PhasePrediction<Instance> = {
    route: { phases: [["Creating"], ["Queuing", "ResourceAllocating"], ["EnvPreparing"]] },
    stamp: (i) => ({ status: i.Status, since: isoMs(i.GmtModifiedTime), origin: isoMs(i.GmtCreateTime) }),
    resolutionMs: 1000,
};
const START_PHASES: PhasePrediction<Instance> = {
    route: { phases: [["Starting"], ["EnvPreparing"]] },
    stamp: (i) => ({ status: i.Status, since: isoMs(i.GmtModifiedTime) }),
    resolutionMs: 1000,
};

export interface DswRuntime {
    client(): DswClient;
    cache(): DswReadCache;
    poll(): PollSettings;
    waiterDeps?: WaiterDeps;
    now?: () => number;
}

/** A replace deletes the instance's cloud disks with it: the preview says so, naming them. */
function warnDataLoss(old: Partial<DswInstanceInputs>, internal: Props, replaces: readonly string[]): void {
    const disks = old.cloudDisks ?? [];
    if (disks.length === 0) return;
    const names = disks.map((d) => `${d.capacity ?? "?"} ${d.subType ?? ""}`.trim()).join(", ");
    progressFor(`dsw.Instance ${String(internal.__nbName ?? old.instanceName)}`, internal.__nbUrn).warn(
        `replacing it (${replaces.join(", ")} changed) deletes its cloud disk${disks.length > 1 ? "s" : ""} (${names}) and the data on them; save what you need first, or keep the old values`,
    );
}

export class DswInstanceProvider {
    constructor(private rt: DswRuntime) {}

    private now(): number {
        return (this.rt.now ?? Date.now)();
    }

    // ----- check ------------------------------------------------------------------------------
    check(olds: Props, news: Props): CheckResult {
        const prev = splitInternal(olds ?? {}).user as Partial<DswInstanceInputs>;
        return checkWith(
            DswInstanceInputs,
            news,
            (v) => this.transitionRules(prev, v),
            (v) => ({
                ...v,
                status: v.status ?? "Running",
                failedPolicy: v.failedPolicy ?? "restart",
                idleCuller: v.idleCuller ? { cpuPercentThreshold: 20, ...v.idleCuller } : undefined,
            }),
            DSW_SECRET_INPUTS,
        );
    }

    private transitionRules(prev: Partial<DswInstanceInputs>, v: DswInstanceInputs): CheckFailure[] {
        const failures: CheckFailure[] = failedPolicyRule("DSW instance", prev.status, ["Failed"], v.failedPolicy);
        const due = v.shutdownTimer?.dueTime;
        if (due && due !== prev.shutdownTimer?.dueTime && Date.parse(due) <= this.now()) {
            failures.push({ property: "shutdownTimer.dueTime", reason: `must be in the future (${due} has passed)` });
        }
        (v.cloudDisks ?? []).forEach((d, i) => {
            const before = prev.cloudDisks?.[i]?.capacity;
            if (before && d.capacity && parseInt(d.capacity, 10) < parseInt(before, 10)) {
                failures.push({ property: `cloudDisks[${i}].capacity`, reason: `cannot shrink from ${before} to ${d.capacity}; cloud disks only grow` });
            }
        });
        return failures;
    }

    // ----- diff -------------------------------------------------------------------------------
    diff(id: string, olds: Props, news: Props): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
        const o = userInputsOf(olds);
        const n = splitInternal(news).user as Partial<DswInstanceInputs>;
        const plan = planDiff(o, n, DSW_POLICY);
        const replaces = [...plan.replaces];
        if (o.status === "Failed") {
            const policy = n.failedPolicy ?? "restart";
            // failedPolicy "error" is enforced by check (failedPolicyRule), which sees only the
            // program's inputs; diff also runs on a refresh's read inputs, where it must not.
            if (policy === "replace" && !replaces.includes("status")) {
                replaces.push("status");
            }
        }
        if (replaces.length > 0) {
            warnDataLoss(o as Partial<DswInstanceInputs>, splitInternal(news).internal, replaces);
        }
        const sameName = o.instanceName === n.instanceName && (n.workspaceId === undefined || o.workspaceId === undefined || o.workspaceId === n.workspaceId);
        return { changes: plan.changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
    }

    // ----- create -----------------------------------------------------------------------------
    async create(props: Props): Promise<{ id: string; outs: Props }> {
        const inputs = parseChecked(DswInstanceInputs, props) as DswInstanceInputs;
        const { internal } = splitInternal(props);
        const log = progressFor(`dsw.Instance ${String(internal.__nbName ?? inputs.instanceName)}`, internal.__nbUrn);
        const owner = String(internal.__nbOwner ?? "unknown");
        const deadline = this.now() + resolveTimeouts(inputs.timeouts).create;
        const client = this.rt.client();

        let id: string;
        let adopted = false;
        if (inputs.adopt) {
            id = await this.resolveAdopt(inputs);
            adopted = true;
            log.info(`adopting existing instance ${id}`);
        } else {
            id = await this.createOrRecover(inputs, owner, log);
        }
        this.rt.cache().invalidate(id);
        return keepIdOnFailure(
            id,
            "create",
            props,
            () => this.snapshotProps(id, props),
            async () => {
                if (adopted) {
                    const live = await client.getInstance(id);
                    const current = this.propsFrom(props, live, undefined, false);
                    await this.apply(id, current, { ...props }, deadline, log, true);
                    await this.ensureOwnerLabel(id, live, owner);
                } else {
                    const scope = inputs.workspaceId ? { workspaceId: inputs.workspaceId, owner } : undefined;
                    const live = await this.waitFor(
                        id,
                        inputs.status === "Stopped" ? ["Running", "Stopped"] : ["Running"],
                        deadline,
                        log,
                        CREATE_PHASES,
                        scope,
                    );
                    if (inputs.status === "Stopped") {
                        await this.stopAndWait(id, deadline, log);
                    }
                    // A new instance has neither; one recovered after a crash may have what the lost run set.
                    if (inputs.shutdownTimer || live.InstanceShutdownTimer) {
                        await this.applyTimer(id, inputs);
                    }
                    if (inputs.idleCuller || live.IdleInstanceCuller) {
                        await this.applyCuller(id, undefined, inputs);
                    }
                }
                const appliedDue = inputs.shutdownTimer ? this.appliedDue(id) : undefined;
                return { id, outs: await this.outsAfterWrite(id, props, appliedDue) };
            },
        );
    }

    private appliedDueTimes = new Map<string, string>();

    private appliedDue(id: string): string | undefined {
        return this.appliedDueTimes.get(id);
    }

    /** Adopt: by id, or by exact name in the workspace. */
    private async resolveAdopt(inputs: DswInstanceInputs): Promise<string> {
        const client = this.rt.client();
        if (inputs.adopt?.instanceId) {
            try {
                const i = await client.getInstance(inputs.adopt.instanceId);
                if (inputs.workspaceId && i.WorkspaceId !== inputs.workspaceId) {
                    throw new Error(`adopt: instance ${i.InstanceId} is in workspace ${String(i.WorkspaceId)}, not ${inputs.workspaceId}`);
                }
                return i.InstanceId;
            } catch (e) {
                if (isDswNotFound(e)) {
                    throw new Error(`adopt: no DSW instance ${inputs.adopt.instanceId} is visible to these credentials`, { cause: e });
                }
                throw e;
            }
        }
        const found = await this.findByName(inputs.workspaceId, inputs.instanceName);
        if (!found) {
            throw new Error(`adopt: no DSW instance named ${inputs.instanceName} in workspace ${inputs.workspaceId ?? "(default)"}`);
        }
        return found.InstanceId;
    }

    /** ListInstances' name filter is a fuzzy match: compare exactly here. */
    private async findByName(workspaceId: string | undefined, name: string): Promise<Instance | undefined> {
        return (await this.rt.cache().named(workspaceId, name)).find((i) => i.Status !== "Deleting");
    }

    /**
     * CreateInstance has no idempotency token. Before creating, and after any failure that may
     * have reached the cloud, look for an instance with this exact name: one carrying our owner
     * label is our own half-created instance (a crash or lost answer) and is taken over.
     */
    private async createOrRecover(inputs: DswInstanceInputs, owner: string, log: ProgressLog): Promise<string> {
        const client = this.rt.client();
        const body = createBody(inputs, owner);
        return createOrRecover({
            operation: "CreateInstance",
            log,
            findOwn: async () => {
                const existing = await this.findByName(inputs.workspaceId, inputs.instanceName);
                if (existing) {
                    const label = existing.Labels?.find((l) => l.Key === OWNER_KEY)?.Value;
                    if (label === owner) {
                        log.warn(`found ${existing.InstanceId}, created by an earlier interrupted run of this stack; continuing with it`);
                        return existing.InstanceId;
                    }
                    throw new Error(
                        `a DSW instance named ${inputs.instanceName} already exists in workspace ${existing.WorkspaceId ?? inputs.workspaceId ?? "(default)"} (${existing.InstanceId}); set adopt: { byName: true } to manage it, or choose another instanceName`,
                    );
                }
                return undefined;
            },
            create: async () => {
                const id = await client.createInstance(body);
                log.info(`created ${id}; waiting for it to start`);
                return id;
            },
        });
    }

    private async ensureOwnerLabel(id: string, live: Instance, owner: string): Promise<void> {
        if (!live.Labels?.some((l) => l.Key === OWNER_KEY && l.Value === owner)) {
            await this.rt.client().updateLabels(id, [{ Key: OWNER_KEY, Value: owner }]);
        }
    }

    // ----- waiting ----------------------------------------------------------------------------
    /** `scope`: lets polls of many waits of one stack share a listing (readCache.ts). */
    private async waitFor(
        id: string,
        targets: string[],
        deadline: number,
        log: ProgressLog,
        phases?: PhasePrediction<Instance>,
        scope?: PollScope,
    ): Promise<Instance> {
        const cache = this.rt.cache();
        const success = targets.includes("Stopped") ? [...targets, ...STOPPED_LIKE] : targets;
        const i = await waitForStatus({
            description: `DSW instance ${id} to be ${targets.join(" or ")}`,
            poll: () => cache.fresh(id, scope),
            status: (x: Instance) => x.Status,
            success,
            failure: (x) => (x.Status === "Failed" ? `instance ${id} failed: ${x.ReasonCode || "no reason code"} ${x.ReasonMessage || ""}`.trim() : undefined),
            isNotFound: isDswNotFound,
            gone: "FAILURE",
            deadline,
            poll_: this.rt.poll(),
            log,
            deps: this.rt.waiterDeps,
            phases,
        });
        return i as Instance;
    }

    private waitNotTransitional(id: string, deadline: number, log: ProgressLog): Promise<Instance> {
        return this.waitFor(id, ["Running", "Stopped", "Failed"], deadline, log);
    }

    private async stopAndWait(id: string, deadline: number, log: ProgressLog): Promise<void> {
        const client = this.rt.client();
        const i = await client.getInstance(id);
        if (STOPPED_LIKE.has(i.Status) || i.Status === "Failed") {
            return;
        }
        if (i.Status === "Stopping") {
            await this.waitFor(id, ["Stopped"], deadline, log);
            return;
        }
        log.info("stopping");
        await this.tolerateRepeat(id, () => client.stopInstance(id), ["Stopping", "Stopped", "Saved", "SaveFailed"]);
        await this.waitFor(id, ["Stopped"], deadline, log);
    }

    private async startAndWait(id: string, deadline: number, log: ProgressLog): Promise<void> {
        const client = this.rt.client();
        const i = await client.getInstance(id);
        if (i.Status === "Running") {
            return;
        }
        if (TRANSITIONAL.has(i.Status) && i.Status !== "Stopping") {
            await this.waitFor(id, ["Running"], deadline, log);
            return;
        }
        if (i.Status === "Stopping") {
            await this.waitFor(id, ["Stopped"], deadline, log);
        }
        log.info("starting");
        await this.tolerateRepeat(id, () => client.startInstance(id), ["Starting", "Queuing", "ResourceAllocating", "EnvPreparing", "Running"]);
        await this.waitFor(id, ["Running"], deadline, log, START_PHASES);
    }

    /**
     * Runs a state-changing call that the transport may have retried after a lost answer: if the
     * cloud then refuses it (ValidationError) because the first try already moved the instance
     * into one of `inProgress`, the call did take effect.
     */
    private async tolerateRepeat(id: string, call: () => Promise<unknown>, inProgress: string[]): Promise<void> {
        try {
            await call();
        } catch (e) {
            if (e instanceof DswValidationError && e.$metadata.attempts > 1) {
                const i = await this.rt.client().getInstance(id);
                if (inProgress.includes(i.Status)) {
                    return;
                }
            }
            throw e;
        }
    }

    // ----- timer and culler -------------------------------------------------------------------
    private async applyTimer(id: string, inputs: DswInstanceInputs): Promise<void> {
        const client = this.rt.client();
        if (!inputs.shutdownTimer) {
            try {
                await client.deleteShutdownTimer(id);
            } catch (e) {
                if (!isDswNotFound(e)) throw e;
            }
            this.appliedDueTimes.delete(id);
            return;
        }
        const due = dueTimeFor(inputs.shutdownTimer, this.now());
        const dueIso = new Date(due).toISOString();
        await client.createShutdownTimer(
            id,
            inputs.shutdownTimer.dueTime ? { DueTime: inputs.shutdownTimer.dueTime } : { RemainingTimeInMs: Math.max(1, due - this.now()) },
        );
        this.appliedDueTimes.set(id, dueIso);
    }

    private async applyCuller(id: string, before: DswInstanceInputs["idleCuller"], after: DswInstanceInputs): Promise<void> {
        const client = this.rt.client();
        const c = after.idleCuller;
        if (before !== undefined || c === undefined) {
            try {
                await client.deleteIdleCuller(id);
            } catch (e) {
                if (!isDswNotFound(e)) throw e;
            }
        }
        if (c) {
            const want = {
                CpuPercentThreshold: c.cpuPercentThreshold,
                GpuPercentThreshold: c.gpuPercentThreshold,
                MaxIdleTimeInMinutes: c.maxIdleTimeInMinutes,
            };
            try {
                await client.createIdleCuller(id, want);
            } catch (e) {
                // A retried create whose first try took effect finds the policy already there.
                const live = e instanceof DswValidationError ? (await client.getInstance(id)).IdleInstanceCuller : undefined;
                const same =
                    live &&
                    live.MaxIdleTimeInMinutes === want.MaxIdleTimeInMinutes &&
                    live.CpuPercentThreshold === want.CpuPercentThreshold &&
                    live.GpuPercentThreshold === want.GpuPercentThreshold;
                if (!same) {
                    throw e;
                }
            }
        }
    }

    // ----- read -------------------------------------------------------------------------------
    async read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
        const workspace = typeof props.workspaceId === "string" && props.workspaceId ? props.workspaceId : undefined;
        const live = await this.rt.cache().get(id, workspace);
        if (!live) {
            return { id: "", props: {} };
        }
        const appliedDue = typeof props.appliedShutdownDueTime === "string" ? props.appliedShutdownDueTime : undefined;
        const next = this.propsFrom(props, live, appliedDue, true);
        return { id, props: next, inputs: readInputs(next, userInputsOf(next)) };
    }

    /** Props (state outputs) for a live instance: live inputs over the previous ones, plus outputs. */
    private propsFrom(prevProps: Props, live: Instance, appliedDue: string | undefined, keepDesired: boolean): Props {
        const { internal } = splitInternal(prevProps);
        const prevInputs = userInputsOf(prevProps, keepDesired) as DswInstanceInputs;
        const li = liveInputs(prevInputs, live, appliedDue, this.now());
        const outs: DswOutputs = outputsOf(live, { dueTime: appliedDue, stoppedBySchedule: li.stoppedBySchedule });
        return {
            ...internal,
            ...stripUndefined(outs as unknown as Props),
            // GetInstance-only outputs keep their last value when a listing served this read.
            userCommandId: outs.userCommandId ?? (typeof prevProps.userCommandId === "string" ? prevProps.userCommandId : ""),
            ...stripUndefined(li.inputs as Props),
            // `status` is the desired-state view of the live status (drift shows through it);
            // `liveStatus` is the cloud's own word; `desiredStatus` keeps the program's wish.
            liveStatus: live.Status,
            desiredStatus: prevInputs.status ?? "Running",
            inputKeys: Object.keys(prevInputs).filter((k) => (prevInputs as Props)[k] !== undefined),
        };
    }

    private async snapshotProps(id: string, props: Props): Promise<Props> {
        const live = await this.rt.client().getInstance(id);
        return this.propsFrom(props, live, this.appliedDue(id), false);
    }

    private async outsAfterWrite(id: string, inputs: Props, appliedDue: string | undefined): Promise<Props> {
        const live = await this.rt.client().getInstance(id);
        const { user, internal } = splitInternal(inputs);
        const outs = outputsOf(live, { dueTime: appliedDue, stoppedBySchedule: false });
        return {
            ...internal,
            ...stripUndefined(outs as unknown as Props),
            ...stripUndefined(user),
            liveStatus: live.Status,
            desiredStatus: user.status,
            inputKeys: Object.keys(stripUndefined(user)),
        };
    }

    // ----- update -----------------------------------------------------------------------------
    async update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
        const inputs = parseChecked(DswInstanceInputs, news) as DswInstanceInputs;
        const { internal } = splitInternal(news);
        const log = progressFor(`dsw.Instance ${String(internal.__nbName ?? inputs.instanceName)}`, internal.__nbUrn);
        const deadline = this.now() + resolveTimeouts(inputs.timeouts).update;
        this.rt.cache().invalidate(id);
        return keepIdOnFailure(
            id,
            "update",
            news,
            () => this.snapshotProps(id, news),
            async () => {
                await this.apply(id, olds, news, deadline, log, false);
                const appliedDue = inputs.shutdownTimer ? (this.appliedDue(id) ?? (olds.appliedShutdownDueTime as string | undefined)) : undefined;
                return { outs: await this.outsAfterWrite(id, news, appliedDue) };
            },
        );
    }

    /** Brings instance `id` from `olds` (state/live) to `news` (desired). */
    private async apply(id: string, olds: Props, news: Props, deadline: number, log: ProgressLog, adopting: boolean): Promise<void> {
        const client = this.rt.client();
        const o = userInputsOf(olds) as Partial<DswInstanceInputs>;
        const n = parseChecked(DswInstanceInputs, news) as DswInstanceInputs;
        const plan = planDiff(o as Props, n as Props, DSW_POLICY);
        const changed = new Set(plan.changed);
        const bodyKeys = plan.changed.filter((k) => DSW_POLICY[k] === "update" || DSW_POLICY[k] === "stopThenUpdate");
        const body = updateBody(bodyKeys, n);
        // A notebook its own schedule stopped (timer or idle culler) stays stopped until the program
        // changes that schedule or its status: the schedule working is not drift (README).
        const keepStopped = olds.stoppedBySchedule === true && !changed.has("shutdownTimer") && !changed.has("idleCuller") && !changed.has("status");
        const desired = keepStopped ? "Stopped" : (n.status ?? "Running");

        let current = await client.getInstance(id);
        if (TRANSITIONAL.has(current.Status)) {
            current = await this.waitNotTransitional(id, deadline, log);
        }
        if (Object.keys(body).length > 0) {
            const needsStop = plan.updates.some((k) => DSW_POLICY[k] === "stopThenUpdate") && !STOPPED_LIKE.has(current.Status) && current.Status !== "Failed";
            if (needsStop) {
                log.info(`stopping to apply ${plan.updates.filter((k) => DSW_POLICY[k] === "stopThenUpdate").join(", ")}`);
                await this.stopAndWait(id, deadline, log);
            }
            // StartInstance=true saves a separate start call when the instance ends up stopped.
            const startAfter = desired === "Running" && (needsStop || STOPPED_LIKE.has(current.Status) || current.Status === "Failed");
            await this.tolerateRepeat(id, () => client.updateInstance(id, startAfter ? { ...body, StartInstance: true } : body), ["Updating"]);
            log.info(`updated ${Object.keys(body).join(", ")}`);
            await this.waitFor(id, startAfter ? ["Running"] : ["Running", "Stopped", "Failed"], deadline, log);
        }
        if (changed.has("labels") || adopting) {
            await this.applyLabels(id, o.labels, n.labels);
        }
        const now = await client.getInstance(id);
        let started = false;
        if (desired === "Running" && now.Status !== "Running") {
            await this.startAndWait(id, deadline, log);
            started = true;
        } else if (desired === "Stopped" && !STOPPED_LIKE.has(now.Status)) {
            await this.stopAndWait(id, deadline, log);
        }
        // Starting re-arms the schedule, so a restarted notebook never runs without its timer.
        if (changed.has("shutdownTimer") || adopting || (started && n.shutdownTimer)) {
            await this.applyTimer(id, n);
        }
        if (changed.has("idleCuller") || (adopting && !deepEqual(o.idleCuller, n.idleCuller))) {
            await this.applyCuller(id, o.idleCuller, n);
        }
    }

    private async applyLabels(id: string, before: Record<string, string> | undefined, after: Record<string, string> | undefined): Promise<void> {
        const client = this.rt.client();
        const upserts = Object.entries(after ?? {})
            .filter(([k, v]) => before?.[k] !== v)
            .map(([Key, Value]) => ({ Key, Value }));
        const removed = Object.keys(before ?? {}).filter((k) => !(after && k in after));
        if (upserts.length > 0) {
            await client.updateLabels(id, upserts);
        }
        if (removed.length > 0) {
            await client.deleteLabels(id, removed);
        }
    }

    // ----- delete -----------------------------------------------------------------------------
    async delete(id: string, props: Props): Promise<void> {
        const client = this.rt.client();
        const timeouts = resolveTimeouts(props.timeouts as Record<string, string> | undefined);
        const deadline = this.now() + timeouts.delete;
        const log = progressFor(`dsw.Instance ${String(props.__nbName ?? props.instanceName ?? id)}`, props.__nbUrn);
        this.rt.cache().invalidate(id);
        for (;;) {
            try {
                await client.deleteInstance(id);
                break;
            } catch (e) {
                if (isDswNotFound(e)) {
                    return;
                }
                // Refused while the instance is mid-transition: wait for it to settle, then retry.
                if (e instanceof DswValidationError && this.now() < deadline) {
                    const i = await client.getInstance(id).catch((x: unknown) => (isDswNotFound(x) ? undefined : Promise.reject(x)));
                    if (!i || i.Status === "Deleting") {
                        break;
                    }
                    log.info(`delete refused while ${i.Status}; waiting for it to settle`);
                    await this.waitNotTransitional(id, deadline, log);
                    continue;
                }
                throw e;
            }
        }
        await waitForStatus({
            description: `DSW instance ${id} to be deleted`,
            poll: () => client.getInstance(id),
            status: (x: Instance) => x.Status,
            success: [],
            isNotFound: isDswNotFound,
            gone: "SUCCESS",
            deadline,
            poll_: this.rt.poll(),
            log,
            deps: this.rt.waiterDeps,
        });
    }
}
