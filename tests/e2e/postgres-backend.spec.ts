import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { TestPostgres } from "../support/postgres";
import { PulumiProject, emulatorConfig, toolchain } from "../support/pulumi";
import { secretAudit } from "../support/secretAudit";
import { decodeBlob } from "../../scripts/lib/stackLocks";

const program = (name: string) => `
const { dsw } = require("pulumi-notebooks");
const nb = new dsw.Instance("team-nb", { workspaceId: "40823", instanceName: "${name}", ecsSpec: "ecs.g6.xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", shutdownTimer: { remainingTime: "4h" } });
exports.id = nb.instanceId;
`;

function driftCheck(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const script = path.resolve(__dirname, "../../dist/scripts/driftCheck.js");
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [script, ...args], { env: { ...env, PULUMI_TOOLCHAIN_BIN: toolchain().bin } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d));
        child.stderr.on("data", (d: Buffer) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => {
            secretAudit.cliOutput("pulumi-notebooks-drift-check", stdout + stderr);
            resolve({ code: code ?? -1, stdout, stderr });
        });
    });
}

describe("e2e: PostgreSQL as the team's state backend", function () {
    // Each case runs several CLI commands; a busy two-core machine makes them slow.
    this.timeout(300_000);
    let t: TestEmulator;
    let pg: TestPostgres;
    let a: PulumiProject;
    let b: PulumiProject;
    before(async () => {
        pg = await TestPostgres.start();
        t = await startTestEmulator();
        const cfg = emulatorConfig(t.url);
        a = await PulumiProject.create("team-a", program("pg_nb_a"), { ...cfg, env: { PULUMI_BACKEND_URL: pg.url } });
        b = await PulumiProject.create("team-b", program("pg_nb_b"), { ...cfg, env: { PULUMI_BACKEND_URL: pg.url } });
        await Promise.all([a.up(), b.up()]);
    });
    after(async () => {
        if (a) await a.run(["destroy", "--yes", "--skip-preview"]);
        if (b) await b.run(["destroy", "--yes", "--skip-preview"]);
        await t?.close();
        pg?.close();
    });

    it("keeps the stacks in the database table and drift-checks both projects in one report", async () => {
        const keys = pg.sql("SELECT key FROM pulumi_state ORDER BY key").split("\n");
        assert.ok(
            keys.some((k) => /stacks\/team-a\/dev\.json/.test(k)),
            keys.join("\n"),
        );
        assert.ok(
            keys.some((k) => /stacks\/team-b\/dev\.json/.test(k)),
            keys.join("\n"),
        );
        await a.must(["refresh", "--yes", "--expect-no-changes"]);
        const r = await driftCheck(a.env, ["--cwd", a.dir, "--cwd", b.dir, "--all-stacks", "--json"]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const report = JSON.parse(r.stdout) as { totals: { stacks: number; clean: number } };
        assert.deepEqual([report.totals.stacks, report.totals.clean], [2, 2]);
    });

    it("stores no secret in plain text in the table's rows", () => {
        // The postgres bucket stores each blob as {"data": "<base64>"}: search the bytes Pulumi wrote, not their encoding.
        const rows = pg
            .sql("SELECT key, data::text FROM pulumi_state")
            .split("\n")
            .filter(Boolean)
            .map((row) => `${row.slice(0, row.indexOf("|"))} ${decodeBlob(row.slice(row.indexOf("|") + 1))}`)
            .join("\n");
        assert.match(rows, /"ciphertext":|"salt":/, "the decoded rows hold the stack's encrypted values");
        const secrets = Object.values(emulatorConfig(t.url).secrets);
        assert.ok(secrets.length > 0);
        assert.ok(rows.length > 0);
        const hits = secrets.filter((s) => rows.includes(s));
        assert.deepEqual(hits, [], "secrets found in pulumi_state rows");
        assert.ok(!rows.includes(pg.password));
    });

    it("reports exit 2 (state backend unreachable) while the database is down, and loses nothing", async () => {
        const before = pg.sql("SELECT count(*) FROM pulumi_state");
        pg.stopServer();
        let down;
        try {
            down = await driftCheck(a.env, ["--cwd", a.dir, "--cwd", b.dir, "--stack", "dev"]);
        } finally {
            pg.startServer();
        }
        assert.equal(down.code, 2, down.stdout + down.stderr);
        assert.match(down.stdout, /Could not check stack team-a\/dev: the state backend could not be reached/);
        assert.match(down.stdout, /Could not check stack team-b\/dev: the state backend could not be reached/);
        assert.equal(pg.sql("SELECT count(*) FROM pulumi_state"), before);
        const again = await driftCheck(a.env, ["--cwd", a.dir, "--cwd", b.dir, "--stack", "dev"]);
        assert.equal(again.code, 0, again.stdout + again.stderr);
    });

    it("two `pulumi up` on one stack at once: the one that finds the other's lock fails at once on it; one notebook, state intact", async () => {
        const c = await PulumiProject.create("team-c", program("pg_nb_c"), { ...emulatorConfig(t.url), env: { PULUMI_BACKEND_URL: pg.url } });
        try {
            // Pulumi's postgres Lock writes its row, then looks for others and backs off if it finds
            // one (pkg/backend/diy/postgres): two runs that write in the same instant both back off.
            // The second pipeline starts once the first holds its lock, as a second runner would.
            const started = Date.now();
            const timed = (r: Promise<{ code: number | null; output: string }>) => r.then((x) => ({ ...x, seconds: (Date.now() - started) / 1000 }));
            const first = timed(c.run(["up", "--yes", "--skip-preview"]));
            const deadline = Date.now() + 120_000;
            while (Number(pg.sql("select count(*) from pulumi_state where key like '%/locks/%'").trim()) === 0) {
                if (Date.now() > deadline) throw new Error("the first up never took its lock");
                await new Promise((r) => setTimeout(r, 100));
            }
            const runs = await Promise.all([first, timed(c.run(["up", "--yes", "--skip-preview"]))]);
            const ok = runs.filter((r) => r.code === 0);
            const refused = runs.filter((r) => r.code !== 0);
            assert.equal(ok.length, 1, runs.map((r) => r.output).join("\n----\n"));
            assert.match(refused[0].output, /the stack is currently locked by 1 lock\(s\)/);
            assert.ok(refused[0].seconds < ok[0].seconds, "the refused run did not wait for the other");
            assert.equal((await c.resources("dsw:Instance")).length, 1);
            await c.must(["refresh", "--yes", "--expect-no-changes"]);
        } finally {
            await c.run(["destroy", "--yes", "--skip-preview"]);
        }
    });
});
