/**
 * Named waits per target state (the shape of the AWS SDK's `waitUntilNotebookInstanceInService`
 * and Terraform's wait.go): each holds its target and failure sets over the one shared poller.
 */
import { ProgressLog } from "../common/log";
import { PollSettings } from "../common/resource";
import { learnFrom } from "../common/phaseHistory";
import { PhasePrediction, untilGone, waitForStatus } from "../common/status";
import { WaiterDeps } from "../common/waiter";
import { DswClient, Instance, isDswNotFound } from "./client";
import { DswReadCache, PollScope } from "./readCache";
import { CREATE_PHASES, START_PHASES, STOPPED_LIKE } from "./statuses";

/** What every DSW operation carries: clients, polling settings, its deadline and its log. */
export interface DswOpContext {
    client: DswClient;
    cache: DswReadCache;
    poll: PollSettings;
    deps?: WaiterDeps;
    deadline: number;
    log: ProgressLog;
    now: () => number;
}

async function until(
    ctx: DswOpContext,
    id: string,
    targets: string[],
    phases?: PhasePrediction<Instance>,
    scope?: PollScope,
    learnKey?: string,
): Promise<Instance> {
    const success = targets.includes("Stopped") ? [...targets, ...STOPPED_LIKE] : targets;
    const i = await waitForStatus({
        description: `DSW instance ${id} to be ${targets.join(" or ")}`,
        poll: () => ctx.cache.fresh(id, scope),
        status: (x: Instance) => x.Status,
        success,
        failure: (x) => (x.Status === "Failed" ? `instance ${id} failed: ${x.ReasonCode || "no reason code"} ${x.ReasonMessage || ""}`.trim() : undefined),
        isNotFound: isDswNotFound,
        gone: "FAILURE",
        deadline: ctx.deadline,
        poll_: ctx.poll,
        log: ctx.log,
        deps: ctx.deps,
        phases,
        learn: learnKey === undefined ? undefined : learnFrom(ctx.poll.historyFile, learnKey),
    });
    return i as Instance;
}

/**
 * A new instance reaching Running (or Stopped too, when it is to end stopped); polls may share a
 * listing. `learnKey` (phaseHistory.ts `historyKey`): predict from earlier creates of that kind.
 */
export const untilCreated = (ctx: DswOpContext, id: string, stoppedIsFine: boolean, scope?: PollScope, learnKey?: string) =>
    until(ctx, id, stoppedIsFine ? ["Running", "Stopped"] : ["Running"], CREATE_PHASES, scope, learnKey);
export const untilRunning = (ctx: DswOpContext, id: string, afterStart = false) => until(ctx, id, ["Running"], afterStart ? START_PHASES : undefined);
export const untilStopped = (ctx: DswOpContext, id: string) => until(ctx, id, ["Stopped"]);
/** Running, Stopped or Failed: no longer on its way anywhere. */
export const untilSettled = (ctx: DswOpContext, id: string) => until(ctx, id, ["Running", "Stopped", "Failed"]);

/** Gone: GetInstance answers not-found. */
export const untilDeleted = (ctx: DswOpContext, id: string) =>
    untilGone(
        ctx,
        `DSW instance ${id}`,
        () => ctx.client.getInstance(id),
        (x: Instance) => x.Status,
        isDswNotFound,
    );
