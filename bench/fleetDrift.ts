/**
 * The fleet drift check at team scale (issue 26): STACKS stacks x NOTEBOOKS DSW notebooks (default
 * 50 x 20) on a PostgreSQL state backend started here, against the emulator with its request-rate
 * limit on, checked by the real `pulumi-notebooks-drift-check --all-stacks` with --parallel 1, 4
 * and 8. Prints the wall time of each (and its ratio to checking one stack), the API calls and DSW
 * listing pages per stack, the checker's peak memory (its own process, and its whole process tree
 * with the pulumi CLIs, programs and providers it runs), requests throttled, and stacks not checked.
 *
 *   npm run bench:drift   (BENCH_DRIFT_STACKS=50, BENCH_DRIFT_NOTEBOOKS=20, BENCH_DRIFT_PARALLEL=1,4,8)
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { FAST, TestEmulator, startTestEmulator } from "../tests/support/emulator";
import { TestPostgres } from "../tests/support/postgres";
import { PulumiProject, emulatorConfig, toolchain } from "../tests/support/pulumi";

const STACKS = Number(process.env.BENCH_DRIFT_STACKS ?? 50);
const NOTEBOOKS = Number(process.env.BENCH_DRIFT_NOTEBOOKS ?? 20);
const PARALLEL = (process.env.BENCH_DRIFT_PARALLEL ?? "1,4,8").split(",").map(Number);
/** Stacks deployed (and destroyed) at once while the fleet is built: the figures are of the checks, not of this. */
const SETUP_PARALLEL = 3;
/** The same limit as the `up` fleet figure: 50 requests/s with a burst of 50, per access key and API (every stack shares one key; docs/emulator-hardening.md). */
const RATE_LIMIT = { requestsPerSecond: 50, burst: 50, per: "api" as const };

const program = (n: number) => `
const pulumi = require("@pulumi/pulumi");
const { dsw } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("nb" + i, { workspaceId: "40823", instanceName: "drift_" + pulumi.getStack() + "_" + i, ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" });
}
`;

function line(label: string, value: string, goal: string): void {
    process.stdout.write(`${label.padEnd(62)} ${value.padStart(22)}   goal ${goal}\n`);
}

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
        Array.from({ length: Math.min(limit, items.length) }, async () => {
            while (next < items.length) await fn(items[next++]);
        }),
    );
}

function status(pid: number): { ppid: number; rssKb: number; hwmKb: number } | undefined {
    try {
        const s = readFileSync(`/proc/${pid}/status`, "utf8");
        const num = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
        return { ppid: num("PPid"), rssKb: num("VmRSS"), hwmKb: num("VmHWM") };
    } catch {
        return undefined; // the process ended between listing and reading
    }
}

/** Peak memory of a process (VmHWM) and of its process tree (the largest sum of RSS seen), sampled every 100 ms. */
function treeSampler(root: number): { stop: () => { selfMb: number; treeMb: number } } {
    let selfKb = 0;
    let treeKb = 0;
    const sample = () => {
        const procs = new Map<number, { ppid: number; rssKb: number; hwmKb: number }>();
        for (const p of readdirSync("/proc")) {
            if (!/^\d+$/.test(p)) continue;
            const s = status(Number(p));
            if (s) procs.set(Number(p), s);
        }
        const inTree = new Set([root]);
        let grew = true;
        while (grew) {
            grew = false;
            for (const [pid, s] of procs) {
                if (!inTree.has(pid) && inTree.has(s.ppid)) {
                    inTree.add(pid);
                    grew = true;
                }
            }
        }
        selfKb = Math.max(selfKb, procs.get(root)?.hwmKb ?? 0);
        treeKb = Math.max(
            treeKb,
            [...inTree].reduce((n, pid) => n + (procs.get(pid)?.rssKb ?? 0), 0),
        );
    };
    const timer = setInterval(sample, 100);
    return {
        stop: () => {
            clearInterval(timer);
            return { selfMb: selfKb / 1024, treeMb: treeKb / 1024 };
        },
    };
}

interface CheckRun {
    seconds: number;
    code: number;
    report: { totals: { stacks: number; clean: number; drift: number; error: number } };
    selfMb: number;
    treeMb: number;
    stderr: string;
}

function driftCheck(env: NodeJS.ProcessEnv, args: string[]): Promise<CheckRun> {
    const script = path.resolve(__dirname, "../scripts/driftCheck.js");
    return new Promise((resolve, reject) => {
        const t0 = Date.now();
        const child = spawn(process.execPath, [script, ...args, "--json"], { env: { ...env, PULUMI_TOOLCHAIN_BIN: toolchain().bin } });
        const mem = treeSampler(child.pid ?? 0);
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d));
        child.stderr.on("data", (d: Buffer) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => {
            const m = mem.stop();
            try {
                resolve({ seconds: (Date.now() - t0) / 1000, code: code ?? -1, report: JSON.parse(stdout) as CheckRun["report"], ...m, stderr });
            } catch {
                reject(new Error(`the drift check printed no report (exit ${code}):\n${stdout}\n${stderr}`));
            }
        });
    });
}

async function buildFleet(t: TestEmulator, pg: TestPostgres): Promise<{ proj: PulumiProject; stacks: string[] }> {
    const cfg = emulatorConfig(t.url);
    const proj = await PulumiProject.create("bench-drift", program(NOTEBOOKS), { ...cfg, env: { PULUMI_BACKEND_URL: pg.url } });
    const stacks = ["dev", ...Array.from({ length: STACKS - 1 }, (_, i) => `s${String(i + 1).padStart(2, "0")}`)];
    const setAll = [
        ...Object.entries(cfg.config).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
        ...Object.entries(cfg.secrets).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
    ];
    await pool(stacks, SETUP_PARALLEL, async (s) => {
        if (s !== "dev") {
            await proj.must(["stack", "init", s, "--no-select"]);
            await proj.must(["config", "set-all", "--stack", s, ...setAll]);
        }
        await proj.must(["up", "--yes", "--skip-preview", "--stack", s, "--parallel", String(NOTEBOOKS)]);
    });
    return { proj, stacks };
}

export async function fleetDrift(): Promise<void> {
    const pg = await TestPostgres.start();
    const t = await startTestEmulator({ durations: FAST });
    try {
        const t0 = Date.now();
        const { proj } = await buildFleet(t, pg);
        process.stdout.write(
            `fleet drift check: ${STACKS} stacks x ${NOTEBOOKS} DSW notebooks on PostgreSQL 15, built in ${((Date.now() - t0) / 1000).toFixed(0)} s; rate limit ${RATE_LIMIT.requestsPerSecond} req/s (burst ${RATE_LIMIT.burst}) per access key and API\n`,
        );
        await t.admin.setRateLimit(RATE_LIMIT);
        const check = async (args: string[]) => {
            await t.admin.resetCounters();
            const run = await driftCheck(proj.env, ["--cwd", proj.dir, ...args]);
            const c = await t.admin.counters();
            if (run.code !== 0) throw new Error(`drift check ${args.join(" ")} exited ${run.code}:\n${run.stderr}\n${JSON.stringify(run.report.totals)}`);
            return { ...run, calls: c.total, byOperation: c.byOperation, throttled: c.faults.ratelimit ?? 0 };
        };
        const one = await check(["--stack", "dev", "--parallel", "1"]);
        line("drift check of 1 stack", `${one.seconds.toFixed(1)} s`, "printed");
        for (const n of PARALLEL) {
            const r = await check(["--all-stacks", "--parallel", String(n)]);
            const notChecked = r.report.totals.error;
            line(
                `drift check of ${STACKS} stacks, --parallel ${n}: wall / 1 stack`,
                `${r.seconds.toFixed(1)} s (x${(r.seconds / one.seconds).toFixed(1)})`,
                "printed",
            );
            const lists = r.byOperation["dsw:ListInstances"] ?? 0;
            line(
                `  API calls per stack (DSW listing pages per stack)`,
                `${(r.calls / STACKS).toFixed(1)} (${(lists / STACKS).toFixed(1)})`,
                `<= 2 pages for ${NOTEBOOKS}`,
            );
            process.stdout.write(
                `    (${Object.entries(r.byOperation)
                    .map(([k, v]) => `${k} x${v}`)
                    .join(", ")})\n`,
            );
            line(`  peak memory: checker process / its process tree`, `${r.selfMb.toFixed(0)} / ${r.treeMb.toFixed(0)} MB`, "printed");
            line(`  requests throttled (retried) / stacks not checked`, `${r.throttled} / ${notChecked}`, "0 not checked");
            if (r.report.totals.clean !== STACKS) throw new Error(`expected ${STACKS} clean stacks: ${JSON.stringify(r.report.totals)}`);
        }
        // No destroy: the emulator and the database are this run's own and go with it.
    } finally {
        await t.close();
        pg.close();
    }
}
