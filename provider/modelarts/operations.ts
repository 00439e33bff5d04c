/** Start and stop through the action API, each taking the operation's context explicitly. */
import { AlreadyStarted, AlreadyStopped } from "../huawei/errors";
import { MA_FAILED, TRANSITIONAL } from "./statuses";
import { MaOpContext, untilRunning, untilSettled, untilStopped } from "./waits";

/**
 * Start/stop, where "already there" or "already on its way" is success: 6305/6306 (running,
 * starting), 6307/6308 (stopped, stopping). A retry after a lost answer lands there too.
 */
async function action(ctx: MaOpContext, id: string, what: "start" | "stop"): Promise<void> {
    try {
        await ctx.client.action(id, what);
    } catch (e) {
        if (!(what === "start" ? e instanceof AlreadyStarted : e instanceof AlreadyStopped)) {
            throw e;
        }
    }
}

export async function stopAndWait(ctx: MaOpContext, id: string): Promise<void> {
    let n = await ctx.client.get(id);
    if (TRANSITIONAL.has(n.status) && n.status !== "STOPPING") {
        n = await untilSettled(ctx, id);
    }
    if (n.status === "RUNNING") {
        ctx.log.info("stopping");
        await action(ctx, id, "stop");
    }
    if (n.status !== "STOPPED" && !MA_FAILED.has(n.status)) {
        await untilStopped(ctx, id);
    }
}

export async function startAndWait(ctx: MaOpContext, id: string): Promise<void> {
    let n = await ctx.client.get(id);
    if (TRANSITIONAL.has(n.status)) {
        n = await untilSettled(ctx, id);
    }
    if (n.status !== "RUNNING") {
        ctx.log.info("starting");
        await action(ctx, id, "start");
        await untilRunning(ctx, id);
    }
}
