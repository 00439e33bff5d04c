import { strict as assert } from "node:assert";
import { SendRate } from "../../provider/common/sendRate";

/** A SendRate on a fake clock: `sleep` moves the clock, so each take's wait is its slot. */
function paced(floorPerSecond = 5, quietMs = 10_000) {
    let now = 0;
    const r = new SendRate({
        floorPerSecond,
        quietMs,
        now: () => now,
        sleep: async (ms) => {
            now += ms;
        },
    });
    return {
        r,
        at: () => now,
        advance: (ms: number) => {
            now += ms;
        },
    };
}

/** A SendRate on a clock the test moves: sleepers wake when `tick` passes their time. */
function manual(floorPerSecond = 5, quietMs = 10_000) {
    let now = 0;
    const sleepers: Array<{ at: number; wake: () => void }> = [];
    const r = new SendRate({
        floorPerSecond,
        quietMs,
        now: () => now,
        sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    });
    const tick = async (ms: number) => {
        for (let i = 0; i < ms; i++) {
            now++;
            for (const s of sleepers.filter((x) => x.at <= now)) {
                sleepers.splice(sleepers.indexOf(s), 1);
                s.wake();
            }
            for (let j = 0; j < 5; j++) await Promise.resolve();
        }
    };
    return { r, tick, at: () => now };
}

describe("SendRate: an operation the quota refused is paced, not retried in waves (issue 27)", () => {
    it("costs nothing until the first refusal", async () => {
        const p = paced();
        for (let i = 0; i < 100; i++) {
            await p.r.take();
            p.r.record(false);
        }
        assert.equal(p.at(), 0, "no call waited");
        assert.equal(p.r.pacedRate, undefined);
    });

    it("a refused burst is one cut to 90 % of what got through in the last second, then calls go in even slots", async () => {
        const p = paced();
        for (let i = 0; i < 50; i++) p.r.record(false); // the bucket's 50 got through
        for (let i = 0; i < 50; i++) p.r.record(true); // the rest of the burst was refused
        assert.equal(p.r.pacedRate, 45, "one cut for the whole burst, not fifty");
        const sent: number[] = [];
        for (let i = 0; i < 10; i++) {
            await p.r.take();
            sent.push(p.at());
        }
        const gaps = sent.slice(1).map((t, i) => t - sent[i]);
        for (const g of gaps) assert.ok(Math.abs(g - 1000 / 45) < 0.5, `slots ${1000 / 45} ms apart, got ${g}`);
    });

    it("a cut that saw only part of the burst climbs to what the last second let through", () => {
        const p = paced();
        for (let i = 0; i < 10; i++) p.r.record(false);
        p.r.record(true); // refused answers can arrive before the rest of the burst's successes
        assert.equal(p.r.pacedRate, 9);
        for (let i = 0; i < 40; i++) p.r.record(false);
        assert.equal(p.r.pacedRate, 45);
    });

    it("answers raise the rate about one call a second per second; refusals cut at most once a second, never below the floor", () => {
        const p = paced(5);
        p.r.record(true);
        assert.equal(p.r.pacedRate, 5, "nothing got through: the floor");
        p.advance(2000);
        for (let i = 0; i < 5; i++) {
            p.advance(200);
            p.r.record(false);
        }
        const raised = p.r.pacedRate ?? 0;
        assert.ok(raised > 5.9 && raised < 6.1, `five answers at 5/s add about 1/s: ${raised}`);
        p.r.record(true);
        const cut = p.r.pacedRate;
        p.advance(100);
        p.r.record(true);
        assert.equal(p.r.pacedRate, cut, "a second refusal within a second does not cut again");
    });

    it("ends the pacing after quietMs without a refusal", async () => {
        const p = paced(5, 1000);
        p.r.record(true);
        p.advance(1001);
        const before = p.at();
        await p.r.take();
        await p.r.take();
        assert.equal(p.at(), before, "unpaced again: no wait");
        assert.equal(p.r.pacedRate, undefined);
    });

    it("calls already waiting go sooner when the rate is raised, in the order they asked", async () => {
        const m = manual(5);
        m.r.record(true); // refused before anything got through: the floor, 5 a second
        const released: Array<[number, number]> = [];
        for (let i = 0; i < 10; i++) void m.r.take().then(() => released.push([i, m.at()]));
        await m.tick(20);
        for (let i = 0; i < 50; i++) m.r.record(false); // the burst's successes arrive late: 45 a second
        await m.tick(600);
        assert.equal(released.length, 10);
        assert.deepEqual(
            released.map(([i]) => i),
            [...Array(10).keys()],
        );
        const last = released[9][1];
        assert.ok(last < 400, `the tenth call went at ${last} ms: at 45/s about 220 ms, at the floor's 5/s it would be 2,000 ms`);
    });

    it("the end of pacing releases every waiting call at once", async () => {
        const m = manual(5, 1000);
        m.r.record(true);
        const released: number[] = [];
        for (let i = 0; i < 20; i++) void m.r.take().then(() => released.push(m.at()));
        await m.tick(1400);
        assert.equal(released.length, 20, "at 5/s, 20 calls would take 4 s");
        assert.ok(Math.max(...released) <= 1300, `last released at ${Math.max(...released)} ms, pacing ended at 1,000 ms`);
    });
});
