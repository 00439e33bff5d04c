import { strict as assert } from "node:assert";
import { DswClient } from "../../provider/dsw/client";
import { SendRates } from "../../provider/common/sendRate";
import { DSW_DEV, startTestEmulator } from "../support/emulator";

/** `calls` ListInstances at once through the real transport and retry policy, against a 20/s quota. */
async function burst(calls: number, sendRates: SendRates): Promise<{ refused: number; answered: number; seconds: number }> {
    const t = await startTestEmulator({ rateLimit: { requestsPerSecond: 20, burst: 10 } });
    try {
        const client = new DswClient({
            endpoint: t.url,
            credentials: { accessKeyId: DSW_DEV.accessKeyId, accessKeySecret: DSW_DEV.accessKeySecret },
            transport: { sendRates },
        });
        const t0 = Date.now();
        const answers = await Promise.allSettled(Array.from({ length: calls }, () => client.listInstances({ PageSize: 10 })));
        const seconds = (Date.now() - t0) / 1000;
        return { refused: (await t.admin.counters()).faults.ratelimit ?? 0, answered: answers.filter((a) => a.status === "fulfilled").length, seconds };
    } finally {
        await t.close();
    }
}

describe("transport: a refused burst is paced, not retried in waves (issue 27)", function () {
    this.timeout(60_000);

    it("80 calls at once against a 20/s quota: all answered; paced, the retries are hardly refused again, with backoff alone they are", async () => {
        const clock = { now: Date.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
        // quietMs 0 ends the pacing at once: the transport's backoff alone, for comparison.
        const backoffOnly = await burst(80, new SendRates({ floorPerSecond: 5, quietMs: 0, ...clock }));
        const paced = await burst(80, new SendRates({ floorPerSecond: 5, quietMs: 10_000, ...clock }));
        assert.equal(backoffOnly.answered, 80);
        assert.equal(paced.answered, 80);
        // The first wave is refused either way (80 calls, a burst of 10): what differs is the retries.
        const firstWave = 80 - 10;
        const seen = `refused: ${paced.refused} paced (${paced.seconds} s), ${backoffOnly.refused} with backoff alone (${backoffOnly.seconds} s)`;
        assert.ok(backoffOnly.refused - firstWave >= 40, `backoff alone has its retries refused again: ${seen}`);
        assert.ok(paced.refused - firstWave <= 20, `paced retries are hardly refused again: ${seen}`);
    });
});
