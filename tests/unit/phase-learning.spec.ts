import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PhaseEta, PhaseSample } from "../../provider/common/eta";
import { PhaseHistory, SAMPLES_PER_KEY, historyFileFrom, historyKey } from "../../provider/common/phaseHistory";
import { pollSettings } from "../../provider/common/resource";
import { WaiterDeps, learnedStep, waitUntil } from "../../provider/common/waiter";
import { DSW_MODEL, MODELARTS_MODEL, median, pollsPer60s, simulateSeries } from "../support/phaseSim";

const ROUTE = DSW_MODEL.route;
/** Earlier DSW-like creates: Creating ~6 s, allocating ~18 s, EnvPreparing ~36 s (±a few). */
const HISTORY: PhaseSample[] = [
    { starts: [0, 6000, 24000], end: 60000 },
    { starts: [0, 5000, 22000], end: 55000 },
    { starts: [0, 7000, 26000], end: 64000 },
];
const UNEVEN = { shares: [1, 3, 6], phaseJitter: 0.3, provisionJitter: 0.2 };

describe("waits learn phase lengths from earlier creates of the same kind", () => {
    describe("the prediction (eta.ts)", () => {
        it("spans the earlier creates' ends from the first poll, where the equal-phases one predicts nothing", () => {
            const origin = 1_700_000_000_000;
            const eta = new PhaseEta(ROUTE, origin + 100, 1000, HISTORY);
            const p = eta.observe({ status: "Creating", since: origin, origin }, origin + 200);
            assert.ok(p?.learned, "a learned prediction");
            // Ends at 55–64 s after the origin, widened by (range / samples) + resolution = 4 s.
            assert.ok(p.earliest <= origin + 55_000 && p.earliest >= origin + 49_000, `earliest ${p.earliest - origin}`);
            assert.ok(p.latest >= origin + 64_000 && p.latest <= origin + 70_000, `latest ${p.latest - origin}`);
            assert.ok(p.refineAt !== undefined && p.refineAt > origin + 7000 && p.refineAt < p.earliest, "asks to see the next phase first");
            const cold = new PhaseEta(ROUTE, origin + 100, 1000, []);
            assert.equal(cold.observe({ status: "Creating", since: origin, origin }, origin + 200), undefined);
        });

        it("narrows once the last phase is seen, and falls back to the equal-phases prediction with one sample", () => {
            const origin = 1_700_000_000_000;
            const eta = new PhaseEta(ROUTE, origin + 100, 1000, HISTORY);
            eta.observe({ status: "Creating", since: origin, origin }, origin + 200);
            const wide = eta.observe({ status: "Creating", since: origin, origin }, origin + 300) as { earliest: number; latest: number };
            const p = eta.observe({ status: "EnvPreparing", since: origin + 30_000, origin }, origin + 31_000);
            assert.ok(p?.learned && p.phase === 2);
            assert.ok(p.latest - p.earliest < wide.latest - wide.earliest, "a narrower window from the last phase");
            // These earlier creates kept their proportions (EnvPreparing began at 40 % of each): the scaled estimate, ~75 s.
            assert.ok(p.earliest > origin + 70_000 && p.latest < origin + 80_000, `[${p.earliest - origin}, ${p.latest - origin}]`);
            const one = new PhaseEta(ROUTE, origin + 100, 1000, HISTORY.slice(0, 1));
            one.observe({ status: "Creating", since: origin, origin }, origin + 200);
            const equal = one.observe({ status: "ResourceAllocating", since: origin + 6000, origin }, origin + 7000);
            assert.ok(equal && !equal.learned, "the equal-phases prediction");
        });

        it("records what a finished create took, phase by phase, in server time from its origin", () => {
            const origin = 1_700_000_000_000;
            const eta = new PhaseEta(ROUTE, origin + 100, 1000);
            eta.observe({ status: "Creating", since: origin, origin }, origin + 200);
            eta.observe({ status: "EnvPreparing", since: origin + 20_000, origin }, origin + 21_000);
            assert.deepEqual(eta.sample({ status: "Running", since: origin + 58_000 }), { starts: [0, null, 20_000], end: 58_000 });
        });
    });

    describe("the schedule (waiter.ts, fake clock)", () => {
        it("spreads the budget left over the window, at least two polls, never closer than 250 ms", () => {
            const start = 0;
            const w = { earliest: 50_000, latest: 70_000, learned: true };
            // 12 per 60 s to the centre (60 s): 12 allowed, 3 made, 9 left: 20 s / 8.
            assert.equal(learnedStep(w, start, 3, 12), 2500);
            assert.equal(learnedStep(w, start, 3, 24), Math.ceil(20_000 / 20));
            assert.equal(learnedStep(w, start, 20, 12), 20_000, "an exhausted budget still polls the window's two ends");
            assert.equal(learnedStep({ earliest: 1000, latest: 1100, learned: true }, start, 0, 12), 250);
        });

        it("after a learned window closes without the end, polls on at its spacing for as long again, then backs off from minDelay", async () => {
            let t = 0;
            const at: number[] = [];
            const deps: WaiterDeps = { now: () => t, random: () => 0, sleep: async (ms) => void (t += ms) };
            const endsAt = 120_000; // far later than predicted
            await waitUntil(
                async () => (at.push(t), { done: t >= endsAt }),
                (o) => ({ state: o.value?.done ? "SUCCESS" : "RETRY" }),
                (v) => (v.done ? "Running" : "EnvPreparing"),
                { description: "x", minDelayMs: 2000, maxDelayMs: 15000, maxWaitMs: 600_000, pollBudget: 12 },
                deps,
                { predict: () => ({ earliest: 50_000, latest: 60_000, learned: true, phase: 2 }) },
            );
            const inWindow = at.filter((x) => x >= 50_000 && x <= 60_001);
            assert.ok(inWindow.length >= 2, `polls in the window: ${at.join(", ")}`);
            const overtime = at.filter((x) => x > 60_001 && x <= 70_002);
            assert.ok(overtime.length >= 2, `polls after the window at its spacing: ${at.join(", ")}`);
            const after = at.filter((x) => x > 70_002);
            assert.ok(after[0] - overtime[overtime.length - 1] <= 2000, "the backoff starts again from minDelay");
            assert.ok(at[at.length - 1] - endsAt < 15_000, "and the end is seen within maxDelay");
        });

        it("a create far faster than its whole history is seen by a guard poll halfway to the window, not at the window", async () => {
            // History: 40 s creates, window 32-48 s; this one is done at 8 s (a tester's case: noticed at 32 s).
            let t = 0;
            const deps: WaiterDeps = { now: () => t, random: () => 0.5, sleep: async (ms) => void (t += ms) };
            const r = await waitUntil(
                async () => ({ done: t >= 8_000 }),
                (o) => ({ state: o.value?.done ? "SUCCESS" : "RETRY" }),
                (v) => (v.done ? "RUNNING" : "STARTING"),
                { description: "x", minDelayMs: 2000, maxDelayMs: 15000, maxWaitMs: 300_000, pollBudget: 12 },
                deps,
                { predict: () => ({ earliest: 32_000, latest: 48_000, learned: true, phase: 1 }) },
            );
            assert.equal(r.elapsedMs, 16_000, "seen halfway to the window");
            assert.equal(r.polls, 2, "the first poll and the guard poll");
        });

        it("meets the deadline and fails nothing when history predicts far too early (a learned prediction only moves polls)", async () => {
            let t = 0;
            const deps: WaiterDeps = { now: () => t, random: () => 0.5, sleep: async (ms) => void (t += ms) };
            await assert.rejects(
                waitUntil(
                    async () => ({ done: false }),
                    () => ({ state: "RETRY" }),
                    () => "EnvPreparing",
                    { description: "x", minDelayMs: 2000, maxDelayMs: 15000, maxWaitMs: 300_000, pollBudget: 12 },
                    deps,
                    { predict: () => ({ earliest: 10_000, latest: 12_000, learned: true, phase: 2 }) },
                ),
                /timed out after 300s/,
            );
            assert.equal(t, 300_000, "the last poll at the deadline");
        });
    });

    describe("a series of uneven, jittered creates (the emulator's phase model, the provider's waiter)", () => {
        for (const [model, shares] of [
            [DSW_MODEL, [1, 3, 6]],
            [MODELARTS_MODEL, [1, 4]],
        ] as const) {
            it(`${model.name}: history cuts the lag to a third or less within a 12-poll budget`, async () => {
                const opts = { model, creates: 80, seed: 5, ...UNEVEN, shares: [...shares] };
                const cold = (await simulateSeries({ ...opts, learn: false })).slice(12);
                const learned = (await simulateSeries({ ...opts, budget: 12 })).slice(12);
                const lag = (xs: typeof cold) => median(xs.map((x) => x.lagMs));
                assert.ok(lag(cold) > 4000, `without history the backoff lags: ${lag(cold)} ms`);
                assert.ok(lag(learned) * 3 < lag(cold), `learned ${lag(learned)} ms vs ${lag(cold)} ms`);
                assert.ok(lag(learned) < 2500, `median lag ${lag(learned)} ms`);
                assert.ok(median(learned.map(pollsPer60s)) <= 12, "median polls per 60 s within the budget");
                // A create slower than every earlier one spends its overtime polls on top (bench: max 13–15).
                assert.ok(learned.filter((x) => pollsPer60s(x) > 12).length <= learned.length / 20, "at most one create in 20 over it");
                assert.ok(Math.max(...learned.map(pollsPer60s)) <= 15, "and none far over it");
            });
        }

        it("a larger budget buys a shorter lag (the trade-off the bench prints)", async () => {
            const run = (budget: number) => simulateSeries({ model: DSW_MODEL, creates: 80, seed: 9, ...UNEVEN, budget });
            const lag = async (b: number) => median((await run(b)).slice(12).map((x) => x.lagMs));
            const polls = async (b: number) => median((await run(b)).slice(12).map(pollsPer60s));
            assert.ok((await lag(24)) < (await lag(9)), "24 polls lag less than 9");
            assert.ok((await polls(24)) > (await polls(9)), "and cost more");
        });
    });

    describe("where the history is kept (phaseHistory.ts)", () => {
        let dir: string;
        beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "pn-history-"))));
        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("keeps each kind's latest samples in a file the next run reads, apart per stack and flavor", () => {
            const file = historyFileFrom(undefined, dir) as string;
            assert.equal(file, path.join(dir, ".pulumi-notebooks", "phase-history.json"));
            const a = historyKey("dsw.Instance", "proj/dev", "40823", "ecs.c6.large", "img");
            const b = historyKey("dsw.Instance", "proj/prod", "40823", "ecs.c6.large", "img");
            const h = new PhaseHistory(file);
            for (let i = 0; i < SAMPLES_PER_KEY + 3; i++) h.record(a, { starts: [0, i, 2 * i], end: 1000 + i });
            h.record(b, { starts: [0, 1, 2], end: 7 });
            const next = new PhaseHistory(file);
            assert.equal(next.samples(a).length, SAMPLES_PER_KEY);
            assert.equal(next.samples(a)[SAMPLES_PER_KEY - 1].end, 1000 + SAMPLES_PER_KEY + 2, "the newest kept");
            assert.deepEqual(next.samples(b), [{ starts: [0, 1, 2], end: 7 }]);
            assert.deepEqual(fs.readdirSync(path.dirname(file)), ["phase-history.json"], "no temporary file left");
        });

        it("is off with `off`, and a corrupt or unwritable file only means nothing was learned", () => {
            assert.equal(historyFileFrom("off", dir), undefined);
            const file = path.join(dir, "h.json");
            fs.writeFileSync(file, "{ not json");
            const h = new PhaseHistory(file);
            assert.deepEqual(h.samples("k"), []);
            h.record("k", { starts: [0], end: 5 });
            assert.deepEqual(new PhaseHistory(file).samples("k"), [{ starts: [0], end: 5 }]);
            const blocked = new PhaseHistory(path.join(file, "below-a-file.json"));
            assert.doesNotThrow(() => blocked.record("k", { starts: [0], end: 5 }));
        });
    });

    describe("the setting", () => {
        it("reads notebooks:pollBudget, else NOTEBOOKS_POLL_BUDGET, default 12, and refuses fewer than 2 naming the key", () => {
            assert.equal(pollSettings(() => undefined, {}).budget, 12);
            assert.equal(pollSettings((k) => (k === "pollBudget" ? "20" : undefined), { NOTEBOOKS_POLL_BUDGET: "6" }).budget, 20);
            assert.equal(pollSettings(() => undefined, { NOTEBOOKS_POLL_BUDGET: "6" }).budget, 6);
            assert.throws(() => pollSettings((k) => (k === "pollBudget" ? "1" : undefined), {}), /notebooks:pollBudget must be .* at least 2; got "1"/);
            assert.throws(() => pollSettings((k) => (k === "pollBudget" ? "many" : undefined), {}), /notebooks:pollBudget/);
            assert.equal(pollSettings((k) => (k === "phaseHistory" ? "off" : undefined), {}).historyFile, undefined);
        });
    });
});
