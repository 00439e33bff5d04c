/**
 * The lag between the emulator reaching Running and the provider seeing it, for all three
 * resources, with uneven phases that vary from create to create (issue 27): `BENCH_ONLY=lag-uneven`
 * (also `npm run bench:lag`), part of `npm run bench`.
 *
 * Through the real CLI: LAG_STACKS stacks in their own directories, each with LAG_PER_STACK of each
 * resource, deployed and destroyed LAG_ROUNDS times. Round 1 has no phase history (each stack's
 * `.pulumi-notebooks/phase-history.json`, provider/common/phaseHistory.ts); later rounds predict
 * from the rounds before. The emulator splits a 60 s provisioning DSW 10/30/60 %, ModelArts
 * 20/80 %, each phase ±30 % per create (`phaseJitter`) and the whole ±20 % (`provisionJitter`).
 * The moment each instance reaches Running is read from the emulator's own plan, not the wire.
 *
 * Then `lag-curve` (runs with it): the same phase model on a fake clock through the provider's
 * own waiter (tests/support/phaseSim.ts), 200 creates per budget, for the trade-off between the
 * poll budget (`notebooks:pollBudget`) and the lag.
 */
import { startTestEmulator } from "../tests/support/emulator";
import { PulumiProject, emulatorConfig } from "../tests/support/pulumi";
import { CloudModel, DSW_MODEL, MODELARTS_MODEL, median, pollsPer60s, simulateSeries } from "../tests/support/phaseSim";
import type { RequestLogEntry } from "../emulator/requestLog";
import type { TestEmulator } from "../tests/support/emulator";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_HISTORY_FILE } from "../provider/common/phaseHistory";

const PROVISION_S = Number(process.env.BENCH_PROVISION_S ?? 60);
const LAG_STACKS = Number(process.env.BENCH_LAG_STACKS ?? 3);
const LAG_PER_STACK = Number(process.env.BENCH_LAG_PER_STACK ?? 3);
const LAG_ROUNDS = Number(process.env.BENCH_LAG_ROUNDS ?? 3);
export const UNEVEN = { dswCreateShares: [1, 3, 6], modelartsCreateShares: [1, 4], phaseJitter: 0.3, provisionJitter: 0.2 };
/** The provider's default polling, not the test suite's fast one. */
const DEFAULT_POLLING = { NOTEBOOKS_POLL_MIN_MS: "", NOTEBOOKS_POLL_MAX_MS: "" };

const program = (n: number, stack: number) => `
const { dsw, modelarts } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("dsw" + i, { workspaceId: "40823", instanceName: "lag_${stack}_" + i, ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" });
    new modelarts.Notebook("ma" + i, { name: "lag-ma-${stack}-" + i, profileId: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u",
        spec: { storage: { type: "evs", location: { volumeSize: 5 } } } });
    new modelarts.NotebookV2("v2" + i, { name: "lag-v2-${stack}-" + i, flavor: "modelarts.vm.gpu.p100",
        imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9", volume: { category: "EVS", capacity: 20 } });
}
`;

type Kind = "dsw.Instance" | "modelarts.Notebook" | "modelarts.NotebookV2";
const KINDS: Array<{ kind: Kind; getOp: string }> = [
    { kind: "dsw.Instance", getOp: "dsw:GetInstance" },
    { kind: "modelarts.Notebook", getOp: "modelarts:GetInstance" },
    { kind: "modelarts.NotebookV2", getOp: "modelarts:ShowNotebook" },
];

interface Sample {
    polls: number;
    lagMs: number;
    provisionMs: number;
}

/** When each instance of the in-process emulator is planned to reach Running (watched while its plan is pending). */
class RunningWatch {
    readonly runningAt = new Map<string, { kind: Kind; at: number; created: number }>();
    private timer?: NodeJS.Timeout;
    constructor(private t: TestEmulator) {}
    start(): void {
        const look = () => {
            const s = this.t.emu.context.store.state;
            const see = (kind: Kind, id: string, created: number, plan: Array<{ status: string; at: number }>) => {
                const running = plan.find((p) => p.status === "Running" || p.status === "RUNNING");
                if (running && !this.runningAt.has(id)) this.runningAt.set(id, { kind, at: running.at, created });
            };
            for (const r of Object.values(s.dsw)) see("dsw.Instance", r.instanceId, r.gmtCreate, r.plan);
            for (const r of Object.values(s.modelarts)) see("modelarts.Notebook", r.id, r.creationTs, r.plan);
            for (const r of Object.values(s.notebooks)) see("modelarts.NotebookV2", r.id, r.createAt, r.plan);
        };
        this.timer = setInterval(look, 100);
    }
    stop(): void {
        clearInterval(this.timer);
    }
}

/**
 * Status polls of one instance in the request log: its own GETs, and the shared poll listings that
 * returned it (DSW's are filtered on the owner label; NotebookV2's are ListNotebooks without the
 * `name` filter of a name check; the old API's ListInstances list the workspace, and a name check
 * before a create cannot list the notebook it precedes).
 */
const isPollListing = (e: RequestLogEntry) =>
    e.queryNames?.includes("Labels") === true ||
    (e.op === "modelarts:ListNotebooks" && e.queryNames?.includes("name") !== true) ||
    e.op === "modelarts:ListInstances";
const pollsOf = (log: RequestLogEntry[], getOp: string, id: string) =>
    log.filter((e) => (e.op === getOp && e.path.endsWith(`/${id}`)) || (e.listed?.includes(id) === true && isPollListing(e)));

function line(label: string, value: string, goal: string): void {
    process.stdout.write(`${label.padEnd(62)} ${value.padStart(18)}   goal ${goal}\n`);
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function lagUneven(): Promise<void> {
    const t = await startTestEmulator({
        durations: { provision: PROVISION_S * 1000, stop: 2000, update: 2000, delete: 1000, ...UNEVEN },
        requestLogSize: 50_000,
        modelartsMaxInstances: 1000,
    });
    const watch = new RunningWatch(t);
    watch.start();
    try {
        const projects = await Promise.all(
            Array.from({ length: LAG_STACKS }, (_, k) =>
                PulumiProject.create(`bench-lag-${k}`, program(LAG_PER_STACK, k), { ...emulatorConfig(t.url), env: DEFAULT_POLLING }),
            ),
        );
        process.stdout.write(
            `lag, uneven phases (${PROVISION_S} s provisioning ±20 %, DSW 10/30/60 %, ModelArts 20/80 %, each phase ±30 %; ${LAG_STACKS} stacks × ${LAG_PER_STACK} of each, ${LAG_ROUNDS} rounds; round 1 has no phase history)\n`,
        );
        const byRound: Array<Map<Kind, Sample[]>> = [];
        const fleet: Array<Map<Kind, number>> = [];
        for (let round = 0; round < LAG_ROUNDS; round++) {
            const lastSeq = (await t.admin.requests()).reduce((m, e) => Math.max(m, e.seq), 0);
            await Promise.all(projects.map((p) => p.must(["up", "--yes", "--skip-preview", "--parallel", String(3 * LAG_PER_STACK)])));
            const log = await t.admin.requests(lastSeq);
            const samples = new Map<Kind, Sample[]>();
            const rates = new Map<Kind, number>();
            for (const { kind, getOp } of KINDS) {
                // This round's instances: those its requests name.
                const created = [...watch.runningAt.entries()].filter(
                    ([id, v]) => v.kind === kind && log.some((e) => e.listed?.includes(id) || e.path.endsWith(`/${id}`)),
                );
                const out: Sample[] = [];
                let calls = 0;
                let notebookSeconds = 0;
                const listingsCounted = new Set<number>();
                for (const [id, { at, created: c0 }] of created) {
                    const polls = pollsOf(log, getOp, id);
                    const seen = polls.find((p) => p.at >= at);
                    if (!seen) throw new Error(`${kind} ${id}: no poll after Running`);
                    out.push({ polls: polls.filter((p) => p.at <= seen.at).length, lagMs: seen.at - at, provisionMs: at - c0 });
                    for (const p of polls.filter((x) => x.at <= seen.at)) {
                        // One listing answers every notebook it returned: count it once for the fleet.
                        if (p.listed) {
                            if (!listingsCounted.has(p.seq)) calls++;
                            listingsCounted.add(p.seq);
                        } else calls++;
                    }
                    notebookSeconds += (seen.at - c0) / 1000;
                }
                samples.set(kind, out);
                rates.set(kind, notebookSeconds > 0 ? (calls * 5) / notebookSeconds : 0);
            }
            byRound.push(samples);
            fleet.push(rates);
            await Promise.all(projects.map((p) => p.must(["destroy", "--yes", "--skip-preview", "--parallel", String(3 * LAG_PER_STACK)])));
        }
        const kept = projects.filter((p) => existsSync(path.join(p.dir, DEFAULT_HISTORY_FILE))).length;
        process.stdout.write(`    (phase history file next to the program after the runs: ${kept} of ${projects.length} stacks)\n`);
        for (const { kind } of KINDS) {
            const report = (label: string, rounds: number[]) => {
                const xs = rounds.flatMap((r) => byRound[r].get(kind) ?? []);
                if (xs.length === 0) return;
                const lags = xs.map((x) => x.lagMs);
                const per60 = xs.map((x) => (x.polls * 60_000) / x.provisionMs);
                line(`${kind}, ${label}: median / max lag (${xs.length} creates)`, `${s(median(lags))} / ${s(Math.max(...lags))}`, "≤ 1 s / ≤ 3 s");
                line(`${kind}, ${label}: polls per 60 s of create, median / max`, `${median(per60).toFixed(1)} / ${Math.max(...per60).toFixed(1)}`, "≤ 12");
                const rate = rounds.map((r) => fleet[r].get(kind) ?? 0);
                line(`${kind}, ${label}: fleet polls per notebook per 5 s (max of rounds)`, Math.max(...rate).toFixed(2), "≤ 1");
            };
            report("no history", [0]);
            report(
                "learned",
                Array.from({ length: LAG_ROUNDS - 1 }, (_, i) => i + 1),
            );
        }
    } finally {
        watch.stop();
        await t.close();
    }
}

/** The budget trade-off on the fake clock (tests/support/phaseSim.ts): polls per 60 s against median and max lag. */
export async function lagCurve(): Promise<void> {
    const budgets = [6, 9, 12, 15, 18, 24];
    const models: Array<[CloudModel, number[]]> = [
        [DSW_MODEL, UNEVEN.dswCreateShares],
        [MODELARTS_MODEL, UNEVEN.modelartsCreateShares],
    ];
    process.stdout.write(
        "lag against poll budget (fake clock, the provider's waiter and prediction, the emulator's phase model as above; 200 creates each, learned from the 12 before)\n",
    );
    process.stdout.write(
        `${"model".padEnd(34)} ${"budget".padStart(6)} ${"polls/60s med/max".padStart(18)} ${"lag median".padStart(11)} ${"lag max".padStart(9)}\n`,
    );
    for (const [model, shares] of models) {
        const cold = (
            await simulateSeries({
                model,
                creates: 200,
                seed: 11,
                shares,
                phaseJitter: UNEVEN.phaseJitter,
                provisionJitter: UNEVEN.provisionJitter,
                learn: false,
            })
        ).slice(12);
        const row = (b: string, xs: typeof cold) =>
            process.stdout.write(
                `${model.name.padEnd(34)} ${b.padStart(6)} ${`${median(xs.map(pollsPer60s)).toFixed(1)} / ${Math.max(...xs.map(pollsPer60s)).toFixed(1)}`.padStart(18)} ${s(median(xs.map((x) => x.lagMs))).padStart(11)} ${s(Math.max(...xs.map((x) => x.lagMs))).padStart(9)}\n`,
            );
        row("none", cold);
        for (const budget of budgets) {
            const xs = (
                await simulateSeries({
                    model,
                    creates: 212,
                    seed: 11,
                    shares,
                    phaseJitter: UNEVEN.phaseJitter,
                    provisionJitter: UNEVEN.provisionJitter,
                    budget,
                })
            ).slice(12);
            row(String(budget), xs);
        }
    }
}
