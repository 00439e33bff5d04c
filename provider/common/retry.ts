/**
 * Retry policy, shaped like the AWS SDK v3 StandardRetryStrategy (smithy-typescript
 * packages/util-retry): classify the error first, retry only throttling and transient failures,
 * full-jitter exponential backoff (`min(maxDelay, random · 2^attempt · base)`) where a server
 * hint wins when longer, and a shared retry quota so an outage does not become a retry storm.
 *
 * The retry loop itself exists once, in `HttpTransport.send`.
 */
import { fullJitter } from "./backoff";
import { CloudServiceError, TransportError } from "./errors";

export type RetryErrorType = "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";

export interface RetryOptions {
    /** Tries in all, the first included. */
    maxAttempts: number;
    baseDelayMs: number;
    throttlingBaseDelayMs: number;
    maxDelayMs: number;
    /** Shared quota; a retry costs `retryCost` (`transientCost` for transient errors), a success refunds 1. */
    quotaCapacity: number;
    retryCost: number;
    transientCost: number;
    random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
    maxAttempts: 8,
    baseDelayMs: 100,
    throttlingBaseDelayMs: 500,
    maxDelayMs: 20_000,
    quotaCapacity: 500,
    retryCost: 5,
    transientCost: 10,
    random: Math.random,
};

/** Per-cloud knowledge of which error codes mean throttling or a transient server condition. */
export interface ErrorClassifier {
    throttlingCodes: ReadonlySet<string>;
    transientCodes: ReadonlySet<string>;
}

export function classify(err: unknown, c: ErrorClassifier): RetryErrorType {
    if (err instanceof TransportError) {
        return "TRANSIENT";
    }
    if (err instanceof CloudServiceError) {
        const status = err.$metadata.httpStatusCode ?? 0;
        if (status === 429 || c.throttlingCodes.has(err.code) || err.code.startsWith("Throttling")) {
            return "THROTTLING";
        }
        if (c.transientCodes.has(err.code) || [500, 502, 503, 504].includes(status)) {
            return "TRANSIENT";
        }
        return status >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR";
    }
    return "CLIENT_ERROR";
}

export interface RetryToken {
    attempt: number;
    totalDelayMs: number;
    lastCost: number;
}

export class StandardRetryStrategy {
    readonly options: RetryOptions;
    private quota: number;

    constructor(options: Partial<RetryOptions> = {}) {
        this.options = { ...DEFAULT_RETRY, ...options };
        this.quota = this.options.quotaCapacity;
    }

    acquireInitialRetryToken(): RetryToken {
        return { attempt: 1, totalDelayMs: 0, lastCost: 0 };
    }

    /**
     * The delay before the next try, or undefined when no retry is allowed (attempts exhausted,
     * error not retryable, quota empty).
     */
    refreshRetryTokenForRetry(
        token: RetryToken,
        type: RetryErrorType,
        retryAfterMs?: number,
        /** The operation's deadline (deadline.ts): past maxAttempts, retries continue until it. */
        deadline?: number,
        now = Date.now(),
    ): { token: RetryToken; delayMs: number } | undefined {
        const o = this.options;
        if (type !== "THROTTLING" && type !== "TRANSIENT") {
            return undefined;
        }
        const beyondAttempts = token.attempt >= o.maxAttempts;
        if (beyondAttempts && deadline === undefined) {
            return undefined;
        }
        const cost = type === "TRANSIENT" ? o.transientCost : o.retryCost;
        // An empty quota means the service is struggling: without a deadline, stop; with one,
        // slow down to the longest delay instead of giving up on an operation that may still end.
        const starved = type !== "THROTTLING" && this.quota < cost;
        if (starved && deadline === undefined) {
            return undefined;
        }
        if (type !== "THROTTLING" && !starved) {
            this.quota -= cost;
        }
        const base = type === "THROTTLING" ? o.throttlingBaseDelayMs : o.baseDelayMs;
        const computed = starved ? o.maxDelayMs : fullJitter(token.attempt, base, o.maxDelayMs, o.random);
        const delayMs = Math.round(Math.max(retryAfterMs ?? 0, computed));
        if (deadline !== undefined && (beyondAttempts || starved) && now + delayMs >= deadline) {
            return undefined;
        }
        return {
            token: { attempt: token.attempt + 1, totalDelayMs: token.totalDelayMs + delayMs, lastCost: type === "THROTTLING" || starved ? 0 : cost },
            delayMs,
        };
    }

    recordSuccess(token: RetryToken): void {
        this.quota = Math.min(this.options.quotaCapacity, this.quota + Math.max(1, token.lastCost));
    }

    get availableQuota(): number {
        return this.quota;
    }
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
    if (!value) {
        return undefined;
    }
    if (/^\d+$/.test(value.trim())) {
        return Number(value.trim()) * 1000;
    }
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
