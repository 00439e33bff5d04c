/**
 * The DSW operations a create or update is made of (start, stop, timer, culler, labels), each
 * taking the operation's context explicitly and tolerating the repeat of a call whose first try
 * took effect but whose answer was lost.
 */
import { CREATING_KEY, OWNER_KEY } from "../common/schema";
import type { Instance } from "./client";
import { isDswNotFound } from "./client";
import { DswValidationError } from "./errors";
import { dueTimeFor } from "./mapping";
import type { DswInstanceInputs } from "./schema";
import { STARTING_OR_RUNNING, STOPPED_LIKE, STOPPING_OR_STOPPED, TRANSITIONAL } from "./statuses";
import { DswOpContext, untilRunning, untilStopped } from "./waits";

/**
 * Runs a state-changing call that the transport may have retried after a lost answer: if the
 * cloud then refuses it (ValidationError) because the first try already moved the instance into
 * one of `inProgress`, the call did take effect.
 */
export async function tolerateRepeat(ctx: DswOpContext, id: string, call: () => Promise<unknown>, inProgress: readonly string[]): Promise<void> {
    try {
        await call();
    } catch (e) {
        if (e instanceof DswValidationError && e.$metadata.attempts > 1) {
            const i = await ctx.client.getInstance(id);
            if (inProgress.includes(i.Status)) {
                return;
            }
        }
        throw e;
    }
}

export async function stopAndWait(ctx: DswOpContext, id: string): Promise<void> {
    const i = await ctx.client.getInstance(id);
    if (STOPPED_LIKE.has(i.Status) || i.Status === "Failed") {
        return;
    }
    if (i.Status === "Stopping") {
        await untilStopped(ctx, id);
        return;
    }
    ctx.log.info("stopping");
    await tolerateRepeat(ctx, id, () => ctx.client.stopInstance(id), STOPPING_OR_STOPPED);
    await untilStopped(ctx, id);
}

export async function startAndWait(ctx: DswOpContext, id: string): Promise<void> {
    const i = await ctx.client.getInstance(id);
    if (i.Status === "Running") {
        return;
    }
    if (TRANSITIONAL.has(i.Status) && i.Status !== "Stopping") {
        await untilRunning(ctx, id);
        return;
    }
    if (i.Status === "Stopping") {
        await untilStopped(ctx, id);
    }
    ctx.log.info("starting");
    await tolerateRepeat(ctx, id, () => ctx.client.startInstance(id), STARTING_OR_RUNNING);
    await untilRunning(ctx, id, true);
}

/** Applies the `shutdownTimer` input; returns the due time applied (ISO), undefined when removed. */
export async function applyTimer(ctx: DswOpContext, id: string, inputs: DswInstanceInputs): Promise<string | undefined> {
    if (!inputs.shutdownTimer) {
        try {
            await ctx.client.deleteShutdownTimer(id);
        } catch (e) {
            if (!isDswNotFound(e)) throw e;
        }
        return undefined;
    }
    const now = ctx.now();
    const due = dueTimeFor(inputs.shutdownTimer, now);
    await ctx.client.createShutdownTimer(
        id,
        inputs.shutdownTimer.dueTime ? { DueTime: inputs.shutdownTimer.dueTime } : { RemainingTimeInMs: Math.max(1, due - now) },
    );
    return new Date(due).toISOString();
}

export async function applyCuller(ctx: DswOpContext, id: string, before: DswInstanceInputs["idleCuller"], after: DswInstanceInputs): Promise<void> {
    const c = after.idleCuller;
    if (before !== undefined || c === undefined) {
        try {
            await ctx.client.deleteIdleCuller(id);
        } catch (e) {
            if (!isDswNotFound(e)) throw e;
        }
    }
    if (!c) {
        return;
    }
    const want = { CpuPercentThreshold: c.cpuPercentThreshold, GpuPercentThreshold: c.gpuPercentThreshold, MaxIdleTimeInMinutes: c.maxIdleTimeInMinutes };
    try {
        await ctx.client.createIdleCuller(id, want);
    } catch (e) {
        // A retried create whose first try took effect finds the policy already there.
        const live = e instanceof DswValidationError ? (await ctx.client.getInstance(id)).IdleInstanceCuller : undefined;
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

export async function applyLabels(
    ctx: DswOpContext,
    id: string,
    before: Record<string, string> | undefined,
    after: Record<string, string> | undefined,
): Promise<void> {
    const upserts = Object.entries(after ?? {})
        .filter(([k, v]) => before?.[k] !== v)
        .map(([Key, Value]) => ({ Key, Value }));
    const removed = Object.keys(before ?? {}).filter((k) => !(after && k in after));
    if (upserts.length > 0) {
        await ctx.client.updateLabels(id, upserts);
    }
    if (removed.length > 0) {
        await ctx.client.deleteLabels(id, removed);
    }
}

export async function ensureOwnerLabel(ctx: DswOpContext, id: string, live: Instance, owner: string): Promise<void> {
    if (!live.Labels?.some((l) => l.Key === OWNER_KEY && l.Value === owner)) {
        await ctx.client.updateLabels(id, [{ Key: OWNER_KEY, Value: owner }]);
    }
}

/** The instance as it reads once {@link claimInstance} removed its creating mark. */
export function withoutCreatingMark(live: Instance): Instance {
    return live.Labels ? { ...live, Labels: live.Labels.filter((l) => l.Key !== CREATING_KEY) } : live;
}

/** A recorded state as it reads once {@link claimInstance} removed the creating mark (its `liveLabels` output). */
export function withoutCreatingLabel(state: Record<string, unknown>): Record<string, unknown> {
    const labels = state.liveLabels;
    if (labels === null || typeof labels !== "object" || !(CREATING_KEY in labels)) return state;
    const { [CREATING_KEY]: _cleared, ...rest } = labels as Record<string, unknown>;
    return { ...state, liveLabels: rest };
}

/**
 * Hands the instance over: the creating mark goes, so no later create takes it for an interrupted
 * one (common/recover.ts). Without `live`, the caller knows the mark is there (its own create).
 */
export async function claimInstance(ctx: DswOpContext, id: string, live?: Instance): Promise<boolean> {
    if (live && !live.Labels?.some((l) => l.Key === CREATING_KEY)) return false;
    await ctx.client.deleteLabels(id, [CREATING_KEY]);
    return true;
}
