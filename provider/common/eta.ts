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
    /**
     * Made from earlier creates of the same kind (./phaseHistory.ts), not from the equal-phases
     * assumption: the waiter spreads the poll budget over the window, and a missed refinement
     * moment is no reason to distrust it (the next phase's share is what varies).
     */
    learned?: boolean;
    /** Index of the phase the prediction was made in (a later one is a refinement). */
    phase?: number;
}

/**
 * One earlier create of the same kind, in server ms after its origin (`GmtCreateTime`,
 * `creation_timestamp`): when each phase began (null where no poll saw it) and when it was done.
 */
export interface PhaseSample {
    starts: Array<number | null>;
    end: number;
}

/** Fewest earlier creates a learned prediction rests on; below this the equal-phases one is used. */
export const LEARNED_MIN_SAMPLES = 2;

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
        /** Earlier creates of the same kind, oldest first (./phaseHistory.ts). */
        private readonly learned: readonly PhaseSample[] = [],
    ) {}

    /**
     * This create's phases once it is done (the observation that ended the wait carries the end
     * stamp), for the history of the next creates; undefined when the origin was never known.
     */
    sample(final: PhaseStamp): PhaseSample | undefined {
        if (this.zero === undefined || final.since === undefined || !Number.isFinite(final.since)) {
            return undefined;
        }
        const zero = this.zero;
        const end = final.since - zero;
        if (end <= 0) {
            return undefined;
        }
        return { starts: this.route.phases.map((_, k) => (this.starts.has(k) ? (this.starts.get(k) as number) - zero : null)), end };
    }

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
        if (this.zero === undefined) {
            return undefined;
        }
        const since = this.starts.get(k) as number;
        const fromHistory = this.fromHistory(k);
        if (fromHistory) {
            return fromHistory;
        }
        if (k === 0) {
            return undefined;
        }
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

    /** A prediction from earlier creates of the same kind, in client time; see learnedWindow. */
    private fromHistory(current: number): Prediction | undefined {
        if (this.zero === undefined) {
            return undefined;
        }
        // From the latest phase both this create and enough earlier ones were seen in: a sparse
        // learned schedule often skips a short phase, and falling back to the equal-phases
        // assumption there would throw away what was learned.
        let w: ReturnType<typeof learnedWindow>;
        let k = current;
        for (; k >= 0 && !w; k--) {
            const since = this.starts.get(k);
            if (since !== undefined) w = learnedWindow(this.learned, k, since - this.zero, this.resolutionMs);
        }
        k++;
        if (!w) {
            return undefined;
        }
        const base = this.zero + this.offset;
        const p: Prediction = { earliest: base + w.low, latest: base + w.high, learned: true, phase: current };
        // A poll just after the latest start of the next phase seen so far refines the window.
        if (k === current && k < this.route.phases.length - 1 && w.nextStart !== undefined && base + w.nextStart < p.earliest) {
            p.refineAt = base + w.nextStart;
        }
        return p;
    }
}

/**
 * The end as earlier creates of the same kind put it, seen from the start of phase `k` (`elapsed`
 * server ms after the origin). Two estimates per earlier create: its own remaining time
 * (phases vary independently), or its remaining time scaled by how this create's elapsed time
 * compares to its own (a slow create is slow throughout). Whichever set of estimates agrees
 * better across the history is used; the window spans it, widened by the spread a few samples
 * leave unseen (a range of n draws misses about 1/n of the true range at each end) and by the
 * timestamps' resolution.
 */
function learnedWindow(
    samples: readonly PhaseSample[],
    k: number,
    elapsed: number,
    resolutionMs: number,
): { low: number; high: number; nextStart?: number } | undefined {
    const usable = samples.filter((x) => (k === 0 ? true : x.starts[k] !== null && x.starts[k] !== undefined) && x.end > 0);
    if (usable.length < LEARNED_MIN_SAMPLES) {
        return undefined;
    }
    const startOf = (x: PhaseSample) => (k === 0 ? 0 : (x.starts[k] as number));
    const direct = usable.map((x) => elapsed + (x.end - startOf(x)));
    const scaled = k === 0 || elapsed <= 0 ? [] : usable.filter((x) => startOf(x) > 0).map((x) => (elapsed * x.end) / startOf(x));
    const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const ends = scaled.length >= LEARNED_MIN_SAMPLES && range(scaled) < range(direct) ? scaled : direct;
    const pad = range(ends) / ends.length + resolutionMs;
    const out: { low: number; high: number; nextStart?: number } = { low: Math.min(...ends) - pad, high: Math.max(...ends) + pad };
    // Per earlier create: how long after this phase began the next one did; the latest of them.
    const gaps = usable.map((x) => x.starts[k + 1]).filter((v): v is number => typeof v === "number");
    if (gaps.length > 0) {
        const longest = Math.max(...usable.filter((x) => typeof x.starts[k + 1] === "number").map((x) => (x.starts[k + 1] as number) - startOf(x)));
        out.nextStart = elapsed + longest + resolutionMs;
    }
    return out;
}

/** Parses an ISO-8601 timestamp to ms, or undefined when absent or malformed. */
export function isoMs(s: string | null | undefined): number | undefined {
    if (!s) {
        return undefined;
    }
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : undefined;
}
