/** Named waits per target state over the shared poller (see provider/dsw/waits.ts). */
import { ProgressLog } from "../common/log";
import { PollSettings } from "../common/resource";
import { PhasePrediction, untilGone, waitForStatus } from "../common/status";
import { WaiterDeps } from "../common/waiter";
import { isMaNotFound } from "../huawei/transport";
import { NbNotebook, NotebooksClient } from "./client";
import { NB_CREATE_PHASES, NB_FAILED } from "./statuses";

/** What every operation carries: the project's client, polling, deadline and log. */
export interface NbOpContext {
    client: NotebooksClient;
    poll: PollSettings;
    deps?: WaiterDeps;
    deadline: number;
    log: ProgressLog;
}

async function until(ctx: NbOpContext, id: string, targets: string[], phases?: PhasePrediction<NbNotebook>): Promise<NbNotebook> {
    return (await waitForStatus({
        description: `ModelArts notebook ${id} to be ${targets.join(" or ")}`,
        poll: () => ctx.client.get(id),
        status: (x: NbNotebook) => x.status,
        success: targets,
        failure: (x) => (NB_FAILED.has(x.status) && !targets.includes(x.status) ? `notebook ${id} is ${x.status}: ${x.fail_reason ?? ""}`.trim() : undefined),
        isNotFound: isMaNotFound,
        gone: "FAILURE",
        deadline: ctx.deadline,
        poll_: ctx.poll,
        log: ctx.log,
        deps: ctx.deps,
        phases,
    })) as NbNotebook;
}

export const untilCreated = (ctx: NbOpContext, id: string) => until(ctx, id, ["RUNNING"], NB_CREATE_PHASES);
export const untilRunning = (ctx: NbOpContext, id: string) => until(ctx, id, ["RUNNING"]);
export const untilStopped = (ctx: NbOpContext, id: string) => until(ctx, id, ["STOPPED"]);
/** Running, stopped or failed: no longer on its way anywhere. */
export const untilSettled = (ctx: NbOpContext, id: string) => until(ctx, id, ["RUNNING", "STOPPED", ...NB_FAILED]);

/** Gone: the API answers ModelArts.6404 / 404 (DELETED may show on the way). */
export const untilDeleted = (ctx: NbOpContext, id: string) =>
    untilGone(
        ctx,
        `ModelArts notebook ${id}`,
        () => ctx.client.get(id),
        (x: NbNotebook) => x.status,
        isMaNotFound,
    );
