/**
 * Named waits per target state (the shape of the AWS SDK's `waitUntilNotebookInstanceInService`
 * and Terraform's wait.go): each holds its target and failure sets over the one shared poller.
 */
import { namedWaits } from "../common/namedWaits";
import { WaitContext } from "../common/status";
import { DswClient, Instance, isDswNotFound } from "./client";
import { DswReadCache, PollScope } from "./readCache";
import { CREATE_PHASES, START_PHASES, STOPPED_LIKE } from "./statuses";

/** What every DSW operation carries: clients, polling settings, its deadline and its log. */
export interface DswOpContext extends WaitContext {
    client: DswClient;
    cache: DswReadCache;
    now: () => number;
}

const waits = namedWaits<DswOpContext, Instance>({
    noun: "DSW instance",
    get: (ctx, id) => ctx.cache.fresh(id, undefined),
    getForGone: (ctx, id) => ctx.client.getInstance(id),
    status: (x) => x.Status,
    failure: (x, id) => (x.Status === "Failed" ? `instance ${id} failed: ${x.ReasonCode || "no reason code"} ${x.ReasonMessage || ""}`.trim() : undefined),
    isNotFound: isDswNotFound,
    accepts: (targets) => (targets.includes("Stopped") ? [...targets, ...STOPPED_LIKE] : targets),
});

/** A new instance reaching Running (or Stopped too, when it is to end stopped); polls may share a listing. */
export const untilCreated = (ctx: DswOpContext, id: string, stoppedIsFine: boolean, scope?: PollScope) =>
    waits.until(ctx, id, stoppedIsFine ? ["Running", "Stopped"] : ["Running"], { phases: CREATE_PHASES, poll: () => ctx.cache.fresh(id, scope) });
export const untilRunning = (ctx: DswOpContext, id: string, afterStart = false) =>
    waits.until(ctx, id, ["Running"], { phases: afterStart ? START_PHASES : undefined });
export const untilStopped = (ctx: DswOpContext, id: string) => waits.until(ctx, id, ["Stopped"]);
/** Running, Stopped or Failed: no longer on its way anywhere. */
export const untilSettled = (ctx: DswOpContext, id: string) => waits.until(ctx, id, ["Running", "Stopped", "Failed"]);

/** Gone: GetInstance answers not-found. */
export const untilDeleted = waits.untilDeleted;
