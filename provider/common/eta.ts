/**
 * When will a multi-phase transition end? Both clouds walk an instance through known phases on
 * its way to Running (DSW: Creating → ResourceAllocating|Queuing → EnvPreparing → Running) and
 * stamp the start of the current phase (DSW `GmtModifiedTime`). From the phases already done and
 * their server-side durations we predict the end: the remaining phases are assumed to last as long
 * as the completed ones did on average. The waiter then polls at the predicted moment instead of on
 * a blind backoff, which is what lets a 60 s provisioning be seen within a second of finishing on
 * about ten polls, where fixed sleeps give either a lag of half the interval or many more polls.
 *
 * A prediction only moves polls in time; it never decides success. A wrong one costs at most a few
 * extra polls (the waiter gives a prediction a short window, then returns to its backoff), never a
 * wrong result or a missed deadline.
 *
 * Mapping server time to the client's clock without trusting either clock: the offset
 * (client − server) is bounded above by every observation, since the operation began before the
 * wait did and a phase began before the answer that reports it arrived; the tightest bound is
 * used. It also keeps a wait on an instance created long before (a create recovered after a
 * crash) from predicting late.
 *
 * Timestamps with whole-second resolution r (DSW; truncated) leave the end uncertain by ±(n/k)·r
 * after k of n phases (each duration is off by up to r, and the mean is stretched over the
 * remaining phases), so a prediction is a window, not a moment. Because that window is widest
 * early, a prediction made before the last phase first asks for a poll halfway through the next
 * phase, where a refined prediction is made.
 */

export interface PhaseRoute {
    /** Phases in order before the goal; a slot holds alternatives (Queuing or ResourceAllocating). */
    readonly phases: readonly (readonly string[])[];
}

export interface PhaseStamp {
    status: string;
    /** Server time (ms) the current status began, e.g. DSW `GmtModifiedTime`. */
    since?: number;
    /** Server time (ms) the operation began, e.g. `GmtCreateTime` for a create. */
    origin?: number;
}

export interface Prediction {
    /** Client times (ms) between which the goal is expected. */
    earliest: number;
    latest: number;
    /** Client time of a poll that would see the next phase and refine the prediction (not in the last phase). */
    refineAt?: number;
}

/** Tracks one wait; feed it every observation in order. */
export class PhaseEta {
    private readonly starts = new Map<number, number>();
    private zero?: number;
    private offset = Infinity;

    constructor(
        private readonly route: PhaseRoute,
        /** Client time the wait began, i.e. after the operation was accepted. */
        private readonly clientStart: number,
        /** Resolution of the server's timestamps (1000 for whole seconds). */
        private readonly resolutionMs: number,
    ) {}

    /** `clientNow`: when the answer carrying `stamp` arrived. */
    observe(stamp: PhaseStamp, clientNow: number): Prediction | undefined {
        const k = this.route.phases.findIndex((slot) => slot.includes(stamp.status));
        if (k < 0 || stamp.since === undefined || !Number.isFinite(stamp.since)) {
            return undefined;
        }
        if (!this.starts.has(k)) {
            this.starts.set(k, stamp.since);
        }
        this.zero ??= stamp.origin ?? this.starts.get(0);
        if (stamp.origin !== undefined) {
            this.offset = Math.min(this.offset, this.clientStart - stamp.origin);
        }
        this.offset = Math.min(this.offset, clientNow - stamp.since);
        if (this.zero === undefined || k === 0) {
            return undefined;
        }
        const since = this.starts.get(k) as number;
        const elapsed = since - this.zero;
        if (elapsed <= 0) {
            return undefined;
        }
        const n = this.route.phases.length;
        const mean = elapsed / k;
        const end = since + mean * (n - k) + this.offset;
        const spread = (n / k) * this.resolutionMs;
        const prediction: Prediction = { earliest: end - spread, latest: end + spread };
        if (k < n - 1) {
            prediction.refineAt = since + mean * 1.5 + this.offset;
        }
        return prediction;
    }
}

/** Parses an ISO-8601 timestamp to ms, or undefined when absent or malformed. */
export function isoMs(s: string | null | undefined): number | undefined {
    if (!s) {
        return undefined;
    }
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : undefined;
}
