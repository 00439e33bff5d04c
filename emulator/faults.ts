/**
 * Fault injection: decides, per cloud API request, whether to answer normally, with a 5xx, with the
 * cloud's throttling response, or by dropping the connection; and adds latency. One seeded
 * generator drives every decision so a run replays exactly for the same seed and request order.
 */
import { FaultOptions, RateLimitOptions } from "./options";
import { SeededRandom } from "./rng";

export type FaultDecision = { kind: "none" | "serverError" | "throttle" | "drop" | "html" | "malformed" | "auth" };

export class FaultInjector {
    private rng: SeededRandom;

    constructor(private opts: FaultOptions) {
        this.rng = new SeededRandom(opts.seed);
    }

    get options(): Readonly<FaultOptions> {
        return this.opts;
    }

    /** Replaces some settings at run time; a new `seed` restarts the sequence. */
    configure(update: Partial<FaultOptions>): void {
        this.opts = { ...this.opts, ...update };
        if (update.seed !== undefined) {
            this.rng = new SeededRandom(update.seed);
        }
    }

    /** Whether the request faults and the latency apply to `op`: `operations` empty means every operation. */
    private covers(op: string): boolean {
        return this.opts.operations.length === 0 || this.opts.operations.includes(op);
    }

    decide(op: string): FaultDecision {
        const o = this.opts;
        if (!this.covers(op)) {
            return { kind: "none" };
        }
        const rates: Array<[FaultDecision["kind"], number]> = [
            ["drop", o.dropRate],
            ["serverError", o.serverErrorRate],
            ["throttle", o.throttleRate],
            ["html", o.htmlErrorRate ?? 0],
            ["malformed", o.malformedRate ?? 0],
            ["auth", o.authErrorRate ?? 0],
        ];
        if (rates.every(([, rate]) => rate <= 0)) {
            return { kind: "none" };
        }
        // One draw per request, so the kinds partition [0, 1) and the decisions of one seed repeat.
        let r = this.rng.next();
        for (const [kind, rate] of rates) {
            if (r < rate) return { kind };
            r -= rate;
        }
        return { kind: "none" };
    }

    latencyMs(op: string): number {
        const o = this.opts;
        if ((o.latencyMs <= 0 && o.jitterMs <= 0) || !this.covers(op)) {
            return 0;
        }
        return o.latencyMs + Math.floor(this.rng.next() * o.jitterMs);
    }

    /** Whether an accepted create should fail during provisioning. */
    failThisCreate(): boolean {
        if (this.opts.failNextCreates > 0) {
            this.opts = { ...this.opts, failNextCreates: this.opts.failNextCreates - 1 };
            return true;
        }
        return this.opts.createFailRate > 0 && this.rng.next() < this.opts.createFailRate;
    }
}

/** Token buckets per account and API (or per account): the cloud-side request-rate limit. */
export class RateLimiter {
    private buckets = new Map<string, { tokens: number; at: number }>();

    constructor(private opts: RateLimitOptions) {}

    configure(update: Partial<RateLimitOptions>): void {
        this.opts = { ...this.opts, ...update };
        this.buckets.clear();
    }

    get options(): Readonly<RateLimitOptions> {
        return this.opts;
    }

    /** True when the account's request to the operation `op` may proceed. */
    take(account: string, op: string, now: number): boolean {
        const { requestsPerSecond: rps, burst } = this.opts;
        if (rps <= 0) {
            return true;
        }
        const key = this.opts.per === "account" ? account : `${account}\u0000${op}`;
        const capacity = Math.max(1, burst);
        const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
        b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * rps);
        b.at = now;
        const ok = b.tokens >= 1;
        if (ok) {
            b.tokens -= 1;
        }
        this.buckets.set(key, b);
        return ok;
    }
}

const RATES = ["serverErrorRate", "throttleRate", "dropRate", "createFailRate", "htmlErrorRate", "malformedRate", "authErrorRate"] as const;
const COUNTS = ["latencyMs", "jitterMs", "retryAfterMs", "failNextCreates"] as const;

/**
 * A fault update from the admin API, checked whole before it applies (a refused one changes
 * nothing): known names only, rates in [0, 1], counts and the seed integers, `operations` names
 * of the emulated operations (`known`) when given: a misspelt one would silently restrict every
 * fault to no request at all.
 */
export function validateFaultUpdate(update: Record<string, unknown>, known?: readonly string[]): Partial<FaultOptions> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(update)) {
        if ((RATES as readonly string[]).includes(k)) {
            if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new Error(`${k} must be a number from 0 to 1`);
        } else if ((COUNTS as readonly string[]).includes(k) || k === "seed") {
            if (typeof v !== "number" || !Number.isSafeInteger(v) || (k !== "seed" && v < 0))
                throw new Error(`${k} must be ${k === "seed" ? "an" : "a non-negative"} integer`);
        } else if (k === "operations") {
            if (!Array.isArray(v) || v.length > 100 || !v.every((o) => typeof o === "string" && o.length <= 100)) {
                throw new Error("operations must be a list of up to 100 operation names");
            }
            const unknown = known ? (v as string[]).find((o) => !known.includes(o)) : undefined;
            if (unknown !== undefined) {
                throw new Error(
                    `operations: ${JSON.stringify(unknown)} is not an operation of the emulated APIs (give the API's action name as the request log records it, e.g. "CreateInstance", "ListInstances", "ListNotebooks")`,
                );
            }
        } else {
            throw new Error(`unknown fault setting ${JSON.stringify(k.slice(0, 100))}`);
        }
        out[k] = v;
    }
    return out as Partial<FaultOptions>;
}

/** A rate-limit update: `requestsPerSecond` and `burst`, non-negative numbers; `per`, `api` or `account`. */
export function validateRateLimitUpdate(update: Record<string, unknown>): Partial<RateLimitOptions> {
    for (const [k, v] of Object.entries(update)) {
        if (k === "per") {
            if (v !== "api" && v !== "account") throw new Error(`per must be "api" or "account"`);
            continue;
        }
        if (k !== "requestsPerSecond" && k !== "burst") throw new Error(`unknown rate-limit setting ${JSON.stringify(k.slice(0, 100))}`);
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new Error(`${k} must be a non-negative number`);
    }
    return update as Partial<RateLimitOptions>;
}
