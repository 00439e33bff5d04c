/**
 * The named waits of one resource (untilCreated, untilRunning, untilStopped, untilSettled,
 * untilDeleted) built from what differs per cloud: the noun for messages, the get to poll, the
 * status field, the failed statuses and their reason, the not-found test. Each cloud's waits.ts
 * names its targets over the `until` and `untilDeleted` this returns; the polling itself is
 * `waitForStatus` (./status.ts) over the one shared waiter (./waiter.ts).
 */
import { PhasePrediction, WaitContext, untilGone, waitForStatus } from "./status";

export interface WaitedResource<C extends WaitContext, T> {
    /** "DSW instance", "ModelArts notebook": every wait's description starts with it and the id. */
    noun: string;
    /** The get a status wait polls. */
    get: (ctx: C, id: string) => Promise<T>;
    /** The get the deletion wait polls, when it is not `get` (DSW: past the read cache). */
    getForGone?: (ctx: C, id: string) => Promise<T>;
    status: (v: T) => string;
    /** Why `v` ends a wait that did not reach its targets, or undefined while it may still get there. */
    failure: (v: T, id: string) => string | undefined;
    isNotFound: (e: unknown) => boolean;
    /** The statuses a wait for `targets` accepts, when more than the targets (DSW: stopped-like ones). */
    accepts?: (targets: readonly string[]) => readonly string[];
}

export interface UntilOptions<T> {
    phases?: PhasePrediction<T>;
    /** Polls this instead of the resource's `get` (DSW's create wait may share a listing). */
    poll?: () => Promise<T>;
}

export interface NamedWaits<C extends WaitContext, T> {
    /** Until `id` shows one of `targets`; a failed status or its vanishing ends the wait with an error. */
    until: (ctx: C, id: string, targets: readonly string[], options?: UntilOptions<T>) => Promise<T>;
    /** Until the get answers not-found: every status seen is still on its way. */
    untilDeleted: (ctx: C, id: string) => Promise<void>;
}

export function namedWaits<C extends WaitContext, T>(r: WaitedResource<C, T>): NamedWaits<C, T> {
    return {
        until: async (ctx, id, targets, options = {}) => {
            const value = await waitForStatus<T>({
                description: `${r.noun} ${id} to be ${targets.join(" or ")}`,
                poll: options.poll ?? (() => r.get(ctx, id)),
                status: r.status,
                success: r.accepts?.(targets) ?? targets,
                failure: (v) => r.failure(v, id),
                isNotFound: r.isNotFound,
                gone: "FAILURE",
                deadline: ctx.deadline,
                poll_: ctx.poll,
                log: ctx.log,
                deps: ctx.deps,
                phases: options.phases,
            });
            // With gone "FAILURE" the wait returns only on a success, which always carries the value.
            if (value === undefined) throw new Error(`${r.noun} ${id}: the wait ended without an answer`);
            return value;
        },
        untilDeleted: (ctx, id) => untilGone(ctx, `${r.noun} ${id}`, () => (r.getForGone ?? r.get)(ctx, id), r.status, r.isNotFound),
    };
}
