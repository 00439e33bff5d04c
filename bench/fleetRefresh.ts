/**
 * Refresh at fleet scale (issue 27): `pulumi refresh` and `pulumi preview --refresh` of SMALL and
 * LARGE stacks (default 100 and 1,000) of each resource kind, with the API calls each makes, the
 * wall-time ratio LARGE / SMALL, and the peak resident memory of the provider process and of the
 * program, sampled from /proc while the command runs. Run alone with `npm run bench:scale`
 * (BENCH_SCALE_SMALL, BENCH_SCALE_LARGE, BENCH_SCALE_KINDS=dsw,notebookv2,notebook to shrink it).
 */
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { loadavg } from "node:os";
import { FAST, startTestEmulator } from "../tests/support/emulator";
import { PulumiProject, emulatorConfig } from "../tests/support/pulumi";

const SMALL = Number(process.env.BENCH_SCALE_SMALL ?? 100);
const LARGE = Number(process.env.BENCH_SCALE_LARGE ?? 1000);
const KINDS = (process.env.BENCH_SCALE_KINDS ?? "dsw,notebookv2,notebook").split(",");

export const PROGRAMS: Record<string, (n: number) => string> = {
    dsw: (n) => `
const { dsw } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("nb" + i, { workspaceId: "40823", instanceName: "scale_" + i, ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" });
}`,
    notebookv2: (n) => `
const { modelarts } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new modelarts.NotebookV2("nb" + i, { name: "scale-v2-" + i, flavor: "modelarts.vm.gpu.p100",
        imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9", volume: { category: "EVS", capacity: 20 } });
}`,
    notebook: (n) => `
const { modelarts } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new modelarts.Notebook("nb" + i, { name: "scale-v1-" + i, profileId: "Multi-Engine 1.0 (python3)-cpu",
        flavor: "modelarts.vm.cpu.2u", spec: { storage: { type: "evs" } } });
}`,
};

/** Peak RSS (MB) of the processes whose working directory is `dir`, split into provider and program. */
function sampler(dir: string): { stop: () => { providerMb: number; programMb: number } } {
    let providerKb = 0;
    let programKb = 0;
    const sample = () => {
        for (const pid of readdirSync("/proc")) {
            if (!/^\d+$/.test(pid)) continue;
            try {
                if (readlinkSync(`/proc/${pid}/cwd`) !== dir) continue;
                const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
                const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
                if (cmd.includes("dynamic-provider")) providerKb = Math.max(providerKb, rss);
                else if (cmd.includes("cmd/run")) programKb = Math.max(programKb, rss);
            } catch {
                // The process ended between listing and reading: nothing to sample.
            }
        }
    };
    const timer = setInterval(sample, 100);
    return {
        stop: () => {
            clearInterval(timer);
            sample();
            return { providerMb: providerKb / 1024, programMb: programKb / 1024 };
        },
    };
}

interface Figures {
    /** 1-minute load average when the command ended (the machine is shared). */
    load: number;
    calls: number;
    ops: string;
    seconds: number;
    providerMb: number;
    programMb: number;
}

function line(label: string, value: string, goal: string): void {
    process.stdout.write(`${label.padEnd(58)} ${value.padStart(22)}   goal ${goal}\n`);
}

async function measure(kind: string, n: number): Promise<Record<"refresh" | "preview", Figures>> {
    // The default quota (100 notebooks per ModelArts project) would refuse a fleet of 1,000.
    const t = await startTestEmulator({ durations: FAST, modelartsMaxInstances: Math.max(100, 2 * n) });
    try {
        const proj = await PulumiProject.create(`bench-scale-${kind}-${n}`, PROGRAMS[kind](n), {
            ...emulatorConfig(t.url),
            env: { NOTEBOOKS_POLL_MIN_MS: "20", NOTEBOOKS_POLL_MAX_MS: "200" },
        });
        await proj.up(["--parallel", "32"]);
        const out: Partial<Record<"refresh" | "preview", Figures>> = {};
        for (const [name, args] of [
            ["refresh", ["refresh", "--yes", "--skip-preview"]],
            ["preview", ["preview", "--refresh"]],
        ] as const) {
            await t.admin.resetCounters();
            const mem = sampler(proj.dir);
            const t0 = Date.now();
            await proj.must([...args]);
            const seconds = (Date.now() - t0) / 1000;
            const c = await t.admin.counters();
            out[name] = {
                calls: c.total,
                ops: Object.entries(c.byOperation)
                    .map(([k, v]) => `${k} x${v}`)
                    .join(", "),
                seconds,
                load: loadavg()[0],
                ...mem.stop(),
            };
        }
        // No destroy: the emulator holding the notebooks closes below and the stack's directory goes
        // at exit; destroying 1,000 took longer than the rest of the measurement on two busy cores.
        return out as Record<"refresh" | "preview", Figures>;
    } finally {
        await t.close();
    }
}

export async function fleetRefresh(): Promise<void> {
    for (const kind of KINDS) {
        if (!(kind in PROGRAMS)) throw new Error(`BENCH_SCALE_KINDS: unknown kind "${kind}" (dsw, notebookv2, notebook)`);
        const small = await measure(kind, SMALL);
        const large = await measure(kind, LARGE);
        for (const cmd of ["refresh", "preview"] as const) {
            const label = `${kind} pulumi ${cmd === "refresh" ? "refresh" : "preview --refresh"}`;
            const s = small[cmd];
            const l = large[cmd];
            line(`${label}: API calls, ${LARGE}`, String(l.calls), kind === "dsw" ? "<= 12 (list pages)" : "list pages only");
            process.stdout.write(`    (${l.ops})\n`);
            line(`${label}: wall ${LARGE} / ${SMALL}`, `${(l.seconds / s.seconds).toFixed(2)} (${l.seconds.toFixed(1)}s/${s.seconds.toFixed(1)}s)`, "<= 3");
            process.stdout.write(`    (load average ${s.load.toFixed(1)} at ${SMALL}, ${l.load.toFixed(1)} at ${LARGE})\n`);
            line(`${label}: peak RSS provider ${SMALL} -> ${LARGE}`, `${s.providerMb.toFixed(0)} -> ${l.providerMb.toFixed(0)} MB`, "growth < 200 MB");
            // `pulumi refresh` does not run the program, so only preview --refresh has a program process.
            const program = l.programMb > 0 ? `${s.programMb.toFixed(0)} -> ${l.programMb.toFixed(0)} MB` : "not run";
            line(`${label}: peak RSS program ${SMALL} -> ${LARGE}`, program, "printed");
        }
    }
}
