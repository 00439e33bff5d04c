/**
 * Pipelines on a shared PostgreSQL state backend, through the real CLI: the fleet report in its
 * three formats and --repair, a pipeline killed mid-create (stale lock reported, then recovered),
 * a stack locked by a running update, and the database restarted while a check runs.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { FAST, TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { runDriftCheck } from "../support/driftCheckCli";
import { TestPostgres } from "../support/postgres";
import { killTree } from "../support/processTree";
import { PulumiProject, emulatorConfig, toolchain } from "../support/pulumi";

/** n DSW notebooks named after the project and stack, so every stack owns its own. */
const program = (n: number) => `
const pulumi = require("@pulumi/pulumi");
const { dsw } = require("pulumi-notebooks");
const tag = pulumi.getProject().replace(/-/g, "_") + "_" + pulumi.getStack();
for (let i = 0; i < ${n}; i++) {
    new dsw.Instance("nb" + i, { workspaceId: "40823", instanceName: tag + "_" + i, ecsSpec: "ecs.g6.xlarge",
        imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", shutdownTimer: { remainingTime: "4h" } });
}
`;

interface Report {
    totals: { stacks: number; clean: number; drift: number; error: number; driftedResources: number };
    exitCode: number;
    stacks: Array<{
        project: string;
        stack: string;
        status: string;
        cause?: string;
        message?: string;
        locks?: Array<{ pid: number; stale: boolean | null }>;
        resources: Array<{ name: string; properties: Array<{ key: string }> }>;
        repair?: { ok: boolean; message: string };
    }>;
}

describe("e2e: pipelines on a shared PostgreSQL state backend", function () {
    // Each case runs several CLI commands; a busy two-core machine makes them slow.
    this.timeout(420_000);
    let t: TestEmulator;
    let pg: TestPostgres;
    const projects: PulumiProject[] = [];

    const lockRows = (project: string) => Number(pg.sql(`SELECT count(*) FROM pulumi_state WHERE key LIKE '%.pulumi/locks/organization/${project}/%'`).trim());

    async function project(name: string, n: number): Promise<PulumiProject> {
        const p = await PulumiProject.create(name, program(n), { ...emulatorConfig(t.url), env: { PULUMI_BACKEND_URL: pg.url } });
        projects.push(p);
        return p;
    }

    /** A second stack of a project, configured like its dev stack. */
    async function addStack(p: PulumiProject, stack: string): Promise<void> {
        await p.must(["stack", "init", stack]);
        const cfg = emulatorConfig(t.url);
        for (const [k, v] of Object.entries(cfg.config)) await p.must(["config", "set", "--stack", stack, k, v]);
        for (const [k, v] of Object.entries(cfg.secrets)) await p.must(["config", "set", "--stack", stack, "--secret", k, v]);
    }

    /** The stack's update history entries in the table (`<db>/.pulumi/history/<project>/<stack>/*.history.json`): one per update. */
    function history(p: PulumiProject, stack: string): number {
        const project = path.basename(p.dir).replace(/-[^-]+$/, "");
        return Number(pg.sql(`SELECT count(*) FROM pulumi_state WHERE key LIKE '%.pulumi/history/${project}/${stack}/%.history.json'`).trim());
    }

    async function instancesNamed(prefix: string): Promise<Array<Record<string, unknown>>> {
        return (await t.admin.dswInstances()).filter((i) => String(i.InstanceName).startsWith(prefix));
    }

    before(async () => {
        pg = await TestPostgres.start();
        t = await startTestEmulator();
    });
    after(async () => {
        await t?.admin.setDurations(FAST);
        for (const p of projects) {
            for (const s of ["dev", "prod"]) await p.run(["destroy", "--yes", "--skip-preview", "--stack", s]);
        }
        await t?.close();
        pg?.close();
    });

    it("reports three stacks of two projects in text, JSON and Markdown; --repair updates the drifted stack only and says so", async function () {
        // Three stacks deployed, five checks, one repair: the slowest case on a loaded machine.
        this.timeout(900_000);
        const a = await project("fleet-a", 1);
        const b = await project("fleet-b", 1);
        await addStack(a, "prod");
        await Promise.all([a.up(["--stack", "dev"]), a.up(["--stack", "prod"]), b.up()]);
        // The console removes the auto-stop timer of one notebook of fleet-a/prod.
        const [drifted] = await instancesNamed("fleet_a_prod_0");
        await t.admin.dswDeleteTimer(String(drifted.InstanceId));
        const args = ["--cwd", a.dir, "--cwd", b.dir, "--all-stacks", "--parallel", "3"];

        const text = await runDriftCheck(a.env, args);
        assert.equal(text.code, 1, text.stdout + text.stderr);
        assert.match(text.stdout, /No drift in stack fleet-a\/dev: the cloud matches the program\./);
        assert.match(text.stdout, /Drift in stack fleet-a\/prod: 1 resource\(s\) differ from the program\./);
        assert.match(text.stdout, /nb0 \(pulumi-nodejs:dynamic\/dsw:Instance\): update\n\s+shutdownTimer: \(absent\) -> \{"remainingTime":"4h"\}/);
        assert.match(text.stdout, /No drift in stack fleet-b\/dev/);
        assert.match(text.stdout, /Totals: 3 stack\(s\): 2 clean, 1 drifted \(1 resource\(s\)\), 0 could not be checked\./);
        assert.equal(text.stderr.match(/^checked /gm)?.length, 3, text.stderr);

        const json = await runDriftCheck(a.env, [...args, "--json"]);
        assert.equal(json.code, 1, json.stderr);
        const report = JSON.parse(json.stdout) as Report;
        assert.deepEqual(report.totals, { stacks: 3, clean: 2, drift: 1, error: 0, driftedResources: 1 });
        assert.equal(report.exitCode, 1);
        const prod = report.stacks.find((s) => s.project === "fleet-a" && s.stack === "prod");
        assert.equal(prod?.status, "drift");
        assert.deepEqual(
            prod?.resources.map((r) => [r.name, r.properties.map((p) => p.key)]),
            [["nb0", ["shutdownTimer"]]],
        );

        const md = await runDriftCheck(a.env, [...args, "--markdown"]);
        assert.equal(md.code, 1, md.stderr);
        assert.match(md.stdout, /^## Notebook drift check$/m);
        assert.match(md.stdout, /3 stack\(s\): \*\*2 clean\*\*, \*\*1 drifted\*\* \(1 resource\(s\)\), \*\*0 could not be checked\*\*\./);
        assert.match(md.stdout, /\| fleet-a \| dev \| ✅ clean \| {2}\|/);
        assert.match(md.stdout, /\| fleet-a \| prod \| ⚠️ drift \| nb0: shutdownTimer \|/);
        assert.match(md.stdout, /\| fleet-b \| dev \| ✅ clean \| {2}\|/);
        assert.match(
            md.stdout,
            /### fleet-a\/prod\n\n\| Resource \| Property \| Cloud \| Program \|\n\| --- \| --- \| --- \| --- \|\n\| nb0 \| shutdownTimer \| `\(absent\)` \| `\{"remainingTime":"4h"\}` \|/,
        );

        const before = { aDev: history(a, "dev"), aProd: history(a, "prod"), bDev: history(b, "dev") };
        const repair = await runDriftCheck(a.env, [...args, "--repair"]);
        assert.match(repair.stdout, /Drift in stack fleet-a\/prod: 1 resource\(s\)/, repair.stdout + repair.stderr);
        assert.match(repair.stdout, /repair \(pulumi up --refresh\): done: 1 update/);
        assert.equal(repair.stdout.match(/repair \(pulumi up --refresh\)/g)?.length, 1, repair.stdout);
        // One new update in the drifted stack's history; none in the clean ones.
        assert.deepEqual({ aDev: history(a, "dev"), aProd: history(a, "prod"), bDev: history(b, "dev") }, { ...before, aProd: before.aProd + 1 });
        const again = await runDriftCheck(a.env, [...args, "--json"]);
        assert.equal(again.code, 0, again.stdout + again.stderr);
        assert.equal((JSON.parse(again.stdout) as Report).totals.clean, 3);
    });

    it("a pipeline killed mid-create: the next run and the check report the stale lock; cancel, refresh --clear-pending-creates and up recover with nothing leaked or doubled", async () => {
        const k = await project("killed", 3);
        // Long provisioning: the creates are under way when the runner dies.
        await t.admin.setDurations({ provision: 60_000 });
        const child = spawn(path.join(toolchain().bin, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive"], {
            cwd: k.dir,
            env: k.env,
            detached: true,
            stdio: "ignore",
        });
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
        try {
            await eventually(async () => (await instancesNamed("killed_dev_")).length >= 1, 120_000, "the first create reached the cloud");
        } finally {
            // The runner dies with everything it started: the CLI, and the language host, program and
            // providers, which Pulumi starts in process groups of their own (cmdutil.RegisterProcessGroup).
            if (child.pid) killTree(child.pid);
        }
        assert.equal(await exited, null, "pulumi up was killed, it did not finish");
        await t.admin.setDurations(FAST);
        assert.equal(lockRows("killed"), 1, "the killed run left its lock row");

        const next = await k.run(["up", "--yes", "--skip-preview"]);
        assert.notEqual(next.code, 0, next.output);
        assert.match(next.output, /the stack is currently locked by 1 lock\(s\)/);

        const check = await runDriftCheck(k.env, ["--cwd", k.dir, "--stack", "dev", "--json"]);
        assert.equal(check.code, 2, check.stdout + check.stderr);
        const r = (JSON.parse(check.stdout) as Report).stacks[0];
        assert.equal(r.cause, "locked", check.stdout);
        assert.equal(r.locks?.length, 1);
        assert.equal(r.locks?.[0].stale, true, "the lock's process is gone: stale");
        assert.equal(r.locks?.[0].pid !== undefined && r.locks[0].pid > 0, true);
        const text = await runDriftCheck(k.env, ["--cwd", k.dir, "--stack", "dev"]);
        assert.equal(text.code, 2);
        assert.match(text.stdout, /Could not check stack dev: locked by another update\./);
        assert.match(text.stdout, /that process is gone: a stale lock left by a killed run/);
        assert.match(text.stdout, /pulumi cancel --yes --stack dev/);
        assert.doesNotMatch(text.stdout + text.stderr, new RegExp(pg.password), "the backend URL's password is not printed");

        await k.must(["cancel", "--yes"]);
        assert.equal(lockRows("killed"), 0, "pulumi cancel removed the lock row");
        await k.must(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
        await k.up();
        const cloud = await instancesNamed("killed_dev_");
        const names = cloud.map((i) => String(i.InstanceName)).sort();
        assert.deepEqual(names, ["killed_dev_0", "killed_dev_1", "killed_dev_2"], "each notebook exactly once at the cloud: 0 duplicated");
        const tracked = (await k.resources("dsw:Instance")).map((x) => String(x.id)).sort();
        assert.deepEqual(tracked, cloud.map((i) => String(i.InstanceId)).sort(), "every notebook at the cloud is in state: 0 leaked");
        const clean = await runDriftCheck(k.env, ["--cwd", k.dir, "--stack", "dev"]);
        assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    });

    it("a stack locked by a running update is reported as locked at once, and the update finishes unharmed", async () => {
        const r = await project("running", 1);
        await t.admin.setDurations({ provision: 30_000 });
        let finished = false;
        const up = r.run(["up", "--yes", "--skip-preview"]).then((x) => ((finished = true), x));
        try {
            await eventually(() => lockRows("running") === 1, 120_000, "the update took its lock");
            const check = await runDriftCheck(r.env, ["--cwd", r.dir, "--stack", "dev", "--json"]);
            assert.equal(finished, false, "the check returned while the update still ran: it did not wait for it");
            assert.equal(check.code, 2, check.stdout + check.stderr);
            const s = (JSON.parse(check.stdout) as Report).stacks[0];
            assert.equal(s.cause, "locked");
            assert.equal(s.locks?.[0].stale, false, "the lock's process still runs");
            assert.match(s.message ?? "", /that process is still running/);
            assert.match(s.message ?? "", /wait for that update to end/);
        } finally {
            await t.admin.setDurations(FAST);
        }
        const done = await up;
        assert.equal(done.code, 0, done.output);
        assert.equal(lockRows("running"), 0);
        assert.equal((await r.resources("dsw:Instance")).length, 1);
        const clean = await runDriftCheck(r.env, ["--cwd", r.dir, "--stack", "dev"]);
        assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    });

    it("the database restarted during a check: the stacks it hit report a backend error (exit 2), none a false drift, and nothing is lost", async () => {
        const p = await project("restart", 1);
        await addStack(p, "prod");
        await Promise.all([p.up(["--stack", "dev"]), p.up(["--stack", "prod"])]);
        const rows = pg.sql("SELECT key, md5(data::text) FROM pulumi_state WHERE key NOT LIKE '%/history/%' ORDER BY key");
        await t.admin.resetCounters();
        let restarted = false;
        // The database goes down while the first stack's refresh is at the cloud, and comes back
        // once the check has reported a stack: a restart in the middle of the fleet.
        const watcher = (async () => {
            await eventually(async () => (await t.admin.counters()).total > 0, 120_000, "the check's first refresh reached the cloud");
            pg.stopServer();
        })();
        const check = await runDriftCheck(p.env, ["--cwd", p.dir, "--all-stacks", "--parallel", "1", "--json"], {
            onProgress: () => {
                if (!restarted) {
                    restarted = true;
                    pg.startServer();
                }
            },
        });
        await watcher;
        if (!restarted) pg.startServer();
        assert.equal(check.code, 2, check.stdout + check.stderr);
        const report = JSON.parse(check.stdout) as Report;
        assert.equal(report.totals.stacks, 2);
        assert.equal(report.totals.drift, 0, "no stack reported a false drift");
        assert.ok(report.totals.error >= 1, check.stdout);
        for (const s of report.stacks.filter((x) => x.status === "error")) assert.equal(s.cause, "backend", JSON.stringify(s));
        assert.equal(pg.sql("SELECT key, md5(data::text) FROM pulumi_state WHERE key NOT LIKE '%/history/%' ORDER BY key"), rows, "state unchanged");
        for (const s of ["dev", "prod"]) await p.must(["refresh", "--yes", "--expect-no-changes", "--stack", s]);
        const again = await runDriftCheck(p.env, ["--cwd", p.dir, "--all-stacks"]);
        assert.equal(again.code, 0, again.stdout + again.stderr);
    });
});
