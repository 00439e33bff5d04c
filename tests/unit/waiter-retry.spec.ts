import { strict as assert } from "node:assert";
import { CloudServiceError, TransportError } from "../../provider/common/errors";
import { StandardRetryStrategy, classify, parseRetryAfter } from "../../provider/common/retry";
import { WaiterFailureError, WaiterTimeoutError, backoffDelay, waitUntil, WaiterDeps } from "../../provider/common/waiter";

/** A fake clock: sleeping advances time instantly, and every sleep is recorded. */
function fakeClock(random = () => 0.5): WaiterDeps & { sleeps: number[]; t: number } {
    const c = {
        t: 0,
        sleeps: [] as number[],
        now: () => c.t,
        random,
        sleep: async (ms: number) => {
            c.sleeps.push(ms);
            c.t += ms;
        },
    };
    return c;
}

const meta = (status: number) => ({ httpStatusCode: status, requestId: "R", attempts: 1, totalRetryDelayMs: 0 });
const classifier = { throttlingCodes: new Set(["Throttling"]), transientCodes: new Set(["ServiceUnavailable"]) };

describe("waiter", () => {
    it("backs off exponentially within [min, min*2^(n-1)] and pins to maxDelay", () => {
        const max = () => 0.999999;
        assert.deepEqual(
            [2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, 2000, 30000, max)),
            [2000, 4000, 8000, 16000, 30000, 30000, 30000],
        );
        assert.equal(
            backoffDelay(2, 2000, 30000, () => 0),
            2000,
        );
    });

    it("returns on SUCCESS and reports each distinct status once", async () => {
        const clock = fakeClock();
        const statuses = ["Creating", "Creating", "EnvPreparing", "Running"];
        const seen: string[] = [];
        const r = await waitUntil(
            async () => statuses.shift() as string,
            (o) => ({ state: o.value === "Running" ? "SUCCESS" : "RETRY" }),
            (s) => s,
            { description: "x", minDelayMs: 1000, maxDelayMs: 4000, maxWaitMs: 60000, onStatus: (s) => seen.push(s) },
            clock,
        );
        assert.equal(r.value, "Running");
        assert.equal(r.polls, 4);
        assert.deepEqual(seen, ["Creating", "EnvPreparing", "Running"]);
    });

    it("stops at a terminal FAILURE without waiting for the deadline", async () => {
        const clock = fakeClock();
        await assert.rejects(
            waitUntil(
                async () => "Failed",
                () => ({ state: "FAILURE", reason: "ImagePullBackOff" }),
                (s) => s,
                { description: "nb", minDelayMs: 1000, maxDelayMs: 2000, maxWaitMs: 60000 },
                clock,
            ),
            (e: unknown) => e instanceof WaiterFailureError && /ImagePullBackOff/.test(e.message),
        );
        assert.equal(clock.sleeps.length, 0);
    });

    it("times out with a final poll exactly at the deadline", async () => {
        const clock = fakeClock(() => 0.999999);
        let polls = 0;
        await assert.rejects(
            waitUntil(
                async () => (polls++, "Creating"),
                () => ({ state: "RETRY" }),
                (s) => s,
                { description: "nb", minDelayMs: 1000, maxDelayMs: 8000, maxWaitMs: 20000 },
                clock,
            ),
            (e: unknown) => e instanceof WaiterTimeoutError && e.lastStatus === "Creating",
        );
        assert.equal(clock.t, 20000, "the last sleep is truncated to the deadline");
        assert.deepEqual(clock.sleeps, [1000, 2000, 4000, 8000, 5000]);
        assert.equal(polls, 6);
    });

    it("rejects an invalid configuration before polling", async () => {
        await assert.rejects(
            waitUntil(
                async () => "x",
                () => ({ state: "RETRY" }),
                (s) => s,
                { description: "x", minDelayMs: 5000, maxDelayMs: 1000, maxWaitMs: 9000 },
            ),
            /maxDelay/,
        );
    });
});

describe("retry policy", () => {
    it("classifies throttling, transient, server and client errors", () => {
        assert.equal(classify(new CloudServiceError("DSW", "Op", "Throttling.User", "m", meta(400)), classifier), "THROTTLING");
        assert.equal(classify(new CloudServiceError("ModelArts", "Op", "APIGW.0308", "m", meta(429)), classifier), "THROTTLING");
        assert.equal(classify(new CloudServiceError("DSW", "Op", "ServiceUnavailable", "m", meta(503)), classifier), "TRANSIENT");
        assert.equal(classify(new TransportError("DSW", "Op", "ECONNRESET", meta(0), true), classifier), "TRANSIENT");
        assert.equal(classify(new CloudServiceError("DSW", "Op", "ValidationError", "m", meta(400)), classifier), "CLIENT_ERROR");
        assert.equal(classify(new CloudServiceError("DSW", "Op", "Weird", "m", meta(501)), classifier), "SERVER_ERROR");
    });

    it("uses full-jitter backoff, lets a longer server hint win, and never retries client errors", () => {
        const r = new StandardRetryStrategy({ random: () => 0.5, baseDelayMs: 100, throttlingBaseDelayMs: 500 });
        const t0 = r.acquireInitialRetryToken();
        const a = r.refreshRetryTokenForRetry(t0, "TRANSIENT");
        assert.equal(a?.delayMs, 50);
        const b = r.refreshRetryTokenForRetry(a!.token, "THROTTLING", 3000);
        assert.equal(b?.delayMs, 3000, "x-acs-retry-after wins when longer");
        assert.equal(r.refreshRetryTokenForRetry(t0, "CLIENT_ERROR"), undefined);
    });

    it("gives up after maxAttempts and when the shared quota is spent", () => {
        const r = new StandardRetryStrategy({ maxAttempts: 3, quotaCapacity: 15, transientCost: 10, random: () => 0 });
        let t = r.acquireInitialRetryToken();
        t = r.refreshRetryTokenForRetry(t, "TRANSIENT")!.token;
        assert.equal(r.refreshRetryTokenForRetry(t, "TRANSIENT"), undefined, "quota 5 < cost 10");
        const r2 = new StandardRetryStrategy({ maxAttempts: 2, random: () => 0 });
        const t2 = r2.refreshRetryTokenForRetry(r2.acquireInitialRetryToken(), "THROTTLING")!.token;
        assert.equal(r2.refreshRetryTokenForRetry(t2, "THROTTLING"), undefined);
    });

    it("parses Retry-After in seconds and as an HTTP date", () => {
        assert.equal(parseRetryAfter("2"), 2000);
        assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
        assert.equal(parseRetryAfter("soon"), undefined);
    });
});
