/**
 * Client-side pacing of one operation after the cloud throttled it (issue 27). Both clouds count
 * their quotas per account and API (docs/emulator-hardening.md, "Request-rate limit"), and a
 * fleet's `pulumi up` sends its calls in bursts: 500 creates at once, then a tag call for every
 * notebook one listing round saw Running. Retried with full-jitter backoff alone, a refused burst
 * comes back in waves with gaps between them, and the last notebooks wait seconds longer than the
 * quota needs. Once an operation is refused, its calls instead queue for evenly spaced send slots
 * at a rate learned from the answers: additive increase, multiplicative decrease, as TCP and the
 * AWS SDKs' adaptive retry mode (smithy-typescript `DefaultRateLimiter`) do. That limiter was not
 * taken: it cuts its rate on every refused answer, so one refused burst of 50 drives it to its
 * floor of 0.5 calls/s and it needs seconds to climb back, and it wakes its waiters by polling
 * instead of in order.
 *
 * - Unpaced until the first refusal: an operation the quota never stopped costs nothing here.
 * - A refusal sets the rate to 90 % of what the operation got through in the last second (at
 *   least `floorPerSecond`), at most once a second: one refused burst is one cut.
 * - Every answered call after that raises the rate by `1 / rate` (about one call a second more
 *   each second), and to 90 % of the last second's answers if that is more (a refused burst's
 *   answers arrive in any order, so the cut may have seen only part of what got through);
 *   `quietMs` without a refusal ends the pacing.
 */
export interface SendRateOptions {
    floorPerSecond: number;
    quietMs: number;
    now: () => number;
    sleep: (ms: number) => Promise<void>;
}

const WINDOW_MS = 1000;
/** Whatever the floor is set to: a rate of 0 would never release a call. */
const MIN_RATE = 0.1;
/** A waiting queue looks again at least this often, so a raised rate or the end of pacing shows. */
const MAX_WAIT_STEP_MS = 50;

export class SendRate {
    /** Calls per second while paced; undefined when unpaced. */
    private rate: number | undefined;
    /** When the next queued call may go. */
    private nextSlot = 0;
    private lastCut = Number.NEGATIVE_INFINITY;
    private lastRefusal = Number.NEGATIVE_INFINITY;
    private lastRelease = Number.NEGATIVE_INFINITY;
    /** When recent calls were answered (the last WINDOW_MS). */
    private answered: number[] = [];
    /** Calls waiting for their slot, in order of asking. */
    private readonly queue: Array<() => void> = [];
    private pumping = false;

    constructor(private readonly o: SendRateOptions) {}

    /** Calls per second while paced, for progress and tests. */
    get pacedRate(): number | undefined {
        return this.rate;
    }

    /** Waits for this call's send slot (at once when unpaced). */
    async take(): Promise<void> {
        this.endIfQuiet();
        if (this.rate === undefined && this.queue.length === 0) return;
        await new Promise<void>((go) => {
            this.queue.push(go);
            if (!this.pumping) void this.pump();
        });
    }

    /**
     * Releases the queue in order, one call per slot at the rate of the moment: a rate raised while
     * calls wait shortens their wait, and the end of pacing releases them all.
     */
    private async pump(): Promise<void> {
        this.pumping = true;
        while (this.queue.length > 0) {
            // A raised rate only moves the slot earlier, so `due` bounds the wait: the loop ends
            // even on a clock that sleeping does not move.
            const due = this.nextSlot - this.o.now();
            for (let waited = 0; waited < due;) {
                const step = Math.min(due - waited, MAX_WAIT_STEP_MS);
                await this.o.sleep(step);
                waited += step;
                this.endIfQuiet();
                if (this.rate === undefined || this.nextSlot <= this.o.now()) break;
            }
            this.endIfQuiet();
            if (this.rate === undefined) {
                this.queue.splice(0).forEach((go) => go());
                break;
            }
            (this.queue.shift() as () => void)();
            this.lastRelease = this.o.now();
            this.nextSlot = this.lastRelease + 1000 / this.rate;
        }
        this.pumping = false;
    }

    private endIfQuiet(): void {
        if (this.rate !== undefined && this.o.now() - this.lastRefusal > this.o.quietMs) this.rate = undefined;
    }

    /** The answer to one call: refused by the quota, or not. */
    record(refused: boolean): void {
        const now = this.o.now();
        this.answered = this.answered.filter((t) => now - t < WINDOW_MS);
        if (refused) {
            this.lastRefusal = now;
            if (now - this.lastCut >= WINDOW_MS) {
                this.lastCut = now;
                this.rate = Math.max(this.o.floorPerSecond, 0.9 * this.answered.length, MIN_RATE);
                this.nextSlot = Math.max(this.nextSlot, now + 1000 / this.rate);
            }
            return;
        }
        this.answered.push(now);
        // A refused burst's answers come in any order: the cut may have counted only part of it.
        if (this.rate !== undefined) {
            this.rate = Math.max(this.rate + 1 / this.rate, 0.9 * this.answered.length);
            // The next slot follows the raised rate, counted from the last release.
            this.nextSlot = Math.min(this.nextSlot, this.lastRelease + 1000 / this.rate);
        }
    }
}

/** One SendRate per operation name: what a quota per API paces. */
export class SendRates {
    private readonly byOperation = new Map<string, SendRate>();

    constructor(private readonly o: SendRateOptions) {}

    of(operation: string): SendRate {
        let r = this.byOperation.get(operation);
        if (!r) {
            r = new SendRate(this.o);
            this.byOperation.set(operation, r);
        }
        return r;
    }
}

export const DEFAULT_SEND_RATE = { floorPerSecond: 5, quietMs: 10_000 };
