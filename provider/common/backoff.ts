/**
 * Full-jitter exponential backoff, `random · min(max, base · 2^(attempt-1))` (the AWS
 * architecture blog's "full jitter", as smithy-typescript's defaultRetryBackoffStrategy): used by
 * the transport's retries and by create recovery. Status waits use the poller's own shape instead
 * (waiter.ts, `backoffDelay`: at least the minimum delay, so a poll never comes back at once).
 */
export function fullJitter(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
    return random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
}
