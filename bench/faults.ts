/**
 * Fault run (issue 7 §1): with the emulator injecting 20% 5xx, 10% throttling, latency with
 * jitter and 1% dropped connections (after the request took effect), `pulumi up` of 30 notebooks
 * (15 DSW, 15 ModelArts) must complete in one run and `pulumi destroy` must empty the emulator.
 * Prints leaked and duplicated instance counts (goal 0 and 0) and the faults the provider rode out.
 *
 *   npm run bench:faults        (BENCH_FAULT_N=30, BENCH_FAULT_SEED=1)
 *   BENCH_FAULT_SEEDS=1-30 npm run bench:faults    (one run per seed, in a row, and a tally)
 */
import { startTestEmulator } from "../tests/support/emulator";
import { PulumiProject, emulatorConfig } from "../tests/support/pulumi";

const N = Number(process.env.BENCH_FAULT_N ?? 30);
/** `1-30` or `7`: the seeds to run, one fault run each. */
function seeds(): number[] {
    const spec = process.env.BENCH_FAULT_SEEDS ?? process.env.BENCH_FAULT_SEED ?? "1";
    const m = /^(\d+)-(\d+)$/.exec(spec);
    if (!m) return [Number(spec)];
    const out: number[] = [];
    for (let s = Number(m[1]); s <= Number(m[2]); s++) out.push(s);
    return out;
}

const program = `
const { dsw, modelarts } = require("pulumi-notebooks");
for (let i = 0; i < ${Math.ceil(N / 2)}; i++) {
    new dsw.Instance("dsw" + i, { workspaceId: "40823", instanceName: "fault_" + i, ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", shutdownTimer: { remainingTime: "8h" },
        idleCuller: { maxIdleTimeInMinutes: 60 }, labels: { run: "faults" } });
}
for (let i = 0; i < ${Math.floor(N / 2)}; i++) {
    new modelarts.Notebook("ma" + i, { name: "fault-" + i, profileId: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u",
        spec: { storage: { type: "evs" }, autoStop: { enable: true, duration: 3600 } } });
}
`;

async function main(): Promise<void> {
    const list = seeds();
    const failed: number[] = [];
    for (const seed of list) {
        if (!(await faultRun(seed))) failed.push(seed);
    }
    if (list.length > 1) {
        process.stdout.write(
            `fault runs: ${list.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (seeds ${failed.join(", ")})` : ""}\n`,
        );
    }
    if (failed.length > 0) process.exitCode = 1;
}

/** One fault run; true when up and destroy both succeeded with nothing leaked or duplicated. */
async function faultRun(SEED: number): Promise<boolean> {
    const faults = { seed: SEED, serverErrorRate: 0.2, throttleRate: 0.1, dropRate: 0.01, latencyMs: 5, jitterMs: 40, retryAfterMs: 100 };
    const t = await startTestEmulator({ durations: { provision: 1500, stop: 500, update: 500, delete: 500 }, faults });
    try {
        const proj = await PulumiProject.create("bench-faults", program, {
            ...emulatorConfig(t.url),
            env: { NOTEBOOKS_POLL_MIN_MS: "200", NOTEBOOKS_POLL_MAX_MS: "1000" },
        });
        const t0 = Date.now();
        const up = await proj.run(["up", "--yes", "--skip-preview", "--parallel", "16"]);
        const upSeconds = (Date.now() - t0) / 1000;
        const dswNames = (await t.admin.dswInstances()).map((i) => String(i.InstanceName));
        const maNames = (await t.admin.maInstances()).map((n) => String(n.name));
        const duplicated = [...dswNames, ...maNames].length - new Set([...dswNames, ...maNames]).size;
        const countersUp = await t.admin.counters();
        const d0 = Date.now();
        const destroy = await proj.run(["destroy", "--yes", "--skip-preview", "--parallel", "16"]);
        const destroySeconds = (Date.now() - d0) / 1000;
        const leaked = (await t.admin.dswInstances()).length + (await t.admin.maInstances()).length;
        const c = await t.admin.counters();
        process.stdout.write(`fault run: ${N} notebooks, 20% 5xx, 10% throttling, 1% dropped connections, 5-45 ms latency, seed ${SEED}\n`);
        process.stdout.write(`  pulumi up:       exit ${up.code} in ${upSeconds.toFixed(1)} s, ${dswNames.length + maNames.length} instances created\n`);
        process.stdout.write(`  pulumi destroy:  exit ${destroy.code} in ${destroySeconds.toFixed(1)} s\n`);
        process.stdout.write(`  duplicated instances after up: ${duplicated}   (goal 0)\n`);
        process.stdout.write(`  leaked instances after destroy: ${leaked}   (goal 0)\n`);
        process.stdout.write(`  requests ${c.total} (up ${countersUp.total}); injected faults ridden out: ${JSON.stringify(c.faults)}\n`);
        if (up.code !== 0 || destroy.code !== 0) {
            process.stdout.write(
                (up.code !== 0 ? up.output : destroy.output)
                    .split("\n")
                    .filter((l) => /error/i.test(l))
                    .slice(0, 10)
                    .join("\n") + "\n",
            );
        }
        return up.code === 0 && destroy.code === 0 && duplicated === 0 && leaked === 0;
    } finally {
        await t.close();
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
});
