/** The fleet drift report: one result per stack, rendered as text, JSON or Markdown. */

export type StackStatus = "clean" | "drift" | "error";
/** Why a stack could not be checked. */
export type ErrorCause = "locked" | "credentials" | "program" | "backend" | "not-found" | "other";

export interface PropertyDrift {
    key: string;
    /** The value the cloud has now (after the refresh). */
    cloud: unknown;
    /** The value the program declares. */
    program: unknown;
}

export interface ResourceDrift {
    name: string;
    type: string;
    op: string;
    properties: PropertyDrift[];
}

/** A lock file of the stack's backend (see ./stackLocks.ts). */
export interface LockEntry {
    key: string;
    pid: number;
    username: string;
    hostname: string;
    timestamp: string;
    stale: boolean | null;
}

export interface StackResult {
    project: string;
    cwd: string;
    stack: string;
    status: StackStatus;
    resources: ResourceDrift[];
    cause?: ErrorCause;
    message?: string;
    /** The update locks found on the stack (cause "locked"). */
    locks?: LockEntry[];
    seconds: number;
    repair?: { ok: boolean; message: string };
}

export interface FleetTotals {
    stacks: number;
    clean: number;
    drift: number;
    error: number;
    driftedResources: number;
}

export function totals(results: readonly StackResult[]): FleetTotals {
    return {
        stacks: results.length,
        clean: results.filter((r) => r.status === "clean").length,
        drift: results.filter((r) => r.status === "drift").length,
        error: results.filter((r) => r.status === "error").length,
        driftedResources: results.reduce((n, r) => n + r.resources.length, 0),
    };
}

/** 2 when any stack could not be checked, else 1 when any drifted, else 0. */
export function exitCode(results: readonly StackResult[]): number {
    if (results.some((r) => r.status === "error" || (r.repair && !r.repair.ok))) return 2;
    return results.some((r) => r.status === "drift") ? 1 : 0;
}

function show(v: unknown): string {
    return v === undefined ? "(absent)" : JSON.stringify(v);
}

const CAUSE_TEXT: Record<ErrorCause, string> = {
    locked: "locked by another update",
    credentials: "credentials or passphrase missing or wrong",
    program: "the program failed",
    backend: "the state backend could not be reached",
    "not-found": "no such stack",
    other: "the check failed",
};

function label(r: StackResult, many: boolean): string {
    return many ? `${r.project}/${r.stack}` : r.stack;
}

export function renderText(results: readonly StackResult[]): string {
    const many = new Set(results.map((r) => r.project)).size > 1;
    const lines: string[] = [];
    for (const r of results) {
        const name = label(r, many);
        if (r.status === "clean") lines.push(`No drift in stack ${name}: the cloud matches the program.`);
        else if (r.status === "error") {
            lines.push(`Could not check stack ${name}: ${CAUSE_TEXT[r.cause ?? "other"]}.`);
            if (r.message) lines.push(...r.message.split("\n").map((l) => `    ${l}`));
        } else {
            lines.push(`Drift in stack ${name}: ${r.resources.length} resource(s) differ from the program.`);
            for (const res of r.resources) {
                lines.push(`  ${res.name} (${res.type}): ${res.op}`);
                for (const p of res.properties) lines.push(`    ${p.key}: ${show(p.cloud)} -> ${show(p.program)}   (cloud -> program)`);
            }
        }
        if (r.repair) lines.push(`  repair (pulumi up --refresh): ${r.repair.ok ? "done" : "failed"}: ${r.repair.message}`);
    }
    const t = totals(results);
    if (results.length > 1 || t.error > 0) {
        lines.push(`Totals: ${t.stacks} stack(s): ${t.clean} clean, ${t.drift} drifted (${t.driftedResources} resource(s)), ${t.error} could not be checked.`);
    }
    if (t.drift > 0 && !results.some((r) => r.repair)) {
        lines.push(
            "Run `pulumi up --refresh` (or this check with --repair) to bring the cloud back to the program, or change the program to accept the drift.",
        );
    }
    return lines.join("\n");
}

export function renderJson(results: readonly StackResult[]): string {
    return JSON.stringify({ totals: totals(results), exitCode: exitCode(results), stacks: results }, null, 2);
}

function cell(s: string): string {
    return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderMarkdown(results: readonly StackResult[]): string {
    const t = totals(results);
    const icon: Record<StackStatus, string> = { clean: "✅ clean", drift: "⚠️ drift", error: "❌ error" };
    const lines = [
        "## Notebook drift check",
        "",
        `${t.stacks} stack(s): **${t.clean} clean**, **${t.drift} drifted** (${t.driftedResources} resource(s)), **${t.error} could not be checked**.`,
        "",
        "| Project | Stack | Status | Details |",
        "| --- | --- | --- | --- |",
    ];
    for (const r of results) {
        const details =
            r.status === "error"
                ? `${CAUSE_TEXT[r.cause ?? "other"]}${r.message ? `: ${r.message.split("\n")[0]}` : ""}`
                : r.status === "drift"
                  ? r.resources.map((x) => `${x.name}: ${x.properties.map((p) => p.key).join(", ") || x.op}`).join("; ")
                  : "";
        const repair = r.repair ? ` (repair: ${r.repair.ok ? "done" : "failed"})` : "";
        lines.push(`| ${cell(r.project)} | ${cell(r.stack)} | ${icon[r.status]}${repair} | ${cell(details)} |`);
    }
    const drifted = results.filter((r) => r.status === "drift");
    for (const r of drifted) {
        lines.push("", `### ${r.project}/${r.stack}`, "", "| Resource | Property | Cloud | Program |", "| --- | --- | --- | --- |");
        for (const res of r.resources) {
            for (const p of res.properties.length ? res.properties : [{ key: `(${res.op})`, cloud: undefined, program: undefined }]) {
                lines.push(`| ${cell(res.name)} | ${cell(p.key)} | \`${cell(show(p.cloud))}\` | \`${cell(show(p.program))}\` |`);
            }
        }
    }
    return lines.join("\n");
}
