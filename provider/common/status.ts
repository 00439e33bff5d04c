/**
 * Waiting for an instance to reach a status, for both clouds: builds the acceptor from status
 * lists and runs the shared waiter with the operation's deadline, logging each status seen.
 */
import { CloudServiceError, ResponseShapeError, errorMessage } from "./errors";
import { PhaseEta, PhaseRoute, PhaseStamp } from "./eta";
import { LearnFrom } from "./phaseHistory";
import { ProgressLog } from "./log";
import { PollSettings } from "./resource";
import { AcceptorResult, Observation, WaiterDeps, realWaiterDeps, waitUntil } from "./waiter";

export interface StatusWait<T> {
    /** "DSW instance dsw-1 to be Running", for messages. */
    description: string;
    poll: () => Promise<T>;
    status: (v: T) => string;
    /** Statuses that end the wait successfully. */
    success: readonly string[];
    /** A reason when the observed value is a terminal failure for this wait. */
    failure?: (v: T) => string | undefined;
    isNotFound: (e: unknown) => boolean;
    /** What "the instance is gone" means for this wait. */
    gone: "SUCCESS" | "FAILURE";
    deadline: number;
    poll_: PollSettings;
    log: ProgressLog;
    deps?: WaiterDeps;
    /** Predict the end from the phases the instance walks through (see ./eta.ts). */
    phases?: PhasePrediction<T>;
    /** A create's kind: predict from earlier creates of it, and add this one (./phaseHistory.ts). */
    learn?: LearnFrom;
}

export interface PhasePrediction<T> {
    route: PhaseRoute;
    stamp: (v: T) => PhaseStamp;
    /** Resolution of the cloud's timestamps, ms. */
    resolutionMs: number;
}

/** Malformed answers in a row after which a wait stops: a gateway or proxy is broken, not slow. */
export const MALFORMED_POLLS_LIMIT = 3;

/**
 * An error that waiting will not heal: the credentials were refused (401/403, a rejected
 * signature or key), or the cloud refused the request itself (any other client error but
 * throttling). Server errors and lost connections may heal, so they are retried to the deadline.
 */
export function unhealable(e: unknown): boolean {
    if (!(e instanceof CloudServiceError)) return false;
    const status = e.$metadata.httpStatusCode ?? 0;
    if (status === 401 || status === 403) return true;
    return e.$fault === "client" && status !== 429 && !/thrott|flow control|too many/i.test(`${e.code} ${e.serviceMessage}`);
}

export function statusAcceptor<T>(w: Pick<StatusWait<T>, "status" | "success" | "failure" | "isNotFound" | "gone">): (o: Observation<T>) => AcceptorResult {
    let malformed = 0;
    return (o) => {
        if (o.error !== undefined) {
            if (w.isNotFound(o.error)) {
                return w.gone === "SUCCESS" ? { state: "SUCCESS" } : { state: "FAILURE", reason: "the instance no longer exists" };
            }
            if (unhealable(o.error)) {
                return { state: "FAILURE", reason: `stopped waiting: ${errorMessage(o.error)}` };
            }
            if (o.error instanceof ResponseShapeError && ++malformed >= MALFORMED_POLLS_LIMIT) {
                return { state: "FAILURE", reason: `stopped waiting after ${malformed} malformed answers in a row: ${o.error.message}` };
            }
            return { state: "RETRY" };
        }
        malformed = 0;
        const v = o.value as T;
        if (w.success.includes(w.status(v))) {
            return { state: "SUCCESS" };
        }
        const reason = w.failure?.(v);
        return reason ? { state: "FAILURE", reason } : { state: "RETRY" };
    };
}

export async function waitForStatus<T>(w: StatusWait<T>): Promise<T | undefined> {
    const deps = w.deps ?? realWaiterDeps;
    const { minDelayMs, maxDelayMs } = w.poll_;
    const phases = w.phases;
    const eta = phases && new PhaseEta(phases.route, deps.now(), phases.resolutionMs, w.learn?.history.samples(w.learn.key) ?? []);
    const r = await waitUntil(
        w.poll,
        statusAcceptor(w),
        w.status,
        {
            description: w.description,
            minDelayMs,
            maxDelayMs,
            maxWaitMs: Math.max(minDelayMs + 1, w.deadline - deps.now()),
            onStatus: (status, elapsed) => w.log.info(`${status} (${Math.round(elapsed / 1000)}s)`),
            // Said once per kind of error, so a wait that rides out faults is not silent about them.
            // A not-found is an answer the acceptor decides on (gone), not a fault to ride out.
            onError: (e, first) => first && !w.isNotFound(e) && w.log.warn(`polling ${w.description}: ${errorMessage(e)}; retrying`),
            pollBudget: w.poll_.budget,
        },
        deps,
        { predict: eta && phases ? (v) => eta.observe(phases.stamp(v), deps.now()) : undefined },
    );
    // Only a wait that reached the end of the route (its first success status, not Stopped) teaches the next creates.
    if (eta && phases && w.learn && w.status(r.value) === w.success[0]) {
        const sample = eta.sample(phases.stamp(r.value));
        if (sample) w.learn.history.record(w.learn.key, sample);
    }
    return r.value;
}

/** Until the instance is gone (the get answers not-found): every status seen is still "on its way". */
export async function waitUntilGone<T>(w: Omit<StatusWait<T>, "success" | "gone" | "failure" | "phases">): Promise<void> {
    await waitForStatus({ ...w, success: [], gone: "SUCCESS" });
}

/** What every operation's waits take from its context: polling, deadline, log. */
export interface WaitContext {
    poll: PollSettings;
    deps?: WaiterDeps;
    deadline: number;
    log: ProgressLog;
}

/** `waitUntilGone` for one instance, with the operation's context. */
export function untilGone<T>(
    ctx: WaitContext,
    what: string,
    poll: () => Promise<T>,
    status: (v: T) => string,
    isNotFound: (e: unknown) => boolean,
): Promise<void> {
    return waitUntilGone({
        description: `${what} to be deleted`,
        poll,
        status,
        isNotFound,
        deadline: ctx.deadline,
        poll_: ctx.poll,
        log: ctx.log,
        deps: ctx.deps,
    });
}

/** The live instance, or undefined when the cloud says it is gone (not found, or a deleted status it still shows). */
export async function liveUnlessGone<T>(
    get: () => Promise<T>,
    isNotFound: (e: unknown) => boolean,
    isDeleted: (v: T) => boolean = () => false,
): Promise<T | undefined> {
    try {
        const live = await get();
        return isDeleted(live) ? undefined : live;
    } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
    }
}
