/**
 * Crash runs (issue 7 §2): `pulumi up` is killed with SIGKILL (the CLI and everything it started)
 * at a random moment while it creates, updates or deletes notebooks; recovery is
 * `pulumi refresh --clear-pending-creates` then `pulumi up`. After each trial every emulator
 * instance must be tracked by the stack exactly once: prints leaked (in the cloud, not in the
 * stack) and duplicated (two instances for one resource) counts; goal 0 and 0.
 *
 *   npm run bench:crash        (BENCH_CRASH_TRIALS=20, BENCH_CRASH_SEED=1)
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SeededRandom } from "../emulator/rng";
import { startTestEmulator } from "../tests/support/emulator";
import { PulumiProject, emulatorConfig, toolchain } from "../tests/support/pulumi";

const TRIALS = Number(process.env.BENCH_CRASH_TRIALS ?? 20);
const rng = new SeededRandom(Number(process.env.BENCH_CRASH_SEED ?? 1));

const program = (n: number, spec: string) => `
const { dsw, modelarts } = require("pulumi-notebooks");
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("dsw" + i, { workspaceId: "40823", instanceName: "crash_" + i, ecsSpec: "${spec}",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", idleCuller: { maxIdleTimeInMinutes: 60 } });
    new modelarts.Notebook("ma" + i, { name: "crash-" + i, profileId: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u",
        spec: { storage: { type: "evs" } }, description: "${spec}".replace(/\\./g, "-") });
}
`;

/** Starts `pulumi up` in its own process group and SIGKILLs the whole group after `ms`. */
function upKilledAfter(proj: PulumiProject, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
        const child = spawn(path.join(toolchain().bin, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive"], {
            cwd: proj.dir,
            env: proj.env,
            detached: true,
            stdio: "ignore",
        });
        let finished = false;
        const timer = setTimeout(() => {
            if (!finished && child.pid) {
                process.kill(-child.pid, "SIGKILL");
            }
        }, ms);
        child.on("close", (code) => {
            finished = true;
            clearTimeout(timer);
            resolve(code === null); // killed
        });
    });
}

/** A killed CLI leaves the file backend's lock behind; a person would remove it too. */
function clearLocks(proj: PulumiProject): void {
    fs.rmSync(path.join(proj.dir, ".state", ".pulumi", "locks"), { recursive: true, force: true });
}

async function main(): Promise<void> {
    const t = await startTestEmulator({ durations: { provision: 1200, stop: 400, update: 400, delete: 400 } });
    let leakedTotal = 0;
    let duplicatedTotal = 0;
    let killedTotal = 0;
    try {
        process.stdout.write(
            `crash runs: ${TRIALS} trials, SIGKILL of pulumi up during create/update/delete, recovery = refresh --clear-pending-creates + up\n`,
        );
        for (let trial = 1; trial <= TRIALS; trial++) {
            await t.admin.reset();
            const n = 3;
            const proj = await PulumiProject.create(`crash${trial}`, program(n, "ecs.c6.large"), {
                ...emulatorConfig(t.url),
                env: { NOTEBOOKS_POLL_MIN_MS: "100", NOTEBOOKS_POLL_MAX_MS: "400" },
            });
            const phase = (["create", "update", "delete"] as const)[trial % 3];
            if (phase !== "create") {
                await proj.up();
                proj.writeProgram(phase === "update" ? program(n, "ecs.c6.xlarge") : program(0, "ecs.c6.large"));
            }
            const delay = 300 + Math.floor(rng.next() * 2500);
            const killed = await upKilledAfter(proj, delay);
            killedTotal += killed ? 1 : 0;
            clearLocks(proj);
            await proj.must(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
            proj.writeProgram(phase === "delete" ? program(0, "ecs.c6.large") : program(n, phase === "update" ? "ecs.c6.xlarge" : "ecs.c6.large"));
            await proj.up();
            const tracked = [...(await proj.resources("dsw:Instance")), ...(await proj.resources("modelarts:Notebook"))].map((r) => String(r.id));
            const cloud = [...(await t.admin.dswInstances()).map((i) => String(i.InstanceId)), ...(await t.admin.maInstances()).map((x) => String(x.id))];
            const leaked = cloud.filter((id) => !tracked.includes(id)).length;
            const names = [...(await t.admin.dswInstances()).map((i) => String(i.InstanceName)), ...(await t.admin.maInstances()).map((x) => String(x.name))];
            const duplicated = names.length - new Set(names).size + tracked.filter((id, i) => tracked.indexOf(id) !== i).length;
            leakedTotal += leaked;
            duplicatedTotal += duplicated;
            process.stdout.write(
                `  trial ${String(trial).padStart(2)}: kill during ${phase.padEnd(6)} after ${String(delay).padStart(4)} ms (${killed ? "killed" : "finished first"}): ${cloud.length} in cloud, ${tracked.length} tracked, leaked ${leaked}, duplicated ${duplicated}\n`,
            );
            await proj.must(["destroy", "--yes", "--skip-preview"]);
        }
        process.stdout.write(
            `total: ${killedTotal}/${TRIALS} runs killed mid-flight; leaked ${leakedTotal} (goal 0), duplicated ${duplicatedTotal} (goal 0)\n`,
        );
        if (leakedTotal + duplicatedTotal > 0) process.exitCode = 1;
    } finally {
        await t.close();
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
});
