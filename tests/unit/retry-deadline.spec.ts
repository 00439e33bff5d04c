import { strict as assert } from "node:assert";
import { StandardRetryStrategy } from "../../provider/common/retry";
import { currentDeadline, withDeadline } from "../../provider/common/deadline";

describe("retries bounded by the operation's deadline", () => {
    const strategy = (o = {}) => new StandardRetryStrategy({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000, random: () => 1, ...o });

    it("without a deadline, stops at maxAttempts", () => {
        const s = strategy();
        let t = s.acquireInitialRetryToken();
        for (let i = 1; i < 3; i++) t = (s.refreshRetryTokenForRetry(t, "TRANSIENT") as { token: typeof t }).token;
        assert.equal(s.refreshRetryTokenForRetry(t, "TRANSIENT"), undefined);
    });

    it("with a deadline, goes on past maxAttempts until the next delay would cross it", () => {
        const s = strategy();
        const start = 1_000_000;
        const deadline = start + 5000;
        let now = start;
        let t = s.acquireInitialRetryToken();
        let tries = 1;
        for (;;) {
            const next = s.refreshRetryTokenForRetry(t, "TRANSIENT", undefined, deadline, now);
            if (!next) break;
            now += next.delayMs; // the sleep before the next try
            t = next.token;
            tries++;
            assert.ok(tries < 1000, "ends");
        }
        assert.ok(tries > 3, `${tries} tries`);
        assert.ok(now < deadline, "never sleeps past the deadline");
        assert.equal(s.refreshRetryTokenForRetry(t, "TRANSIENT", undefined, now + 500, now), undefined, "a delay past the deadline ends it");
    });

    it("an empty quota slows a deadline-bound retry to the longest delay instead of failing it", () => {
        const s = strategy({ quotaCapacity: 10, transientCost: 10 });
        const first = s.refreshRetryTokenForRetry(s.acquireInitialRetryToken(), "TRANSIENT");
        assert.ok(first);
        assert.equal(s.refreshRetryTokenForRetry(first.token, "TRANSIENT"), undefined, "no deadline: the empty quota stops it");
        const slowed = s.refreshRetryTokenForRetry(first.token, "TRANSIENT", undefined, Date.now() + 60_000);
        assert.equal(slowed?.delayMs, 1000);
    });

    it("never retries client errors, deadline or not", () => {
        assert.equal(strategy().refreshRetryTokenForRetry(strategy().acquireInitialRetryToken(), "CLIENT_ERROR", undefined, Date.now() + 60_000), undefined);
    });

    it("the deadline follows the operation through async calls", async () => {
        assert.equal(currentDeadline(), undefined);
        const seen = await withDeadline(42, async () => {
            await new Promise((r) => setTimeout(r, 1));
            return currentDeadline();
        });
        assert.equal(seen, 42);
    });
});
