import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig, toolchain } from "../support/pulumi";
import { secretAudit } from "../support/secretAudit";

const program = `
const { dsw } = require("pulumi-notebooks");
const nb = new dsw.Instance("team-nb", { workspaceId: "40823", instanceName: "drift_nb", ecsSpec: "ecs.g6.xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10", shutdownTimer: { remainingTime: "4h" } });
exports.id = nb.instanceId;
`;

function driftCheck(proj: PulumiProject, args: string[] = ["--cwd", proj.dir, "--stack", "dev"]): Promise<{ code: number; stdout: string; stderr: string }> {
    const script = path.resolve(__dirname, "../../dist/scripts/driftCheck.js");
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [script, ...args], {
            env: { ...proj.env, PULUMI_TOOLCHAIN_BIN: toolchain().bin },
        });
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

describe("e2e: the drift-detection pipeline script", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("drift-pipeline", program, emulatorConfig(t.url));
        await proj.up();
    });
    after(async () => {
        await proj.run(["destroy", "--yes", "--skip-preview"]);
        await t.close();
    });

    it("exits 0 with a clean report when nothing drifted", async () => {
        const r = await driftCheck(proj);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /No drift in stack dev/);
    });

    it("exits 1 and names the drifted properties when a notebook was changed outside Pulumi", async () => {
        const id = String((await proj.outputs()).id);
        await t.admin.dswStop(id);
        await t.admin.dswDeleteTimer(id);
        await eventually(async () => (await t.admin.dswInstance(id)).Status === "Stopped", 30_000, `${id} stopped in the console`);
        const r = await driftCheck(proj);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /Drift in stack dev: 1 resource\(s\)/);
        assert.match(r.stdout, /team-nb \(pulumi-nodejs:dynamic\/dsw:Instance\): update/);
        assert.match(r.stdout, /status: "Stopped" -> "Running"/);
        assert.match(r.stdout, /shutdownTimer: \(absent\) -> \{"remainingTime":"4h"\}/);
    });

    it("exits 2 when the check itself cannot run", async () => {
        const saved = proj.env.PULUMI_CONFIG_PASSPHRASE;
        proj.env.PULUMI_CONFIG_PASSPHRASE = "wrong";
        try {
            const r = await driftCheck(proj);
            assert.equal(r.code, 2, r.stdout + r.stderr);
        } finally {
            proj.env.PULUMI_CONFIG_PASSPHRASE = saved;
        }
    });

    it("refuses an unknown argument with the usage and exit 2, checking nothing", async () => {
        const r = await driftCheck(proj, ["--cwd", proj.dir, "--all-stack"]);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /unknown option --all-stack/);
        assert.match(r.stderr, /usage: pulumi-notebooks-drift-check/);
        assert.equal(r.stdout, "");
    });

    it("checks every stack of two projects in one report (text, JSON, Markdown), exit 1 for the drift in one", async () => {
        const other = await PulumiProject.create("drift-pipeline-b", program.replace("drift_nb", "drift_nb_b"), emulatorConfig(t.url));
        // Both projects share one backend, as a team's stacks do.
        other.env.PULUMI_BACKEND_URL = proj.env.PULUMI_BACKEND_URL;
        await other.must(["stack", "init", "dev"]);
        const cfg = emulatorConfig(t.url);
        for (const [k, v] of Object.entries(cfg.config)) await other.must(["config", "set", k, v]);
        for (const [k, v] of Object.entries(cfg.secrets)) await other.must(["config", "set", "--secret", k, v]);
        await other.up();
        try {
            const cwds = ["--cwd", proj.dir, "--cwd", other.dir, "--all-stacks", "--parallel", "2"];
            const text = await driftCheck(proj, cwds);
            assert.equal(text.code, 1, text.stdout + text.stderr);
            assert.match(text.stdout, /Drift in stack drift-pipeline\/dev: 1 resource\(s\)/);
            assert.match(text.stdout, /No drift in stack drift-pipeline-b\/dev/);
            assert.match(text.stdout, /Totals: 2 stack\(s\): 1 clean, 1 drifted/);
            const json = await driftCheck(proj, [...cwds, "--json"]);
            assert.equal(json.code, 1, json.stderr);
            const report = JSON.parse(json.stdout) as {
                totals: { clean: number; drift: number; error: number };
                stacks: Array<{ project: string; status: string; resources: Array<{ properties: Array<{ key: string }> }> }>;
            };
            assert.deepEqual(report.totals, { stacks: 2, clean: 1, drift: 1, error: 0, driftedResources: 1 });
            const a = report.stacks.find((x) => x.project === "drift-pipeline");
            assert.equal(a?.status, "drift");
            assert.ok(a?.resources[0].properties.some((p) => p.key === "status"));
            const md = await driftCheck(proj, [...cwds, "--markdown"]);
            assert.equal(md.code, 1, md.stderr);
            assert.match(md.stdout, /\| drift-pipeline \| dev \| ⚠️ drift \|/);
            assert.match(md.stdout, /\| drift-pipeline-b \| dev \| ✅ clean \|/);
        } finally {
            await other.run(["destroy", "--yes", "--skip-preview"]);
        }
    }).timeout(300_000);
});
