/**
 * Deleting a ModelArts notebook, either API: a refusal because it runs (ModelArts.6304) or is
 * busy (6357) stops it and tries again until the operation's deadline; not-found is success;
 * an accepted delete is waited for until the notebook is gone.
 */
import { ProgressLog } from "../common/log";
import { WaitContext } from "../common/status";
import { isMaNotFound } from "./transport";
import { MustStopFirst, NotebookBusy } from "./errors";

export interface DeleteSteps {
    log: ProgressLog;
    deadline: number;
    now: () => number;
    remove: () => Promise<unknown>;
    stop: () => Promise<void>;
}

/** "deleted": the delete was accepted (wait until gone next); "gone": it was gone already. */
export async function deleteStoppingFirst(s: DeleteSteps): Promise<"deleted" | "gone"> {
    for (;;) {
        try {
            await s.remove();
            return "deleted";
        } catch (e) {
            if (isMaNotFound(e)) return "gone";
            if ((e instanceof MustStopFirst || e instanceof NotebookBusy) && s.now() < s.deadline) {
                s.log.info(e instanceof MustStopFirst ? "stopping before delete" : "waiting for the current operation before delete");
                try {
                    await s.stop();
                } catch (stopError) {
                    // A delete whose answer was lost took effect while the retry was refused as busy:
                    // the notebook vanished under the stop. Only the cloud can say it is gone.
                    const retried = await removeAfterFailedStop(s);
                    if (retried !== undefined) return retried;
                    throw stopError;
                }
                continue;
            }
            throw e;
        }
    }
}

/** The delete tried once more after a failed stop: its outcome, or undefined if it was refused. */
async function removeAfterFailedStop(s: DeleteSteps): Promise<"deleted" | "gone" | undefined> {
    try {
        await s.remove();
        return "deleted";
    } catch (e) {
        return isMaNotFound(e) ? "gone" : undefined;
    }
}

/** An operation context whose client can delete a notebook. */
type DeletingContext = WaitContext & { client: { delete(id: string): Promise<unknown> } };

/** What both ModelArts APIs' delete() hands over: the operation's context and its API's steps. */
export interface NotebookDeletion<C extends DeletingContext> {
    ctx: C;
    id: string;
    now: () => number;
    stopAndWait: (ctx: C, id: string) => Promise<void>;
    untilDeleted: (ctx: C, id: string) => Promise<void>;
}

/** The whole delete of one notebook: stopping first where the API asks, then until it is gone. */
export async function deleteNotebook<C extends DeletingContext>(d: NotebookDeletion<C>): Promise<void> {
    const { ctx, id } = d;
    const outcome = await deleteStoppingFirst({
        log: ctx.log,
        deadline: ctx.deadline,
        now: d.now,
        remove: () => ctx.client.delete(id),
        stop: () => d.stopAndWait(ctx, id),
    });
    if (outcome === "gone") return;
    await d.untilDeleted(ctx, id);
}
