import { strict as assert } from "node:assert";
import { PhaseEta, PhaseRoute } from "../../provider/common/eta";
import { WINDOW_POLLS, WaiterDeps, waitUntil } from "../../provider/common/waiter";

const ROUTE: PhaseRoute = { phases: [["Creating"], ["Queuing", "ResourceAllocating"], ["EnvPreparing"]] };
const STATUSES = ["Creating", "ResourceAllocating", "EnvPreparing", "Running"];

/** Deterministic pseudo-random numbers, so every run of the suite sees the same jitter. */
function seeded(seed: number): () => number {
    let x = seed;
    return () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x / 2147483648;
    };
}

interface Scenario {
    seed: number;
    /** Fractions of the provisioning spent in each phase before Running. */
    fractions?: number[];
    provisionMs?: number;
    /** Server clock minus client clock. */
    skewMs?: number;
    /** How long after the create the wait begins (a create recovered after a crash starts late). */
    waitStartsAfterMs?: number;
    predict?: boolean;
    route?: PhaseRoute;
}

/**
 * A DSW-like instance on a fake clock: status and GmtModifiedTime (whole seconds, truncated) from
 * the phase plan; returns polls made and the lag between Running and the poll that saw it.
 */
async function simulate(s: Scenario): Promise<{ polls: number; lagMs: number }> {
    const provision = s.provisionMs ?? 60_000;
    const fractions = s.fractions ?? [1 / 3, 1 / 3, 1 / 3];
    const random = seeded(s.seed);
    const skew = s.skewMs ?? 0;
    const created = 1_700_000_000_000 + Math.floor(random() * 1000); // client time of the create
    const bounds = fractions.reduce<number[]>((acc, f) => [...acc, acc[acc.length - 1] + Math.round(f * provision)], [0]);
    let t = created + (s.waitStartsAfterMs ?? 25);
    const deps: WaiterDeps = { now: () => t, random, sleep: async (ms) => void (t += ms) };
    const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;
    const observe = () => {
        const e = t - created;
        const k = bounds.filter((b) => e >= b).length - 1;
        return { status: STATUSES[Math.min(k, 3)], since: wholeSeconds(created + skew + bounds[Math.min(k, 3)]), origin: wholeSeconds(created + skew) };
    };
    const eta = new PhaseEta(s.route ?? ROUTE, t, 1000);
    const r = await waitUntil(
        async () => observe(),
        (o) => ({ state: o.value?.status === "Running" ? "SUCCESS" : "RETRY" }),
        (v) => v.status,
        { description: "dsw-1 to be Running", minDelayMs: 2000, maxDelayMs: 15000, maxWaitMs: 600_000 },
        deps,
        s.predict === false ? {} : { predict: (v) => eta.observe(v, t) },
    );
    return { polls: r.polls, lagMs: t - (created + provision) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe("predicted waits (phase ETA)", () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);

    it("sees a 10–60 s provisioning within 1 s of Running on at most 12 polls, whatever the clock skew", async () => {
        for (const [skewMs, provisionMs] of [
            [0, 60_000],
            [7 * 60_000, 60_000],
            [-93_500, 60_000],
            [0, 61_700],
            [2_345, 58_900],
            [0, 10_300],
        ]) {
            const runs = await Promise.all(seeds.map((seed) => simulate({ seed, skewMs, provisionMs })));
            assert.ok(Math.max(...runs.map((r) => r.polls)) <= 12, `skew ${skewMs}: polls ${runs.map((r) => r.polls)}`);
            assert.ok(Math.max(...runs.map((r) => r.lagMs)) <= 1000, `skew ${skewMs}: lags ${runs.map((r) => r.lagMs)}`);
        }
    });

    it("beats the plain backoff's lag on the same schedule (the prediction is what does it)", async () => {
        const plain = await Promise.all(seeds.map((seed) => simulate({ seed, predict: false })));
        assert.ok(median(plain.map((r) => r.lagMs)) > 3000, `plain backoff median lag ${median(plain.map((r) => r.lagMs))}`);
    });

    // Its origin maps to the wait's start too late; later answers bound the offset again, as tight as
    // the gap between a phase change and the poll that saw it.
    it("keeps a create recovered long after it began close to its end (no maxDelay-sized lag)", async () => {
        for (const waitStartsAfterMs of [12_000, 27_000, 31_000, 44_000]) {
            const runs = await Promise.all(seeds.map((seed) => simulate({ seed, waitStartsAfterMs })));
            assert.ok(Math.max(...runs.map((r) => r.lagMs)) <= 5000, `after ${waitStartsAfterMs}: lags ${runs.map((r) => r.lagMs)}`);
        }
    });

    it("costs a bounded number of extra polls, never a later sighting, when phases are unequal", async () => {
        // One wrong prediction is paid for, never two: a refinement poll that finds the phase
        // unchanged (a short first phase) ends all predicting, so no window follows it; a
        // refinement that comes true can still be followed by one window spent in vain.
        const cases: Array<[number[], number]> = [
            [[0.05, 0.15, 0.8], 1],
            [[0.6, 0.3, 0.1], WINDOW_POLLS],
            [[0.1, 0.6, 0.3], WINDOW_POLLS],
            [[0.25, 0.25, 0.5], WINDOW_POLLS],
        ];
        for (const [fractions, extraPolls] of cases) {
            for (const seed of seeds.slice(0, 10)) {
                const plain = await simulate({ seed, fractions, predict: false });
                const predicted = await simulate({ seed, fractions });
                assert.ok(predicted.polls <= plain.polls + extraPolls, `${fractions}: ${predicted.polls} vs ${plain.polls} polls`);
                assert.ok(predicted.lagMs <= 15_000, `${fractions}: lag ${predicted.lagMs}`);
            }
        }
    });

    it("makes no prediction off the route or before a phase has ended, so the wait is the plain backoff", async () => {
        const eta = new PhaseEta(ROUTE, 0, 1000);
        assert.equal(eta.observe({ status: "Creating", since: 0, origin: 0 }, 10), undefined);
        assert.equal(eta.observe({ status: "Updating", since: 5000 }, 5010), undefined);
        // One phase of 20 s done: the end is 40 s after this one began, ±3 s (3 phases / 1 done × 1 s
        // stamps), and a poll halfway into the next phase would refine it.
        const p = eta.observe({ status: "ResourceAllocating", since: 20_000 }, 21_000);
        assert.deepEqual(p, { earliest: 57_000, latest: 63_000, refineAt: 50_000 });
        const refined = eta.observe({ status: "EnvPreparing", since: 40_000 }, 50_000);
        assert.deepEqual(refined, { earliest: 58_500, latest: 61_500 });
        for (const seed of seeds.slice(0, 5)) {
            const offRoute = await simulate({ seed, route: { phases: [["Starting"], ["Restoring"]] } });
            const plain = await simulate({ seed, predict: false });
            assert.deepEqual(offRoute, plain);
        }
    });
});
