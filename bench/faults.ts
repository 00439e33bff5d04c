/**
 * Fault run: with the emulator injecting 20% 5xx, 10% throttling, latency with jitter and 1%
 * dropped connections (after the request took effect), `pulumi up` of 30 notebooks (10 of each
 * resource type: DSW, ModelArts old API, ModelArts current API) beside a colleague's look-alike
 * of one NotebookV2 must complete in one run, and `pulumi destroy` must empty the emulator of the
 * stack's notebooks and leave the colleague's. Prints leaked, duplicated and strangers-taken counts
 * (goal 0, 0, 0) and the faults the provider rode out.
 *
 *   npm run bench:faults        (BENCH_FAULT_N=30, BENCH_FAULT_SEED=1)
 *   BENCH_FAULT_SEEDS=1-30 npm run bench:faults    (one run per seed, in a row, and a tally)
 */
import { strangerNotebookV2 } from "../tests/support/clients";
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

const V2_IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";
const per = Math.ceil(N / 3);
const program = `
const { dsw, modelarts } = require("pulumi-notebooks");
for (let i = 0; i < ${per}; i++) {
    new dsw.Instance("dsw" + i, { workspaceId: "40823", instanceName: "fault_" + i, ecsSpec: "ecs.c6.large",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", shutdownTimer: { remainingTime: "8h" },
        idleCuller: { maxIdleTimeInMinutes: 60 }, labels: { run: "faults" } });
    new modelarts.Notebook("ma" + i, { name: "fault-" + i, profileId: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u",
        spec: { storage: { type: "evs" }, autoStop: { enable: true, duration: 3600 } } });
    new modelarts.NotebookV2("nb" + i, { name: "fault-v2-" + i, flavor: "modelarts.vm.cpu.2u", imageId: "${V2_IMAGE}",
        volume: { category: "EVS", capacity: 20 }, lease: { duration: "8h" }, tags: { run: "faults" } });
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
    const t = await startTestEmulator({ durations: { provision: 1500, stop: 500, update: 500, delete: 500 } });
    try {
        const proj = await PulumiProject.create("bench-faults", program, {
            ...emulatorConfig(t.url),
            env: { NOTEBOOKS_POLL_MIN_MS: "200", NOTEBOOKS_POLL_MAX_MS: "1000" },
        });
        // Made by hand before the run, exactly as the program would make it (names may repeat in this API).
        const stranger = await strangerNotebookV2(t.url, { name: "fault-v2-0", flavor: "modelarts.vm.cpu.2u", imageId: V2_IMAGE });
        await t.admin.setFaults(faults);
        const t0 = Date.now();
        const up = await proj.run(["up", "--yes", "--skip-preview", "--parallel", "16"]);
        const upSeconds = (Date.now() - t0) / 1000;
        const dswNames = (await t.admin.dswInstances()).map((i) => String(i.InstanceName));
        const maNames = (await t.admin.maInstances()).map((n) => String(n.name));
        const nbNames = (await t.admin.notebooks()).filter((n) => n.id !== stranger).map((n) => String(n.name));
        const all = [...dswNames, ...maNames, ...nbNames];
        const duplicated = all.length - new Set(all).size;
        const tracked = (await proj.resources("modelarts:NotebookV2")).map((r) => String(r.id));
        const countersUp = await t.admin.counters();
        const d0 = Date.now();
        const destroy = await proj.run(["destroy", "--yes", "--skip-preview", "--parallel", "16"]);
        const destroySeconds = (Date.now() - d0) / 1000;
        const nbsLeft = (await t.admin.notebooks()).filter((n) => n.status !== "DELETING");
        const leaked = (await t.admin.dswInstances()).length + (await t.admin.maInstances()).length + nbsLeft.filter((n) => n.id !== stranger).length;
        const strangerTaken = tracked.includes(stranger) || !nbsLeft.some((n) => n.id === stranger) ? 1 : 0;
        const c = await t.admin.counters();
        process.stdout.write(`fault run: ${N} notebooks, 20% 5xx, 10% throttling, 1% dropped connections, 5-45 ms latency, seed ${SEED}\n`);
        process.stdout.write(
            `  pulumi up:       exit ${up.code} in ${upSeconds.toFixed(1)} s, ${all.length} instances created (${dswNames.length} DSW, ${maNames.length} ModelArts, ${nbNames.length} NotebookV2)\n`,
        );
        process.stdout.write(`  pulumi destroy:  exit ${destroy.code} in ${destroySeconds.toFixed(1)} s\n`);
        process.stdout.write(`  duplicated instances after up: ${duplicated}   (goal 0)\n`);
        process.stdout.write(`  leaked instances after destroy: ${leaked}   (goal 0)\n`);
        process.stdout.write(`  stranger's look-alike taken or deleted: ${strangerTaken}   (goal 0)\n`);
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
        return up.code === 0 && destroy.code === 0 && duplicated === 0 && leaked === 0 && strangerTaken === 0;
    } finally {
        await t.close();
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
});
