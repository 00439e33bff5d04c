#!/usr/bin/env node
/**
 * Drift detection for pipelines: `pulumi preview --refresh --expect-no-changes --json` on a stack,
 * turned into a readable report of which resources drifted and how.
 *
 *   node dist/scripts/driftCheck.js [--cwd <project dir>] [--stack <name>]
 *
 * Exit status: 0 no drift, 1 drift (report on stdout), 2 the check itself failed.
 * Uses `pulumi` from PULUMI_TOOLCHAIN_BIN when set, else from PATH, with the caller's environment
 * (backend, passphrase, cloud credentials).
 */
import * as path from "node:path";
import { runPulumi } from "./lib/cli";

interface Step {
    op: string;
    urn: string;
    diffReasons?: string[];
    oldState?: { inputs?: Record<string, unknown>; type?: string };
    newState?: { inputs?: Record<string, unknown>; type?: string };
}

interface PreviewJson {
    steps?: Step[];
    diagnostics?: Array<{ message?: string; severity?: string }>;
    changeSummary?: Record<string, number>;
}

const NOISE = new Set(["same", "refresh", "read"]);

function show(v: unknown): string {
    return v === undefined ? "(absent)" : JSON.stringify(v);
}

export function driftReport(stack: string, preview: PreviewJson): { drifted: boolean; text: string } {
    const changed = (preview.steps ?? []).filter((s) => !NOISE.has(s.op) && !s.urn.includes("pulumi:pulumi:Stack"));
    if (changed.length === 0) {
        return { drifted: false, text: `No drift in stack ${stack}: the cloud matches the program.` };
    }
    const lines = [`Drift in stack ${stack}: ${changed.length} resource(s) differ from the program.`];
    for (const s of changed) {
        const name = s.urn.split("::").pop();
        const type = s.newState?.type ?? s.oldState?.type ?? "";
        lines.push(`  ${name} (${type}): ${s.op}`);
        const olds = s.oldState?.inputs ?? {};
        const news = s.newState?.inputs ?? {};
        const keys = s.diffReasons?.length
            ? s.diffReasons
            : [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
        for (const k of keys.filter((k) => !k.startsWith("__"))) {
            lines.push(`    ${k}: ${show(olds[k])} -> ${show(news[k])}   (cloud -> program)`);
        }
    }
    lines.push("Run `pulumi up --refresh` to bring the cloud back to the program, or change the program to accept the drift.");
    return { drifted: true, text: lines.join("\n") };
}

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    const arg = (name: string) => {
        const i = argv.indexOf(name);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    const cwd = path.resolve(arg("--cwd") ?? process.cwd());
    const stack = arg("--stack");
    // An empty directory makes spawn look `pulumi` up on PATH.
    const bin = process.env.PULUMI_TOOLCHAIN_BIN ?? "";
    const args = ["preview", "--refresh", "--expect-no-changes", "--json", ...(stack ? ["--stack", stack] : [])];
    const r = await runPulumi(bin, args, { cwd, env: process.env });
    let parsed: PreviewJson;
    try {
        parsed = JSON.parse(r.stdout) as PreviewJson;
    } catch {
        process.stderr.write(`drift check failed: pulumi preview did not produce JSON (exit ${r.code}):\n${r.output}\n`);
        return 2;
    }
    const errors = (parsed.diagnostics ?? []).filter((d) => d.severity === "error" && !/no changes were expected/i.test(d.message ?? ""));
    if (errors.length > 0) {
        process.stderr.write(`drift check failed:\n${errors.map((d) => `  ${d.message ?? ""}`.trim()).join("\n")}\n`);
        return 2;
    }
    const report = driftReport(stack ?? "(current)", parsed);
    process.stdout.write(report.text + "\n");
    return report.drifted ? 1 : 0;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (e: unknown) => {
            process.stderr.write(`drift check failed: ${(e as Error).message}\n`);
            process.exit(2);
        },
    );
}
