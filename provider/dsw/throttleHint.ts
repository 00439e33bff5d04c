/**
 * How long Alibaba's gateway asks a throttled client to wait. Its official SDKs read
 * `x-acs-retry-after` (ms) and the flow-control summaries `x-ratelimit-user-api` and
 * `x-ratelimit-user`, whose value is a comma list of `Key:Value` pairs with `TimeLeft:<ms>`, e.g.
 * `Limit:1,Remain:0,TimeLeft:2000,Reset:1234`, taking the longer of the two (Darabonba's
 * `Utils.getThrottlingTimeLeft` in aliyun's openapi-util for TypeScript, Go, Python, PHP, C++).
 * The longest hint wins; undefined when none is usable.
 */
export function dswRetryAfterMs(headers: Readonly<Record<string, string | undefined>>): number | undefined {
    const hints = [Number(headers["x-acs-retry-after"]), timeLeft(headers["x-ratelimit-user-api"]), timeLeft(headers["x-ratelimit-user"])];
    const usable = hints.filter((h) => Number.isFinite(h) && h > 0);
    return usable.length > 0 ? Math.max(...usable) : undefined;
}

function timeLeft(value: string | undefined): number {
    const m = /(?:^|,)\s*TimeLeft\s*:\s*(\d+)/i.exec(value ?? "");
    return m ? Number(m[1]) : NaN;
}
