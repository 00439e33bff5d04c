/**
 * A status waiter shaped like smithy-typescript's util-waiter: poll at once, then after a random
 * delay in [minDelay, minDelay·2^(n-1)] pinned to maxDelay; an acceptor maps each observation to
 * SUCCESS, FAILURE or RETRY; the last sleep is truncated so one final poll happens at the deadline;
 * an abort signal ends the wait. Every create/update/delete waits through this one function.
 *
 * Unlike util-waiter, a wait may carry a prediction of when it ends (./eta.ts): a window
 * [earliest, latest], and possibly a moment at which a poll would refine it. The next poll goes to
 * the refinement moment, else to the window's start, but never later than maxDelay, so a
 * prediction cannot make the wait slower to notice the end than the plain backoff. Inside the
 * window a few polls are spread evenly. When the next phase has not come by the refinement moment,
 * or the end not by the window's close, the phases have shown they are not as even as the
 * prediction assumes: the wait makes no further predictions and the backoff resumes where it
 * paused. A wrong prediction costs a few polls, once.
 *
 * A prediction learned from earlier creates of the same kind (`learned`, ./eta.ts) is trusted
 * further: it already spans how much those creates varied (its window opens before the fastest of
 * them ended, so the polls before it are not capped at maxDelay; one guard poll halfway there bounds
 * what a cloud faster than its whole history costs), and the wait spends what is left of its
 * poll budget (`pollBudget` polls per 60 s of the predicted wait) evenly over the window, and a
 * next phase later than the refinement moment only means this create's split differs. Should the
 * end not come by the window's close, this create is slower than every earlier one: the backoff
 * starts again from minDelay rather than where it paused, so the miss costs seconds, not maxDelay.
 */
import type { Prediction } from "./eta";
import { currentCancellation } from "./deadline";

export type WaiterState = "SUCCESS" | "FAILURE" | "RETRY";

export interface AcceptorResult {
    state: WaiterState;
    reason?: string;
}

export interface WaiterConfig {
    /** What is being waited for, for messages: "dsw-123 to be Running". */
    description: string;
    minDelayMs: number;
    maxDelayMs: number;
    maxWaitMs: number;
    /** Ends the wait early (default: the current operation's cancellation, see deadline.ts). */
    abortSignal?: AbortSignal;
    /** Called with each failed poll; `first` is true the first time an error of that name is seen. */
    onError?: (error: unknown, first: boolean) => void;
    /** Called with each distinct observed status (for progress lines). */
    onStatus?: (status: string, elapsedMs: number) => void;
    /** Polls per 60 s of predicted wait a learned window may use (default DEFAULT_POLL_BUDGET). */
    pollBudget?: number;
}

/** Polls per 60 s of a lone create: what a learned prediction spreads over its window. */
export const DEFAULT_POLL_BUDGET = 12;
/** The closest two polls of a learned window come, whatever the budget. */
export const LEARNED_MIN_STEP_MS = 250;

/**
 * Spacing of the polls in a learned window: what the budget leaves after the polls already made,
 * spread evenly from the window's start to its close (at least two polls there).
 */
export function learnedStep(p: Prediction, start: number, pollsMade: number, budget: number): number {
    const centre = (p.earliest + p.latest) / 2;
    const allowed = Math.floor((budget * Math.max(0, centre - start)) / 60_000);
    const inWindow = Math.max(2, allowed - pollsMade);
    return Math.max(LEARNED_MIN_STEP_MS, Math.ceil((p.latest - p.earliest) / (inWindow - 1)));
}

export interface WaiterOptions<T> {
    /** When the wait is expected to succeed, from an observation (client time). */
    predict?: (value: T) => Prediction | undefined;
}

/**
 * Polls inside a predicted window: WINDOW_POLLS spread evenly, but no closer than WINDOW_STEP_MS
 * and no further apart than minDelay. The spacing is the lag the window allows.
 */
export const WINDOW_STEP_MS = 500;
export const WINDOW_POLLS = 5;

function windowStep(p: Prediction, minDelayMs: number): number {
    return Math.min(minDelayMs, Math.max(WINDOW_STEP_MS, (p.latest - p.earliest) / (WINDOW_POLLS - 1)));
}

export interface WaiterDeps {
    sleep: (ms: number) => Promise<void>;
    now: () => number;
    random: () => number;
}

export const realWaiterDeps: WaiterDeps = {
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
    random: Math.random,
};

export class WaiterTimeoutError extends Error {
    override readonly name = "TimeoutError";
    constructor(
        message: string,
        readonly lastStatus: string | undefined,
        readonly polls: number,
    ) {
        super(message);
        Object.setPrototypeOf(this, WaiterTimeoutError.prototype);
    }
}

export class WaiterFailureError extends Error {
    override readonly name = "WaiterFailure";
    constructor(
        message: string,
        readonly lastStatus: string | undefined,
        readonly reason: string | undefined,
    ) {
        super(message);
        Object.setPrototypeOf(this, WaiterFailureError.prototype);
    }
}

export class WaiterAbortError extends Error {
    override readonly name = "AbortError";
    constructor(message: string) {
        super(message);
        Object.setPrototypeOf(this, WaiterAbortError.prototype);
    }
}

export function validateWaiterConfig(c: WaiterConfig): void {
    if (c.minDelayMs < 1 || c.maxDelayMs < 1 || c.maxWaitMs < 1) {
        throw new Error("waiter delays and maxWait must be at least 1 ms");
    }
    if (c.maxDelayMs < c.minDelayMs) {
        throw new Error(`waiter maxDelay (${c.maxDelayMs} ms) must be >= minDelay (${c.minDelayMs} ms)`);
    }
    if (c.pollBudget !== undefined && !(Number.isFinite(c.pollBudget) && c.pollBudget >= 2)) {
        throw new Error(`waiter pollBudget (${c.pollBudget}) must be at least 2 polls per 60 s`);
    }
    if (c.maxWaitMs <= c.minDelayMs) {
        throw new Error(`waiter maxWait (${c.maxWaitMs} ms) must be > minDelay (${c.minDelayMs} ms)`);
    }
}

/** Delay before poll number `attempt` (2 = the first retry). */
export function backoffDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random: () => number): number {
    const ceiling = Math.log2(maxDelayMs / minDelayMs) + 1;
    if (attempt - 1 > ceiling) {
        return maxDelayMs;
    }
    const upper = Math.min(maxDelayMs, minDelayMs * 2 ** (attempt - 2));
    return Math.round(minDelayMs + random() * (upper - minDelayMs));
}

export interface Observation<T> {
    value?: T;
    error?: unknown;
    status: string;
}

/**
 * Polls until the acceptor says SUCCESS (returns the observation) or FAILURE (throws
 * WaiterFailureError), the deadline passes (WaiterTimeoutError) or the signal aborts.
 */
export async function waitUntil<T>(
    poll: () => Promise<T>,
    acceptor: (o: Observation<T>) => AcceptorResult,
    statusOf: (v: T) => string,
    config: WaiterConfig,
    deps: WaiterDeps = realWaiterDeps,
    options: WaiterOptions<T> = {},
): Promise<{ value: T; polls: number; elapsedMs: number }> {
    validateWaiterConfig(config);
    const signal = config.abortSignal ?? currentCancellation();
    const start = deps.now();
    const deadline = start + config.maxWaitMs;
    let attempt = 1;
    let lastStatus: string | undefined;
    let prediction: Prediction | undefined;
    /** The spacing chosen when a learned window was first predicted in its phase (kept while it holds). */
    let step: { phase: number | undefined; ms: number } | undefined;
    const budget = config.pollBudget ?? DEFAULT_POLL_BUDGET;
    /** Set once the guard poll before a learned window was placed (one per wait). */
    let guarded = false;
    /** Set once a learned window closed without the end and was extended. */
    let overtime = false;
    /** Set once a prediction missed: later ones rest on the same assumption. */
    let distrusted = false;
    /** Position in the backoff schedule; it pauses while a prediction places the polls. */
    let backoffAttempt = 1;
    let lastError: unknown;
    const errorKinds = new Set<string>();
    for (;;) {
        if (signal?.aborted) {
            throw new WaiterAbortError(`cancelled: stopped waiting for ${config.description}`);
        }
        let obs: Observation<T>;
        try {
            const value = await poll();
            obs = { value, status: statusOf(value) };
        } catch (error) {
            obs = { error, status: "error" };
            lastError = error;
            const kind = error instanceof Error ? `${error.name}:${(error as { code?: unknown }).code ?? ""}` : "unknown";
            config.onError?.(error, !errorKinds.has(kind));
            errorKinds.add(kind);
            // A failed poll says nothing about phases: back off instead of polling a predicted window.
            prediction = undefined;
        }
        if (obs.status !== lastStatus && obs.status !== "error") {
            config.onStatus?.(obs.status, deps.now() - start);
        }
        if (obs.status !== "error") {
            lastStatus = obs.status;
        }
        const verdict = acceptor(obs);
        if (verdict.state === "SUCCESS") {
            return { value: obs.value as T, polls: attempt, elapsedMs: deps.now() - start };
        }
        if (verdict.state === "FAILURE") {
            throw new WaiterFailureError(`${config.description}: ${verdict.reason ?? `reached ${lastStatus ?? "an error"}`}`, lastStatus, verdict.reason);
        }
        attempt++;
        const fresh = obs.error === undefined && !distrusted ? options.predict?.(obs.value as T) : undefined;
        // An extended window is not replaced by the same phase's prediction again.
        if (fresh && !(overtime && fresh.learned && fresh.phase === prediction?.phase)) {
            prediction = fresh;
        }
        const now = deps.now();
        let delay: number | undefined;
        if (prediction?.learned) {
            if (step === undefined || step.phase !== prediction.phase) {
                step = { phase: prediction.phase, ms: learnedStep(prediction, start, attempt - 1, budget) };
            }
            // Before the window, the refinement poll, and one guard poll halfway to it (or to the
            // window) when that is further off than maxDelay: the window opens before the fastest
            // earlier create ended, but a cloud that has become faster than its whole history
            // (less queuing, a lighter image) would otherwise be seen only there: a tester's 8 s
            // create was noticed at 32 s after 40 s ones.
            const target = prediction.refineAt !== undefined && prediction.refineAt > now ? prediction.refineAt : prediction.earliest;
            if (target > now) {
                const guardAt = start + Math.max(config.maxDelayMs, (target - start) / 2);
                delay = !guarded && guardAt > now && target - guardAt > config.minDelayMs ? guardAt - now : target - now;
                guarded = true;
            } else if (now < prediction.latest) {
                delay = Math.min(step.ms, prediction.latest - now + 1);
            } else if (!overtime) {
                // Slower than every earlier create: as long again at the same spacing, then the backoff.
                overtime = true;
                prediction = { ...prediction, earliest: now, latest: now + (prediction.latest - prediction.earliest), refineAt: undefined };
                delay = step.ms;
            } else {
                distrusted = true;
                prediction = undefined;
                backoffAttempt = 1;
            }
        } else if (prediction) {
            // Past the refinement moment and still in the same phase: the phases are not as even as assumed.
            const missed = prediction.refineAt !== undefined && prediction.refineAt <= now;
            const target = prediction.refineAt ?? prediction.earliest;
            if (!missed && target > now) {
                delay = Math.min(target - now, config.maxDelayMs);
            } else if (!missed && now < prediction.latest) {
                delay = Math.min(windowStep(prediction, config.minDelayMs), prediction.latest - now + 1);
            } else {
                distrusted = true;
                prediction = undefined;
            }
        }
        if (delay === undefined) {
            backoffAttempt++;
            delay = backoffDelay(backoffAttempt, config.minDelayMs, config.maxDelayMs, deps.random);
        }
        if (now >= deadline) {
            throw new WaiterTimeoutError(
                `timed out after ${Math.round((now - start) / 1000)}s waiting for ${config.description} (last status ${lastStatus ?? "unknown"}, ${attempt - 1} polls${lastError !== undefined ? `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : ""})`,
                lastStatus,
                attempt - 1,
            );
        }
        // Truncate the last sleep so one final poll happens right at the deadline.
        await abortableSleep(Math.min(delay, deadline - now), deps, signal);
    }
}

async function abortableSleep(ms: number, deps: WaiterDeps, signal?: AbortSignal): Promise<void> {
    if (!signal) {
        return deps.sleep(ms);
    }
    if (signal.aborted) {
        return;
    }
    await Promise.race([deps.sleep(ms), new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }))]);
}
