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

function driftCheck(proj: PulumiProject): Promise<{ code: number; stdout: string; stderr: string }> {
    const script = path.resolve(__dirname, "../../dist/scripts/driftCheck.js");
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [script, "--cwd", proj.dir, "--stack", "dev"], {
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
});
