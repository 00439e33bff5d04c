/** Runs the built `pulumi-notebooks-drift-check` as a pipeline would: its own process, the caller's environment. */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { toolchain } from "./pulumi";
import { secretAudit } from "./secretAudit";

export interface DriftCheckRun {
    code: number;
    stdout: string;
    stderr: string;
    seconds: number;
}

export interface DriftCheckOptions {
    /** Called with each progress line the check writes to stderr (one per stack checked). */
    onProgress?: (line: string, child: ChildProcess) => void;
}

const SCRIPT = path.resolve(__dirname, "../../dist/scripts/driftCheck.js");

export function runDriftCheck(env: NodeJS.ProcessEnv, args: string[], opts: DriftCheckOptions = {}): Promise<DriftCheckRun> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [SCRIPT, ...args], { env: { ...env, PULUMI_TOOLCHAIN_BIN: toolchain().bin } });
        let stdout = "";
        let stderr = "";
        let pending = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d));
        child.stderr.on("data", (d: Buffer) => {
            stderr += d;
            pending += d;
            const lines = pending.split("\n");
            pending = lines.pop() ?? "";
            for (const l of lines) if (l.startsWith("checked ")) opts.onProgress?.(l, child);
        });
        child.on("error", reject);
        child.on("close", (code) => {
            secretAudit.cliOutput("pulumi-notebooks-drift-check", stdout + stderr);
            resolve({ code: code ?? -1, stdout, stderr, seconds: (Date.now() - started) / 1000 });
        });
    });
}
