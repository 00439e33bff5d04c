/** Start, stop, lease and tags, each taking the operation's context explicitly. */
import { OWNER_KEY } from "../common/schema";
import { AlreadyStarted, AlreadyStopped } from "../huawei/errors";
import { NbNotebook } from "./client";
import { NB_FAILED, NB_TRANSITIONAL } from "./statuses";
import { NbOpContext, untilRunning, untilSettled, untilStopped } from "./waits";

export async function stopAndWait(ctx: NbOpContext, id: string): Promise<void> {
    let n = await ctx.client.get(id);
    if (NB_TRANSITIONAL.has(n.status) && n.status !== "STOPPING") {
        n = await untilSettled(ctx, id);
    }
    if (n.status === "RUNNING") {
        ctx.log.info("stopping");
        try {
            await ctx.client.stop(id);
        } catch (e) {
            // 6307/6308: stopped or stopping already (a retried stop that took effect).
            if (!(e instanceof AlreadyStopped)) throw e;
        }
    }
    if (n.status !== "STOPPED" && !NB_FAILED.has(n.status)) {
        await untilStopped(ctx, id);
    }
}

/** Starts with the lease re-armed for `leaseMs` (the start's `duration`), then waits for RUNNING. */
export async function startAndWait(ctx: NbOpContext, id: string, leaseMs: number | undefined): Promise<void> {
    let n = await ctx.client.get(id);
    if (NB_TRANSITIONAL.has(n.status)) {
        n = await untilSettled(ctx, id);
    }
    if (n.status !== "RUNNING") {
        ctx.log.info("starting");
        try {
            await ctx.client.start(id, leaseMs !== undefined && leaseMs > 0 ? leaseMs : undefined);
        } catch (e) {
            // 6305/6306: running or starting already.
            if (!(e instanceof AlreadyStarted)) throw e;
        }
        await untilRunning(ctx, id);
    }
}

/** Sets the lease to `leaseMs` (-1: off) unless it already is. */
export async function applyLease(ctx: NbOpContext, id: string, leaseMs: number): Promise<void> {
    const l = await ctx.client.showLease(id);
    const off = leaseMs === -1;
    if (off ? l.enable === false : l.enable !== false && l.duration === leaseMs) return;
    await ctx.client.renewLease(id, leaseMs);
    ctx.log.info(off ? "lease switched off: no automatic stop" : `lease set: stops ${Math.round(leaseMs / 60_000)} min after its start`);
}

/**
 * Makes the notebook's tags (the owner tag aside) equal `want`, and the owner tag present; returns
 * the notebook as it reads afterwards, without another GET.
 */
export async function applyTags(ctx: NbOpContext, n: NbNotebook, want: Record<string, string> | undefined, owner: string | undefined): Promise<NbNotebook> {
    const have = Object.fromEntries((n.tags ?? []).map((t) => [t.key, t.value ?? ""]));
    const target: Record<string, string> = { ...(want ?? {}) };
    if (owner !== undefined) target[OWNER_KEY] = owner;
    const put = Object.entries(target)
        .filter(([k, v]) => have[k] !== v)
        .map(([key, value]) => ({ key, value }));
    const drop = want === undefined ? [] : Object.keys(have).filter((k) => k !== OWNER_KEY && !(k in target));
    if (put.length > 0) await ctx.client.createTags(n.id, put);
    if (drop.length > 0) await ctx.client.deleteTags(n.id, drop);
    const after = { ...have, ...target };
    for (const k of drop) delete after[k];
    return { ...n, tags: Object.entries(after).map(([key, value]) => ({ key, value })) };
}
