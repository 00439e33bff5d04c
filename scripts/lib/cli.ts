/** Runs the real `pulumi` binary for scripts and tests, offline, with an explicit environment. */
import { spawn } from "node:child_process";
import * as path from "node:path";

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
    output: string;
}

export interface PulumiEnvOptions {
    bin: string;
    home: string;
    backendDir: string;
    passphrase: string;
    extra?: Record<string, string>;
}

/** The process environment minus cloud credentials, plus the offline Pulumi settings. */
export function pulumiEnv(o: PulumiEnvOptions): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        // The clouds' variables, and the aliases pulumi-alicloud and Terraform read, come only from `extra`.
        if (!/^(ALIBABA_CLOUD_|ALICLOUD_|HUAWEICLOUD_|HW_|NOTEBOOKS_|PULUMI_)/.test(k)) env[k] = v;
    }
    return {
        ...env,
        PATH: `${o.bin}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_HOME: o.home,
        PULUMI_BACKEND_URL: `file://${o.backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: o.passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        ...o.extra,
    };
}

/** Runs pulumi asynchronously (an in-process emulator keeps serving meanwhile). */
export function runPulumi(bin: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean }): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(path.join(bin, "pulumi"), [...args, "--non-interactive"], { cwd: opts.cwd, env: opts.env });
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout.on("data", (d: Buffer) => {
            stdout += d;
            output += d;
            if (opts.echo) process.stdout.write(d);
        });
        child.stderr.on("data", (d: Buffer) => {
            stderr += d;
            output += d;
            if (opts.echo) process.stderr.write(d);
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
    });
}
