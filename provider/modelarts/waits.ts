/** Named waits per target state over the shared poller (see provider/dsw/waits.ts). */
import { ProgressLog } from "../common/log";
import { PollSettings } from "../common/resource";
import { PhasePrediction, untilGone, waitForStatus } from "../common/status";
import { WaiterDeps } from "../common/waiter";
import { ModelArtsClient, Notebook } from "./client";
import { isMaNotFound } from "../huawei/transport";
import { CREATE_PHASES, MA_FAILED } from "./statuses";

/** What every ModelArts operation carries: the project's client, polling, deadline and log. */
export interface MaOpContext {
    client: ModelArtsClient;
    poll: PollSettings;
    deps?: WaiterDeps;
    deadline: number;
    log: ProgressLog;
}

async function until(ctx: MaOpContext, id: string, targets: string[], phases?: PhasePrediction<Notebook>): Promise<Notebook> {
    const n = await waitForStatus({
        description: `ModelArts notebook ${id} to be ${targets.join(" or ")}`,
        poll: () => ctx.client.get(id),
        status: (x: Notebook) => x.status,
        success: targets,
        failure: (x) =>
            MA_FAILED.has(x.status) && !targets.includes(x.status)
                ? `notebook ${id} is ${x.status}: ${x.spec?.failed_reasons?.code ?? x.error_code ?? ""} ${x.spec?.failed_reasons?.message ?? ""}`.trim()
                : undefined,
        isNotFound: isMaNotFound,
        gone: "FAILURE",
        deadline: ctx.deadline,
        poll_: ctx.poll,
        log: ctx.log,
        deps: ctx.deps,
        phases,
    });
    return n as Notebook;
}

export const untilCreated = (ctx: MaOpContext, id: string) => until(ctx, id, ["RUNNING"], CREATE_PHASES);
export const untilRunning = (ctx: MaOpContext, id: string) => until(ctx, id, ["RUNNING"]);
export const untilStopped = (ctx: MaOpContext, id: string) => until(ctx, id, ["STOPPED"]);
/** Running, stopped or failed: no longer on its way anywhere. */
export const untilSettled = (ctx: MaOpContext, id: string) => until(ctx, id, ["RUNNING", "STOPPED", ...MA_FAILED]);

/** Gone: DELETED is still visible; the notebook is gone when the API answers ModelArts.6309. */
export const untilDeleted = (ctx: MaOpContext, id: string) =>
    untilGone(
        ctx,
        `ModelArts notebook ${id}`,
        () => ctx.client.get(id),
        (x: Notebook) => x.status,
        isMaNotFound,
    );
