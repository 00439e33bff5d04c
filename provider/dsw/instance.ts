/**
 * `dsw.Instance` lifecycle: check / diff / create / read / update / delete against the DSW API,
 * each method the sequence of steps of its operation; waits (waits.ts), operations (start, stop,
 * timer, culler, labels: operations.ts), state (state.ts) and statuses (statuses.ts) beside it.
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
import { settingsRule } from "../common/settings";
import { deepEqual, planDiff, stopNotice, stoppingUpdates } from "../common/diff";
import { Candidate, Created, createOrRecover } from "../common/recover";
import { withStopFirst } from "../common/stopFirst";
import { progressFor, ProgressLog } from "../common/log";
import { profileProblem } from "./credentialChain";
import { CheckResult, PollSettings, checkWith, failedPolicyRule, keepIdOnFailure, parseChecked, readInputs, splitInternal } from "../common/resource";
import { CheckFailure } from "../common/schema";
import { resolveTimeouts } from "../common/timeouts";
import { WaiterDeps } from "../common/waiter";
import { DswClient, Instance, isDswNotFound } from "./client";
import { DswValidationError } from "./errors";
import { createBody, updateBody } from "./mapping";
import { isLeftoverOf, leftoverResource, markOf, markedResource } from "./recovery";
import { sweepLeftovers } from "../common/leftovers";
import {
    applyCuller,
    applyLabels,
    applyTimer,
    claimInstance,
    ensureOwnerLabel,
    startAndWait,
    stopAndWait,
    tolerateRepeat,
    withoutCreatingLabel,
    withoutCreatingMark,
} from "./operations";
import { DSW_POLICY, DSW_SECRET_INPUTS } from "./policy";
import { DswReadCache } from "./readCache";
import { DswInstanceInputs } from "./schema";
import { DswInputProps, DswState, dswState, inputsOf } from "./state";
import { STOPPED_LIKE, TRANSITIONAL } from "./statuses";
import { historyKey } from "../common/phaseHistory";
import { DswOpContext, untilCreated, untilDeleted, untilRunning, untilSettled } from "./waits";

/** Inputs whose values are secrets (stored as secrets in state; never echoed in a check failure). */

export interface DswRuntime {
    /** The client of a named credentials profile (undefined: the stack's credentials). */
    client(profile?: string): DswClient;
    cache(profile?: string): DswReadCache;
    poll(): PollSettings;
    /** False while the provider's configuration is unknown (common/settings.ts `settingsRule`); unset: known. */
    settingsKnown?(): boolean;
    waiterDeps?: WaiterDeps;
    now?: () => number;
}

/** The shutdown-timer due time applied during one operation (none: the state's stays). */
interface Applied {
    due?: string | null;
}

const dueAfter = (applied: Applied, previous: unknown): string | undefined =>
    applied.due === null ? undefined : (applied.due ?? (typeof previous === "string" ? previous : undefined));

/** A replace deletes the instance's cloud disks with it: the preview says so, naming them. */
function warnDataLoss(old: Partial<DswInstanceInputs>, internal: Record<string, unknown>, replaces: readonly string[]): void {
    const disks = old.cloudDisks ?? [];
    if (disks.length === 0) return;
    const names = disks.map((d) => `${d.capacity ?? "?"} ${d.subType ?? ""}`.trim()).join(", ");
    progressFor(`dsw.Instance ${String(internal.__nbName ?? old.instanceName)}`, internal.__nbUrn).warn(
        `replacing it (${replaces.join(", ")} changed) deletes its cloud disk${disks.length > 1 ? "s" : ""} (${names}) and the data on them; save what you need first, or keep the old values`,
    );
}

/** The credentials profile a resource names (a provider setting kept in state so read and delete use it too). */
const profileOf = (props: DswInputProps | DswState): string | undefined =>
    typeof props.credentialsProfile === "string" && props.credentialsProfile ? props.credentialsProfile : undefined;

export class DswInstanceProvider {
    constructor(private rt: DswRuntime) {}

    private now(): number {
        return (this.rt.now ?? Date.now)();
    }

    /** The context one operation runs in: its deadline and its log, attached to the resource. */
    private context(props: DswInputProps | DswState, deadline: number, fallbackName: string): DswOpContext {
        return {
            client: this.rt.client(profileOf(props)),
            cache: this.rt.cache(profileOf(props)),
            poll: this.rt.poll(),
            deps: this.rt.waiterDeps,
            deadline,
            log: progressFor(`dsw.Instance ${String(props.__nbName ?? props.instanceName ?? fallbackName)}`, props.__nbUrn),
            now: () => this.now(),
        };
    }

    // ----- check ------------------------------------------------------------------------------
    /** Takes the program's inputs as they come (unvalidated: that is check's job). */
    check(olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult {
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
        if (v.credentialsProfile !== undefined) {
            // A profile that names nothing fails at preview (files only, nothing is contacted).
            const problem = profileProblem(v.credentialsProfile, process.env);
            if (problem) failures.push({ property: "credentialsProfile", reason: problem });
        }
        (v.cloudDisks ?? []).forEach((d, i) => {
            const before = prev.cloudDisks?.[i]?.capacity;
            if (before && d.capacity && parseInt(d.capacity, 10) < parseInt(before, 10)) {
                failures.push({ property: `cloudDisks[${i}].capacity`, reason: `cannot shrink from ${before} to ${d.capacity}; cloud disks only grow` });
            }
        });
        if (failures.length > 0) return failures;
        return settingsRule(this.rt, () => [this.rt.client(v.credentialsProfile), this.rt.poll()]);
    }

    // ----- diff -------------------------------------------------------------------------------
    diff(id: string, olds: DswState, news: Record<string, unknown>): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
        const o = inputsOf(olds);
        const n = splitInternal(news).user as Partial<DswInstanceInputs>;
        const plan = planDiff(o, n, DSW_POLICY);
        const replaces = [...plan.replaces];
        // failedPolicy "error" is enforced by check (failedPolicyRule), which sees only the
        // program's inputs; diff also runs on a refresh's read inputs, where it must not.
        if ((o.status as string | undefined) === "Failed" && (n.failedPolicy ?? "restart") === "replace" && !replaces.includes("status")) {
            replaces.push("status");
        }
        if (replaces.length > 0) {
            warnDataLoss(o, splitInternal(news).internal, replaces);
        }
        const stops = stopNotice(replaces.length > 0 ? [] : stoppingUpdates(plan, DSW_POLICY), o.status === "Running", n.status !== "Stopped");
        if (stops)
            progressFor(`dsw.Instance ${String(splitInternal(news).internal.__nbName ?? o.instanceName)}`, splitInternal(news).internal.__nbUrn).warn(stops);
        const sameName = o.instanceName === n.instanceName && (n.workspaceId === undefined || o.workspaceId === undefined || o.workspaceId === n.workspaceId);
        return { changes: plan.changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
    }

    // ----- create -----------------------------------------------------------------------------
    async create(props: DswInputProps): Promise<{ id: string; outs: DswState }> {
        const inputs = parseChecked(DswInstanceInputs, props as Record<string, unknown>) as DswInstanceInputs;
        const owner = String(props.__nbOwner ?? "unknown");
        const ctx = this.context(props, this.now() + resolveTimeouts(inputs.timeouts).create, inputs.instanceName);
        const resource = String(props.__nbName ?? inputs.instanceName);
        const { id, continued } = inputs.adopt
            ? { id: await this.resolveAdopt(inputs), continued: false }
            : await this.createOrRecover(props, inputs, owner, resource, ctx.log);
        if (inputs.adopt) ctx.log.info(`adopting existing instance ${id}`);
        ctx.cache.invalidate(id);
        const applied: Applied = {};
        return keepIdOnFailure(
            id,
            "create",
            props as Record<string, unknown>,
            () => this.snapshot(id, props, dueAfter(applied, undefined)),
            async () => {
                if (inputs.adopt) {
                    const live = await ctx.client.getInstance(id);
                    await this.apply(ctx, id, dswState(props, live, { mode: "read", now: this.now() }), inputs, applied, true);
                    await ensureOwnerLabel(ctx, id, live, owner);
                } else if (continued) {
                    // An interrupted create's instance: brought to what the program says now, whatever the lost run had set.
                    const live = await untilSettled(ctx, id);
                    await this.apply(ctx, id, dswState(props, live, { mode: "read", now: this.now() }), inputs, applied, true);
                } else {
                    const scope = inputs.workspaceId ? { workspaceId: inputs.workspaceId, owner } : undefined;
                    const kind = historyKey("dsw.Instance", owner, inputs.workspaceId, inputs.ecsSpec ?? "quota", inputs.imageUrl ?? inputs.imageId);
                    const live = await untilCreated(ctx, id, inputs.status === "Stopped", scope, kind);
                    if (inputs.status === "Stopped") {
                        await stopAndWait(ctx, id);
                    }
                    // A new instance has neither; one recovered after a crash may have what the lost run set.
                    if (inputs.shutdownTimer || live.InstanceShutdownTimer) {
                        applied.due = (await applyTimer(ctx, id, inputs)) ?? null;
                    }
                    if (inputs.idleCuller || live.IdleInstanceCuller) {
                        await applyCuller(ctx, id, undefined, inputs);
                    }
                }
                const read = await ctx.client.getInstance(id);
                // Created (or continued) here, so it bears the creating mark: no read needed to know.
                // Its removal is the last call before the id goes to the engine (docs/recovery.md).
                if (!inputs.adopt) await claimInstance(ctx, id);
                const live = inputs.adopt ? read : withoutCreatingMark(read);
                return {
                    id,
                    outs: dswState(props, live, {
                        mode: "written",
                        appliedDue: inputs.shutdownTimer ? dueAfter(applied, undefined) : undefined,
                        now: this.now(),
                    }),
                };
            },
            inputs.adopt ? undefined : { clear: () => claimInstance(ctx, id), cleared: withoutCreatingLabel },
        );
    }

    /** Adopt: by id, or by exact name in the workspace. */
    private async resolveAdopt(inputs: DswInstanceInputs): Promise<string> {
        const client = this.rt.client(inputs.credentialsProfile);
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
        const found = await this.findByName(inputs.credentialsProfile, inputs.workspaceId, inputs.instanceName);
        if (!found) {
            throw new Error(`adopt: no DSW instance named ${inputs.instanceName} in workspace ${inputs.workspaceId ?? "(default)"}`);
        }
        return found.InstanceId;
    }

    /** ListInstances' name filter is a fuzzy match: compare exactly here. */
    private async findByName(profile: string | undefined, workspaceId: string | undefined, name: string): Promise<Instance | undefined> {
        return (await this.rt.cache(profile).named(workspaceId, name)).find((i) => i.Status !== "Deleting");
    }

    /**
     * CreateInstance has no idempotency token; names are unique in a workspace. An instance that
     * bears this resource's creating mark was left by an interrupted create of it: continued with
     * when it fits the program (same name, nothing that would need a replacement), deleted before
     * the create when it does not (docs/recovery.md). Any other same-named instance is a clash,
     * said before the cloud says it.
     */
    private async createOrRecover(props: DswInputProps, inputs: DswInstanceInputs, owner: string, resource: string, log: ProgressLog): Promise<Created> {
        const client = this.rt.client(inputs.credentialsProfile);
        const body = createBody(inputs, owner, resource);
        const where = inputs.workspaceId ?? "(default)";
        const candidate = (i: Instance): Candidate => ({
            id: i.InstanceId,
            name: i.InstanceName,
            mark: markOf(i, owner, resource),
            sameRequest: true,
            fits: i.InstanceName === inputs.instanceName && this.fits(props, i),
        });
        return createOrRecover({
            operation: "CreateInstance",
            log,
            candidates: async () => {
                const existing = await this.findByName(inputs.credentialsProfile, inputs.workspaceId, inputs.instanceName);
                return existing ? [candidate(existing)] : [];
            },
            leftovers: async () =>
                (await this.rt.cache(inputs.credentialsProfile).stackLeftovers(owner)).filter((i) => isLeftoverOf(i, owner, resource)).map(candidate),
            discard: (id) => this.deleteOne(id, props as DswState),
            clash: (c) =>
                new Error(
                    c.mark === "claimed"
                        ? `DSW instance ${c.id} of this stack is named ${inputs.instanceName} already (workspace ${where}), and names are unique: a replacement that keeps the name must delete the old instance first (the provider asks for that when the name is unchanged; with \`pulumi up --replace\`, set the resource option deleteBeforeReplace: true), or choose another instanceName`
                        : `a DSW instance named ${inputs.instanceName} already exists in workspace ${where} (${c.id}); set adopt: { byName: true } to manage it, or choose another instanceName`,
                ),
            create: async () => {
                const id = await client.createInstance(body);
                log.info(`created ${id}; waiting for it to start`);
                return id;
            },
        });
    }

    /** An interrupted create's instance fits the program when nothing differs that would need a replacement. */
    private fits(props: DswInputProps, live: Instance): boolean {
        if (live.Status === "Failed") return false;
        const read = inputsOf(dswState(props, live, { mode: "read", now: this.now() }));
        return planDiff(read, splitInternal(props).user as Partial<DswInstanceInputs>, DSW_POLICY).replaces.length === 0;
    }

    // ----- read -------------------------------------------------------------------------------
    async read(id: string, props: DswState): Promise<{ id: string; props: DswState; inputs?: DswInputProps }> {
        const workspace = typeof props.workspaceId === "string" && props.workspaceId ? props.workspaceId : undefined;
        const owner = typeof props.__nbOwner === "string" && props.__nbOwner ? props.__nbOwner : undefined;
        const live = await this.rt.cache(profileOf(props)).get(id, workspace, owner);
        if (!live) {
            return { id: "", props: {} };
        }
        const next = dswState(props, live, { mode: "read", appliedDue: props.appliedShutdownDueTime, keepDesired: true, now: this.now() });
        return { id, props: next, inputs: readInputs(next, inputsOf(next)) as DswInputProps };
    }

    /** The state of an instance whose operation failed part-way (kept in the stack). */
    private async snapshot(id: string, props: DswInputProps | DswState, appliedDue: string | undefined): Promise<DswState> {
        const live = await this.rt.client(profileOf(props)).getInstance(id);
        return dswState(props, live, { mode: "read", appliedDue, now: this.now() });
    }

    // ----- update -----------------------------------------------------------------------------
    async update(id: string, olds: DswState, news: DswInputProps): Promise<{ outs: DswState }> {
        const inputs = parseChecked(DswInstanceInputs, news as Record<string, unknown>) as DswInstanceInputs;
        const ctx = this.context(news, this.now() + resolveTimeouts(inputs.timeouts).update, inputs.instanceName);
        ctx.cache.invalidate(id);
        const applied: Applied = {};
        return keepIdOnFailure(
            id,
            "update",
            news as Record<string, unknown>,
            () => this.snapshot(id, news, dueAfter(applied, olds.appliedShutdownDueTime)),
            async () => {
                await this.apply(ctx, id, olds, inputs, applied, false);
                // A create whose hand-over failed was kept in the stack by its id: hand it over now.
                let live = await ctx.client.getInstance(id);
                if (await claimInstance(ctx, id, live)) live = await ctx.client.getInstance(id);
                const appliedDue = inputs.shutdownTimer ? dueAfter(applied, olds.appliedShutdownDueTime) : undefined;
                return { outs: dswState(news, live, { mode: "written", appliedDue, now: this.now() }) };
            },
        );
    }

    /** Brings instance `id` from `olds` (state/live) to `n` (desired); records the timer it applies. */
    private async apply(ctx: DswOpContext, id: string, olds: DswState, n: DswInstanceInputs, applied: Applied, adopting: boolean): Promise<void> {
        const o = inputsOf(olds);
        const plan = planDiff(o, n, DSW_POLICY);
        const changed = new Set(plan.changed);
        const bodyKeys = plan.changed.filter((k) => DSW_POLICY[k] === "update" || DSW_POLICY[k] === "stopThenUpdate");
        const body = updateBody(bodyKeys, n);
        // A notebook its own schedule stopped (timer or idle culler) stays stopped until the program
        // changes that schedule or its status: the schedule working is not drift (README).
        const keepStopped = olds.stoppedBySchedule === true && !changed.has("shutdownTimer") && !changed.has("idleCuller") && !changed.has("status");
        const desired = keepStopped ? "Stopped" : (n.status ?? "Running");

        let current = await ctx.client.getInstance(id);
        if (TRANSITIONAL.has(current.Status)) {
            current = await untilSettled(ctx, id);
        }
        if (Object.keys(body).length > 0) {
            const stopFor = plan.updates.filter((k) => DSW_POLICY[k] === "stopThenUpdate");
            const needsStop = stopFor.length > 0 && !STOPPED_LIKE.has(current.Status) && current.Status !== "Failed";
            // StartInstance=true saves a separate start call when the instance ends up stopped.
            const startAfter = desired === "Running" && (needsStop || STOPPED_LIKE.has(current.Status) || current.Status === "Failed");
            await withStopFirst(
                {
                    needed: needsStop,
                    restartOnFailure: current.Status === "Running" && desired === "Running",
                    fields: stopFor,
                    stop: () => stopAndWait(ctx, id),
                    // As every start the provider makes: with the timer re-armed (README).
                    start: async () => {
                        await startAndWait(ctx, id);
                        if (n.shutdownTimer) applied.due = (await applyTimer(ctx, id, n)) ?? null;
                    },
                    log: ctx.log,
                },
                () => tolerateRepeat(ctx, id, () => ctx.client.updateInstance(id, startAfter ? { ...body, StartInstance: true } : body), ["Updating"]),
            );
            ctx.log.info(`updated ${Object.keys(body).join(", ")}`);
            await (startAfter ? untilRunning(ctx, id) : untilSettled(ctx, id));
        }
        if (changed.has("labels") || adopting) {
            await applyLabels(ctx, id, o.labels, n.labels);
        }
        const now = await ctx.client.getInstance(id);
        let started = false;
        if (desired === "Running" && now.Status !== "Running") {
            await startAndWait(ctx, id);
            started = true;
        } else if (desired === "Stopped" && !STOPPED_LIKE.has(now.Status)) {
            await stopAndWait(ctx, id);
        }
        // Starting re-arms the schedule, so a restarted notebook never runs without its timer.
        if (changed.has("shutdownTimer") || adopting || (started && n.shutdownTimer)) {
            applied.due = (await applyTimer(ctx, id, n)) ?? null;
        }
        if (changed.has("idleCuller") || (adopting && !deepEqual(o.idleCuller, n.idleCuller))) {
            await applyCuller(ctx, id, o.idleCuller, n);
        }
    }

    // ----- delete -----------------------------------------------------------------------------
    async delete(id: string, props: DswState): Promise<void> {
        await this.deleteOne(id, props);
        const owner = typeof props.__nbOwner === "string" ? props.__nbOwner : undefined;
        if (!owner) return;
        const cache = this.rt.cache(profileOf(props));
        const leftovers = await cache.stackLeftovers(owner);
        await sweepLeftovers({
            leftovers: leftovers.filter((i) => i.InstanceId !== id).map((i) => ({ id: i.InstanceId, name: i.InstanceName, resource: leftoverResource(i) })),
            resource: markedResource(String(props.__nbName ?? props.instanceName ?? "")),
            stillLeftOf: async (other) => {
                const now = await cache.get(other, undefined);
                return now !== undefined && isLeftoverOf(now, owner, String(props.__nbName ?? props.instanceName ?? ""));
            },
            remove: (other) => this.deleteOne(other, props),
            log: this.context(props, 0, id).log,
        });
    }

    /** Deletes one instance and waits until it is gone (gone already is success). */
    private async deleteOne(id: string, props: DswState): Promise<void> {
        const ctx = this.context(props, this.now() + resolveTimeouts(props.timeouts).delete, id);
        ctx.cache.invalidate(id);
        for (;;) {
            try {
                await ctx.client.deleteInstance(id);
                break;
            } catch (e) {
                if (isDswNotFound(e)) {
                    return;
                }
                // Refused while the instance is mid-transition: wait for it to settle, then retry.
                if (e instanceof DswValidationError && this.now() < ctx.deadline) {
                    const i = await ctx.client.getInstance(id).catch((x: unknown) => (isDswNotFound(x) ? undefined : Promise.reject(x)));
                    if (!i || i.Status === "Deleting") {
                        break;
                    }
                    ctx.log.info(`delete refused while ${i.Status}; waiting for it to settle`);
                    await untilSettled(ctx, id);
                    continue;
                }
                throw e;
            }
        }
        await untilDeleted(ctx, id);
    }
}
