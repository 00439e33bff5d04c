/**
 * Crash runs: `pulumi up` is killed with SIGKILL (the CLI and everything it started) at a random
 * moment while it creates, updates, replaces or deletes notebooks of all three resource types,
 * beside a colleague's look-alike NotebookV2; recovery is `pulumi refresh --clear-pending-creates`
 * then `pulumi up` (plus, for the old ModelArts API, which keeps no mark, adopting by id the
 * notebooks the next `up` names in its clash error: docs/recovery.md). After each trial every
 * emulator instance must be tracked by the stack exactly once and the stranger untouched: prints
 * leaked, duplicated and strangers-taken counts; goal 0, 0 and 0.
 *
 *   npm run bench:crash        (BENCH_CRASH_TRIALS=20, BENCH_CRASH_SEED=1)
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SeededRandom } from "../emulator/rng";
import { startTestEmulator } from "../tests/support/emulator";
import { strangerNotebookV2 } from "../tests/support/clients";
import { PulumiProject, emulatorConfig, toolchain } from "../tests/support/pulumi";
import { killTree } from "../tests/support/processTree";

const TRIALS = Number(process.env.BENCH_CRASH_TRIALS ?? 20);
const rng = new SeededRandom(Number(process.env.BENCH_CRASH_SEED ?? 1));

type Phase = "create" | "update" | "replace" | "delete";

/**
 * n notebooks of each resource type; `spec` moves an update (DSW spec, old-API description, V2
 * flavor: stop, update, start), `replaced` forces replacements (DSW tags and old-API flavor with
 * the name kept: delete first; V2 a smaller disk: create first). `adopt` names old-API notebooks a
 * crashed run left behind (that API keeps no mark: docs/recovery.md).
 */
const program = (n: number, spec: string, replaced = false, adopt: Record<string, string> = {}) => `
const { dsw, modelarts } = require("pulumi-notebooks");
const adopt = ${JSON.stringify(adopt)};
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("dsw" + i, { workspaceId: "40823", instanceName: "crash_" + i, ecsSpec: "${spec}",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", idleCuller: { maxIdleTimeInMinutes: 60 }${replaced ? ', tags: { gen: "2" }' : ""} });
    new modelarts.Notebook("ma" + i, { name: "crash-" + i, profileId: "Multi-Engine 1.0 (python3)-cpu",
        flavor: "${replaced ? "modelarts.vm.cpu.8u" : "modelarts.vm.cpu.2u"}",
        spec: { storage: { type: "evs" } }, description: "${spec}".replace(/\\./g, "-"),
        ...(adopt["crash-" + i] ? { adopt: { instanceId: adopt["crash-" + i] } } : {}) });
    new modelarts.NotebookV2("nb" + i, { name: "crash-v2-" + i, flavor: "${spec === "ecs.c6.large" ? "modelarts.vm.cpu.2u" : "modelarts.vm.cpu.8u"}",
        imageId: "${V2_IMAGE}", volume: { category: "EVS", capacity: ${replaced ? 10 : 20} }, lease: { duration: "8h" } });
}
`;
const V2_IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";

/** Starts `pulumi up` and SIGKILLs it and every process it started (its plugins too) after `ms`. */
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
                killTree(child.pid);
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
    let strangersTaken = 0;
    let adoptedOrphans = 0;
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
            const phase = (["create", "update", "replace", "delete"] as const)[trial % 4] satisfies Phase;
            // A colleague's look-alike of a V2 notebook (names may repeat there): never to be taken.
            const stranger = await strangerNotebookV2(t.url, { name: "crash-v2-0", flavor: "modelarts.vm.cpu.2u", imageId: V2_IMAGE });
            const target = () =>
                phase === "delete" ? program(0, "ecs.c6.large") : program(n, phase === "update" ? "ecs.c6.xlarge" : "ecs.c6.large", phase === "replace");
            if (phase !== "create") {
                await proj.up();
                proj.writeProgram(target());
            }
            const delay = 300 + Math.floor(rng.next() * 2500);
            const killed = await upKilledAfter(proj, delay);
            killedTotal += killed ? 1 : 0;
            clearLocks(proj);
            try {
                await proj.must(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
            } catch (e) {
                const walk = (d: string): string[] =>
                    fs
                        .readdirSync(d, { withFileTypes: true })
                        .flatMap((x) => (x.isDirectory() ? walk(path.join(d, x.name)) : [`${path.join(d, x.name)} ${fs.statSync(path.join(d, x.name)).size}`]));
                process.stdout.write(walk(path.join(proj.dir, ".state")).join("\n") + "\n");
                throw e;
            }
            let recovery = await proj.run(["up", "--yes", "--skip-preview"]);
            // The old API keeps no mark: a notebook the killed run made is named by the clash; adopt it, as the message says.
            const orphans = Object.fromEntries(
                [...recovery.output.matchAll(/a ModelArts notebook named (\S+) already exists in project \S+ \((DE-[0-9a-f-]+)\)/g)].map((m) => [m[1], m[2]]),
            );
            if (recovery.code !== 0 && Object.keys(orphans).length > 0) {
                adoptedOrphans += Object.keys(orphans).length;
                proj.writeProgram(
                    phase === "delete" ? target() : program(n, phase === "update" ? "ecs.c6.xlarge" : "ecs.c6.large", phase === "replace", orphans),
                );
                recovery = await proj.run(["up", "--yes", "--skip-preview"]);
            }
            if (recovery.code !== 0) throw new Error(`recovery up failed:\n${recovery.output}`);
            const tracked = [
                ...(await proj.resources("dsw:Instance")),
                ...(await proj.resources("modelarts:Notebook")),
                ...(await proj.resources("modelarts:NotebookV2")),
            ].map((r) => String(r.id));
            const nbs = (await t.admin.notebooks()).filter((x) => x.status !== "DELETING");
            const cloud = [
                ...(await t.admin.dswInstances()).map((i) => String(i.InstanceId)),
                ...(await t.admin.maInstances()).map((x) => String(x.id)),
                ...nbs.map((x) => String(x.id)).filter((id) => id !== stranger),
            ];
            const leaked = cloud.filter((id) => !tracked.includes(id)).length;
            const names = [
                ...(await t.admin.dswInstances()).map((i) => String(i.InstanceName)),
                ...(await t.admin.maInstances()).map((x) => String(x.name)),
                ...nbs.filter((x) => x.id !== stranger).map((x) => String(x.name)),
            ];
            const duplicated = names.length - new Set(names).size + tracked.filter((id, i) => tracked.indexOf(id) !== i).length;
            const strangerTaken = tracked.includes(stranger) || !nbs.some((x) => x.id === stranger) ? 1 : 0;
            leakedTotal += leaked;
            duplicatedTotal += duplicated;
            strangersTaken += strangerTaken;
            process.stdout.write(
                `  trial ${String(trial).padStart(2)}: kill during ${phase.padEnd(7)} after ${String(delay).padStart(4)} ms (${killed ? "killed" : "finished first"}): ${cloud.length} in cloud, ${tracked.length} tracked, leaked ${leaked}, duplicated ${duplicated}, stranger taken ${strangerTaken}${Object.keys(orphans).length ? `, old-API orphans adopted by id ${Object.keys(orphans).length}` : ""}\n`,
            );
            await proj.must(["destroy", "--yes", "--skip-preview"]);
        }
        process.stdout.write(
            `total: ${killedTotal}/${TRIALS} runs killed mid-flight; leaked ${leakedTotal} (goal 0), duplicated ${duplicatedTotal} (goal 0), strangers taken ${strangersTaken} (goal 0); old-API notebooks named by a clash and adopted by id: ${adoptedOrphans}\n`,
        );
        if (leakedTotal + duplicatedTotal + strangersTaken > 0) process.exitCode = 1;
    } finally {
        await t.close();
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
});
