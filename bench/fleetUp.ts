/**
 * `up` and `destroy` of a fleet against one notebook (issue 27), for each resource kind: with 10 s
 * provisioning and the emulator's request-rate limit on (50 requests/s per tenant and API, burst 50, as
 * both clouds count quotas: docs/emulator-hardening.md; BENCH_FLEET_LIMIT_PER=account for one bucket), the
 * wall-time ratios up of N / up of 1 and destroy of N / destroy of 1 (goal <= 2.5), requests refused
 * by the limit and resources that did not end Running / gone (goal: zero failures), and the share of
 * the fleet's API calls that are creates, status polls, listings and the rest. Part `fleet` of
 * `npm run bench` (BENCH_FLEET_N, default 500; BENCH_FLEET_KINDS=dsw,notebookv2,notebook;
 * BENCH_FLEET_PROFILE=<dir> for the CLI's profiles of the fleet's up and destroy).
 */
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import * as path from "node:path";
import type { OperationCounters } from "../emulator/requestLog";
import { startTestEmulator } from "../tests/support/emulator";
import { PulumiProject, emulatorConfig } from "../tests/support/pulumi";
import { PROGRAMS } from "./fleetRefresh";

const FLEET_N = Number(process.env.BENCH_FLEET_N ?? 500);
const KINDS = (process.env.BENCH_FLEET_KINDS ?? "dsw,notebookv2,notebook").split(",");
/** `api` (a bucket per API, as the clouds count) or `account` (one bucket for every API: stricter than either cloud). */
const LIMIT_PER = process.env.BENCH_FLEET_LIMIT_PER === "account" ? "account" : "api";
const DEFAULT_POLLING = { NOTEBOOKS_POLL_MIN_MS: "", NOTEBOOKS_POLL_MAX_MS: "" };
/** A directory for the CLI's CPU and memory profiles of the fleet's `up` and `destroy` (`pulumi --profiling`). */
/** BENCH_FLEET_TIMELINE=1: the fleet's up, call by call, per 5 s (where the wall time goes). */
const TIMELINE = process.env.BENCH_FLEET_TIMELINE === "1";
/**
 * BENCH_FLEET_DIAG_SKIP_CHECKPOINTS=1: a diagnostic only, never a figure to quote as the product's:
 * runs the CLI with PULUMI_SKIP_CHECKPOINTS=true (state written at the end only, so a crash would
 * lose the fleet), to show how much of the wall time is the CLI's whole-state checkpoints.
 */
const SKIP_CHECKPOINTS = process.env.BENCH_FLEET_DIAG_SKIP_CHECKPOINTS === "1";
const PROFILE_DIR = process.env.BENCH_FLEET_PROFILE ?? "";

/** `--profiling <dir>/<kind>-<n>-<command>` when BENCH_FLEET_PROFILE is set; read with `go tool pprof -top -cum <pulumi> <file>.cpu`. */
function profiling(kind: string, n: number, command: string): string[] {
    if (PROFILE_DIR === "" || n === 1) return [];
    mkdirSync(PROFILE_DIR, { recursive: true });
    return ["--profiling", path.join(PROFILE_DIR, `${kind}-${n}-${command}`)];
}

/** The resource type in state and the status a created notebook settles in. */
const KIND: Record<string, { type: string; running: string }> = {
    dsw: { type: "dsw:Instance", running: "Running" },
    notebookv2: { type: "modelarts:NotebookV2", running: "RUNNING" },
    notebook: { type: "modelarts:Notebook", running: "RUNNING" },
};

/** What an operation is, by its name in the emulator's counters (`cloud:Operation`). */
export function callKind(op: string): "create" | "poll" | "listing" | "delete" | "other" {
    const name = op.slice(op.indexOf(":") + 1);
    if (/^Create(Instance|Notebook)$/.test(name)) return "create";
    if (/^(GetInstance|ShowNotebook)$/.test(name)) return "poll";
    if (/^List(Instances|Notebooks)$/.test(name)) return "listing";
    if (/^Delete(Instance|Notebook)$/.test(name)) return "delete";
    return "other";
}

function shares(c: OperationCounters): string {
    const by: Record<string, number> = {};
    for (const [op, n] of Object.entries(c.byOperation)) by[callKind(op)] = (by[callKind(op)] ?? 0) + n;
    const total = Object.values(by).reduce((a, b) => a + b, 0);
    return ["create", "poll", "listing", "delete", "other"]
        .filter((k) => by[k])
        .map((k) => `${k}s ${by[k]} (${((100 * by[k]) / total).toFixed(0)} %)`)
        .join(", ");
}

/** Calls per operation per 5 s of a run, answered and refused by the limit. */
class Timeline {
    private readonly cells = new Map<string, Map<number, [number, number]>>();
    private last = 0;

    constructor(private readonly t0: number) {}

    add(at: number, op: string, refused: boolean): void {
        const slot = Math.floor((at - this.t0) / 5000);
        this.last = Math.max(this.last, slot);
        const row = this.cells.get(op) ?? new Map<number, [number, number]>();
        const cell = row.get(slot) ?? [0, 0];
        cell[refused ? 1 : 0]++;
        row.set(slot, cell);
        this.cells.set(op, row);
    }

    render(title: string): string {
        const head = Array.from({ length: this.last + 1 }, (_, i) => `${i * 5}s`.padStart(9)).join("");
        const rows = [...this.cells].map(
            ([op, row]) =>
                op.padEnd(30) +
                Array.from({ length: this.last + 1 }, (_, i) => {
                    const [ok, refused] = row.get(i) ?? [0, 0];
                    return `${ok}/${refused}`.padStart(9);
                }).join(""),
        );
        return `    ${title}: calls answered/refused per 5 s\n    ${"".padEnd(30)}${head}\n${rows.map((r) => `    ${r}\n`).join("")}`;
    }
}

/** Every operation's count, largest first: where the "other" share goes. */
function byOperation(c: OperationCounters): string {
    return Object.entries(c.byOperation)
        .sort((a, b) => b[1] - a[1])
        .map(([op, n]) => `${op} ${n}`)
        .join(", ");
}

function line(label: string, value: string, goal: string): void {
    process.stdout.write(`${label.padEnd(58)} ${value.padStart(22)}   goal ${goal}\n`);
}

interface Run {
    upSeconds: number;
    destroySeconds: number;
    notRunning: number;
    left: number;
    up: OperationCounters;
    destroy: OperationCounters;
    exits: [number, number];
    load: number;
}

async function fleetOnce(kind: string, n: number): Promise<Run> {
    const t = await startTestEmulator({
        durations: { provision: 10_000, stop: 1000, update: 1000, delete: 1000 },
        rateLimit: { requestsPerSecond: 50, burst: 50, per: LIMIT_PER },
        modelartsMaxInstances: Math.max(100, 2 * n),
    });
    try {
        const proj = await PulumiProject.create(`bench-fleet-${kind}-${n}`, PROGRAMS[kind](n), {
            ...emulatorConfig(t.url),
            env: { ...DEFAULT_POLLING, ...(SKIP_CHECKPOINTS ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}) },
        });
        await t.admin.resetCounters();
        let t0 = Date.now();
        const timeline = new Timeline(t0);
        if (TIMELINE && n > 1) t.emu.context.log.onRecord((e) => timeline.add(e.at, e.op, e.fault !== undefined));
        const up = await proj.run(["up", "--yes", "--skip-preview", "--parallel", String(Math.max(1, n)), ...profiling(kind, n, "up")]);
        const upSeconds = (Date.now() - t0) / 1000;
        const upCalls = await t.admin.counters();
        if (TIMELINE && n > 1) process.stdout.write(timeline.render(`${kind} up of ${n}`));
        const running = (await proj.resources(KIND[kind].type)).filter((r) => r.outputs?.status === KIND[kind].running).length;
        await t.admin.resetCounters();
        t0 = Date.now();
        const destroy = await proj.run(["destroy", "--yes", "--skip-preview", "--parallel", String(Math.max(1, n)), ...profiling(kind, n, "destroy")]);
        const destroySeconds = (Date.now() - t0) / 1000;
        const destroyCalls = await t.admin.counters();
        const left = (await proj.resources(KIND[kind].type)).length;
        return {
            upSeconds,
            destroySeconds,
            notRunning: n - running,
            left,
            up: upCalls,
            destroy: destroyCalls,
            exits: [up.code, destroy.code],
            load: loadavg()[0],
        };
    } finally {
        await t.close();
    }
}

export async function fleetUp(): Promise<void> {
    for (const kind of KINDS) {
        if (!(kind in KIND)) throw new Error(`BENCH_FLEET_KINDS: unknown kind "${kind}" (dsw, notebookv2, notebook)`);
        const one = await fleetOnce(kind, 1);
        const many = await fleetOnce(kind, FLEET_N);
        const cond = `10 s provisioning, 50 req/s per ${LIMIT_PER}${SKIP_CHECKPOINTS ? "; DIAGNOSTIC: PULUMI_SKIP_CHECKPOINTS" : ""}`;
        line(
            `${kind} up of ${FLEET_N} / up of 1 (${cond})`,
            `${(many.upSeconds / one.upSeconds).toFixed(2)} (${many.upSeconds.toFixed(1)}s/${one.upSeconds.toFixed(1)}s)`,
            "<= 2.5",
        );
        line(`${kind} up: throttled requests / not Running`, `${many.up.faults.ratelimit ?? 0} / ${many.notRunning}`, "0 failures");
        process.stdout.write(`    (up of ${FLEET_N}: ${many.up.total} calls: ${shares(many.up)})\n`);
        process.stdout.write(`    (by operation: ${byOperation(many.up)})\n`);
        line(
            `${kind} destroy of ${FLEET_N} / destroy of 1`,
            `${(many.destroySeconds / one.destroySeconds).toFixed(2)} (${many.destroySeconds.toFixed(1)}s/${one.destroySeconds.toFixed(1)}s)`,
            "<= 2.5",
        );
        line(`${kind} destroy: throttled requests / left in state`, `${many.destroy.faults.ratelimit ?? 0} / ${many.left}`, "0 failures");
        process.stdout.write(`    (destroy of ${FLEET_N}: ${many.destroy.total} calls: ${shares(many.destroy)}; load average ${many.load.toFixed(1)})\n`);
        if ([...one.exits, ...many.exits].some((c) => c !== 0)) {
            throw new Error(`${kind}: pulumi exited ${one.exits.join("/")} (one) and ${many.exits.join("/")} (fleet): up/destroy`);
        }
    }
}
