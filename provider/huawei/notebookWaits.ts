/**
 * The named waits of a ModelArts notebook, either API: both walk to RUNNING or STOPPED, fail in
 * their API's failed statuses with the reason the notebook carries, and are gone on not-found.
 */
import { NamedWaits, namedWaits } from "../common/namedWaits";
import { PhasePrediction, WaitContext } from "../common/status";
import { isMaNotFound } from "./transport";

export interface WaitedNotebook<C extends WaitContext, T> {
    get: (ctx: C, id: string) => Promise<T>;
    status: (v: T) => string;
    /** The API's failed statuses: a wait that meets one (and does not target it) ends with an error. */
    failed: ReadonlySet<string>;
    /** What the notebook says about why it failed ("" when it says nothing). */
    reason: (v: T) => string;
    /** The phases of a create, to predict when its wait ends. */
    createPhases: PhasePrediction<T>;
}

export interface NotebookWaits<C extends WaitContext, T> {
    /**
     * A new notebook reaching RUNNING; `learnKey`: predict from earlier creates of that kind
     * (phaseHistory.ts); `poll`: read it this way instead of `get` (a fleet's shared listing).
     */
    untilCreated: (ctx: C, id: string, learnKey?: string, poll?: () => Promise<T>) => Promise<T>;
    untilRunning: (ctx: C, id: string) => Promise<T>;
    untilStopped: (ctx: C, id: string) => Promise<T>;
    /** Running, stopped or failed: no longer on its way anywhere. */
    untilSettled: (ctx: C, id: string) => Promise<T>;
    untilDeleted: NamedWaits<C, T>["untilDeleted"];
}

export function notebookWaits<C extends WaitContext, T>(n: WaitedNotebook<C, T>): NotebookWaits<C, T> {
    const waits = namedWaits<C, T>({
        noun: "ModelArts notebook",
        get: n.get,
        status: n.status,
        failure: (v, id) => (n.failed.has(n.status(v)) ? `notebook ${id} is ${n.status(v)}: ${n.reason(v)}`.trim() : undefined),
        isNotFound: isMaNotFound,
    });
    return {
        untilCreated: (ctx, id, learnKey, poll) => waits.until(ctx, id, ["RUNNING"], { phases: n.createPhases, learnKey, poll }),
        untilRunning: (ctx, id) => waits.until(ctx, id, ["RUNNING"]),
        untilStopped: (ctx, id) => waits.until(ctx, id, ["STOPPED"]),
        untilSettled: (ctx, id) => waits.until(ctx, id, ["RUNNING", "STOPPED", ...n.failed]),
        untilDeleted: waits.untilDeleted,
    };
}
