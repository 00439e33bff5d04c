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

    decide(op: string): FaultDecision {
        const o = this.opts;
        if (o.operations.length > 0 && !o.operations.includes(op)) {
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

    latencyMs(): number {
        const o = this.opts;
        if (o.latencyMs <= 0 && o.jitterMs <= 0) {
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

/** Token bucket per tenant: the cloud-side request-rate limit used by the scale benchmark. */
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

    /** True when the request may proceed. */
    take(key: string, now: number): boolean {
        const { requestsPerSecond: rps, burst } = this.opts;
        if (rps <= 0) {
            return true;
        }
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
