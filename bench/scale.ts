/**
 * `npm run bench`: scale figures through the real pulumi CLI against the emulator, each printed
 * as measured in this run.
 *   1. API calls made by `pulumi refresh` of N DSW instances (goal <= 5 for 200; batched reads)
 *   2. API calls made by `pulumi preview` without refresh (goal 0)
 *   3. `__provider` bytes per resource in state (goal <= 2,048)
 *   4. polls per create and lag between the emulator reaching Running and the provider seeing it,
 *      for a 60 s provisioning (goals <= 12 polls, median lag <= 1 s), with the emulator's equal
 *      phase lengths and again with uneven ones
 *   5. wall time of `up` of 100 notebooks / `up` of 1, with 10 s provisioning and a request-rate
 *      limit at the emulator (goal <= 2, zero throttling failures)
 *   6. the fleet drift check of 50 stacks x 20 notebooks on a PostgreSQL backend, rate limit on:
 *      wall time with --parallel 1, 4, 8 against one stack, API calls and listing pages per stack
 *      (goal <= 2 pages), the checker's peak memory, zero stacks not checked (./fleetDrift.ts)
 * Sizes can be reduced for a quick look: BENCH_REFRESH_N, BENCH_FLEET_N, BENCH_PROVISION_S, BENCH_LAG_STACKS; one part
 * alone with BENCH_ONLY=refresh|lag|lag-uneven|fleet|scale|drift (scale: ./fleetRefresh.ts, 1,000 of each kind; only when asked for: npm run bench:scale;
 * drift: ./fleetDrift.ts, the fleet drift check of 50 stacks x 20 notebooks on PostgreSQL, alone: npm run bench:drift).
 */
import { FAST, startTestEmulator } from "../tests/support/emulator";
import { PulumiProject, emulatorConfig } from "../tests/support/pulumi";
import type { RequestLogEntry } from "../emulator/requestLog";
import { fleetDrift } from "./fleetDrift";
import { fleetRefresh } from "./fleetRefresh";

const REFRESH_N = Number(process.env.BENCH_REFRESH_N ?? 200);
const FLEET_N = Number(process.env.BENCH_FLEET_N ?? 100);
const PROVISION_S = Number(process.env.BENCH_PROVISION_S ?? 60);

const DEFAULT_POLLING = { NOTEBOOKS_POLL_MIN_MS: "", NOTEBOOKS_POLL_MAX_MS: "" };

const fleet = (n: number, timer = false) => `
const { dsw } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("nb" + i, { workspaceId: "40823", instanceName: "bench_" + i, ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10"${timer ? ', shutdownTimer: { remainingTime: "8h" }' : ""} });
}
`;

function line(label: string, value: string, goal: string): void {
    process.stdout.write(`${label.padEnd(58)} ${value.padStart(14)}   goal ${goal}\n`);
}

async function refreshAndPreview(): Promise<void> {
    const t = await startTestEmulator({ durations: FAST });
    try {
        const proj = await PulumiProject.create("bench-refresh", fleet(REFRESH_N), {
            ...emulatorConfig(t.url),
            env: { NOTEBOOKS_POLL_MIN_MS: "20", NOTEBOOKS_POLL_MAX_MS: "200" },
        });
        await proj.up(["--parallel", "32"]);
        await t.admin.resetCounters();
        await proj.must(["refresh", "--yes", "--skip-preview"]);
        const refresh = await t.admin.counters();
        line(`API calls by pulumi refresh of ${REFRESH_N} DSW instances`, String(refresh.total), "<= 5");
        process.stdout.write(
            `    (${Object.entries(refresh.byOperation)
                .map(([k, v]) => `${k} x${v}`)
                .join(", ")})\n`,
        );
        await t.admin.resetCounters();
        await proj.must(["preview"]);
        line("API calls by pulumi preview (no refresh)", String((await t.admin.counters()).total), "0");
        const sizes = (await proj.resources("dsw:Instance")).map((r) => String(r.outputs?.__provider ?? "").length);
        line("__provider bytes per resource in state", `${Math.max(...sizes)}`, "<= 2048");
        await proj.must(["destroy", "--yes", "--skip-preview", "--parallel", "32"]);
    } finally {
        await t.close();
    }
}

const mixedFleet = (n: number, stack: number) => `
const { dsw, modelarts } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("nb" + i, { workspaceId: "40823", instanceName: "bench_${stack}_" + i, ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" });
    new modelarts.Notebook("ma" + i, { name: "bench-ma-${stack}-" + i, profileId: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u",
        spec: { storage: { type: "evs", location: { volumeSize: 5 } } } });
}
`;

/**
 * Stacks deployed at once for the lag figures. One stack's DSW polls share listings, so its
 * instances see Running on the same poll: a single sample. Separate stacks poll independently.
 */
const LAG_STACKS = Number(process.env.BENCH_LAG_STACKS ?? 3);

interface LagFigures {
    polls: number[];
    seenLagMs: number[];
    doneLagMs: number[];
}

/** From the emulator's request log: polls until Running was seen, and the lags to that poll and to the create's last call. */
function lagFigures(log: RequestLogEntry[], getOp: string, instances: Array<{ id: string; runningAt: number }>): LagFigures {
    const f: LagFigures = { polls: [], seenLagMs: [], doneLagMs: [] };
    for (const { id, runningAt } of instances) {
        const mine = log.filter((e) => e.path.endsWith(`/${id}`) || e.path.includes(`/${id}/`) || e.listed?.includes(id));
        // A status-poll listing (owner-label filtered, see provider/dsw/readCache.ts) that returned
        // the instance counts as one of its polls; other creates' name checks that list it do not.
        const pollListing = (e: RequestLogEntry) => e.listed?.includes(id) === true && e.queryNames?.includes("Labels") === true;
        const gets = mine.filter((e) => (e.op === getOp && e.path.endsWith(`/${id}`)) || pollListing(e));
        const firstSeen = gets.find((g) => g.at >= runningAt);
        if (firstSeen === undefined) {
            throw new Error(`${id}: no poll after Running at ${new Date(runningAt).toISOString()}`);
        }
        f.polls.push(gets.filter((g) => g.at <= firstSeen.at).length);
        f.seenLagMs.push(firstSeen.at - runningAt);
        f.doneLagMs.push(Math.max(...mine.map((e) => e.at + e.durationMs)) - runningAt);
        if (process.env.BENCH_TRACE) {
            process.stdout.write(`    ${id}: ${mine.map((e) => `${e.op.split(":")[1]}@${((e.at - runningAt) / 1000).toFixed(2)}`).join(" ")}\n`);
        }
    }
    return f;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Uneven phases: neither cloud documents how long each phase lasts, and the provider predicts the
 * end by assuming the remaining phases last as long as the finished ones, which the emulator's
 * default equal shares satisfy by construction. This run breaks that assumption (a long image
 * pull: DSW 10% / 30% / 60%, ModelArts 20% / 80%, each create varied by ±30%) to show what a
 * wrong prediction costs. The variation keeps every create from meeting the poll schedule the
 * same way, which would make the lag a coincidence of one alignment.
 */
const UNEVEN = { dswCreateShares: [1, 3, 6], modelartsCreateShares: [1, 4], phaseJitter: 0.3 };

async function pollsAndLag(shares: "even" | "uneven"): Promise<void> {
    const t = await startTestEmulator({
        durations: { provision: PROVISION_S * 1000, stop: 2000, update: 2000, delete: 1000, ...(shares === "uneven" ? UNEVEN : {}) },
    });
    try {
        // The provider's default polling (2 s doubling to 15 s), not the test suite's fast one.
        const projects = await Promise.all(
            Array.from({ length: LAG_STACKS }, (_, k) =>
                PulumiProject.create(`bench-polls-${k}`, mixedFleet(3, k), { ...emulatorConfig(t.url), env: DEFAULT_POLLING }),
            ),
        );
        await Promise.all(projects.map((proj) => proj.up(["--parallel", "6"])));
        const log = await t.admin.requests();
        // Exact creation times from the in-process emulator's records: the wire's GmtCreateTime has whole seconds.
        const state = t.emu.context.store.state;
        const clouds: Array<[string, string, Array<{ id: string; runningAt: number }>]> = [
            ["DSW", "dsw:GetInstance", Object.values(state.dsw).map((r) => ({ id: r.instanceId, runningAt: r.gmtCreate + PROVISION_S * 1000 }))],
            ["ModelArts", "modelarts:GetInstance", Object.values(state.modelarts).map((r) => ({ id: r.id, runningAt: r.creationTs + PROVISION_S * 1000 }))],
        ];
        for (const [cloud, getOp, instances] of clouds) {
            const f = lagFigures(log, getOp, instances);
            const label = `${cloud}, ${shares} phases`;
            line(`${label}: polls per create, ${PROVISION_S} s provisioning (max of ${instances.length})`, String(Math.max(...f.polls)), "<= 12");
            line(`${label}: median lag Running -> provider sees it`, seconds(median(f.seenLagMs)), "<= 1 s");
            line(`${label}: median lag Running -> create's last API call`, seconds(median(f.doneLagMs)), "<= 1 s");
            process.stdout.write(
                `    (${instances.length} creates in ${LAG_STACKS} stacks; lag to sighting ${seconds(Math.min(...f.seenLagMs))} – ${seconds(Math.max(...f.seenLagMs))}; polls ${Math.min(...f.polls)} – ${Math.max(...f.polls)})\n`,
            );
        }
        await Promise.all(projects.map((proj) => proj.must(["destroy", "--yes", "--skip-preview", "--parallel", "6"])));
    } finally {
        await t.close();
    }
}

async function fleetRatio(): Promise<void> {
    const t = await startTestEmulator({
        durations: { provision: 10_000, stop: 1000, update: 1000, delete: 1000 },
        rateLimit: { requestsPerSecond: 50, burst: 50 },
    });
    try {
        const time = async (n: number) => {
            const proj = await PulumiProject.create(`bench-fleet-${n}`, fleet(n), { ...emulatorConfig(t.url), env: DEFAULT_POLLING });
            const t0 = Date.now();
            const up = await proj.run(["up", "--yes", "--skip-preview", "--parallel", String(Math.max(1, n))]);
            const seconds = (Date.now() - t0) / 1000;
            const running = (await proj.resources("dsw:Instance")).filter((r) => r.outputs?.status === "Running").length;
            await proj.must(["destroy", "--yes", "--skip-preview", "--parallel", "100"]);
            return { seconds, failed: n - running, exit: up.code };
        };
        const one = await time(1);
        await t.admin.resetCounters();
        const many = await time(FLEET_N);
        const c = await t.admin.counters();
        line(
            `wall time up of ${FLEET_N} / up of 1 (10 s provisioning, 50 req/s limit)`,
            `${(many.seconds / one.seconds).toFixed(2)} (${many.seconds.toFixed(1)}s/${one.seconds.toFixed(1)}s)`,
            "<= 2",
        );
        line("requests throttled by the rate limit / resources not Running", `${c.faults.ratelimit ?? 0} / ${many.failed}`, "0 failures");
        if (many.exit !== 0 || one.exit !== 0) {
            throw new Error(`pulumi up exited ${many.exit} (fleet) / ${one.exit} (one)`);
        }
        process.stdout.write(
            `    (up + destroy of ${FLEET_N}: ${Object.entries(c.byOperation)
                .map(([k, v]) => `${k} x${v}`)
                .join(", ")})\n`,
        );
    } finally {
        await t.close();
    }
}

async function main(): Promise<void> {
    process.stdout.write("scale benchmark (real pulumi CLI, emulator in-process)\n");
    const only = process.env.BENCH_ONLY;
    const parts: Array<[string, () => Promise<void>]> = [
        ["refresh", refreshAndPreview],
        ["lag", () => pollsAndLag("even")],
        ["lag-uneven", () => pollsAndLag("uneven")],
        ["fleet", fleetRatio],
        ["scale", fleetRefresh],
        ["drift", fleetDrift],
    ];
    if (only !== undefined && !parts.some(([name]) => name === only)) {
        throw new Error(`BENCH_ONLY must be one of ${parts.map(([name]) => name).join(", ")}; got "${only}"`);
    }
    // The 1,000-notebook part takes far longer than the rest: it runs only when asked for.
    for (const [name, run] of parts) {
        if (only === name || (only === undefined && name !== "scale")) {
            await run();
        }
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
});
