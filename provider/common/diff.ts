/**
 * Replace-vs-update tables, the shape Terraform providers keep beside their schema: each input
 * property says what a change to it costs. `diff()` is pure: it compares the old inputs (which
 * `read` refreshes from the cloud) with the new ones and consults the table.
 */

/**
 * - `update`: applied in place while the instance runs.
 * - `stopThenUpdate`: applied in place, but the cloud needs the instance stopped first.
 * - `replace`: the cloud cannot change it; a new instance is created.
 * - `ignore`: provider settings (timeouts, policies) that never touch the cloud.
 */
export type ChangePolicy = "update" | "stopThenUpdate" | "replace" | "ignore";

export type PolicyTable = Readonly<Record<string, ChangePolicy>>;

/** Order-insensitive for object keys, `undefined` equals absent. */
export function canonicalJson(v: unknown): string {
    return JSON.stringify(normalize(v)) ?? "undefined";
}

function normalize(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(normalize);
    }
    if (v !== null && typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v as object).sort()) {
            const x = (v as Record<string, unknown>)[k];
            if (x !== undefined) {
                out[k] = normalize(x);
            }
        }
        return out;
    }
    return v;
}

export function deepEqual(a: unknown, b: unknown): boolean {
    return canonicalJson(a) === canonicalJson(b);
}

export interface PlannedDiff {
    /** Every input that differs (policy `ignore` excluded). */
    changed: string[];
    replaces: string[];
    updates: string[];
    /** An in-place change needs the instance stopped first. */
    stopFirst: boolean;
}

/**
 * A core's answer to the engine's Diff. `replaces` are rows of its table (`spec.storage`) or an
 * input its state forces (`status` of a failed notebook); the engine reads each as a property
 * path (`replaceReasons`), as it does `diffs`.
 */
export interface DiffPlan {
    changes: boolean;
    replaces: string[];
    deleteBeforeReplace: boolean;
}

export function planDiff(olds: Record<string, unknown>, news: Record<string, unknown>, table: PolicyTable): PlannedDiff {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    const changed: string[] = [];
    const replaces: string[] = [];
    const updates: string[] = [];
    let stopFirst = false;
    for (const k of [...keys].sort()) {
        const policy = table[k];
        if (policy === undefined || policy === "ignore" || deepEqual(olds[k], news[k])) {
            continue;
        }
        changed.push(k);
        if (policy === "replace") {
            replaces.push(k);
        } else {
            updates.push(k);
            stopFirst ||= policy === "stopThenUpdate";
        }
    }
    return { changed, replaces, updates, stopFirst };
}

/**
 * The view planDiff compares for a table with nested rows: a field whose parts declare their own
 * policy (`volume.capacity`) is split, each such part under `parent.part`, the rest kept under the
 * parent (so `volume.category` still costs what `volume` costs).
 */
export function flattenByPolicy(inputs: Record<string, unknown>, table: PolicyTable): Record<string, unknown> {
    const out: Record<string, unknown> = { ...inputs };
    for (const [k, v] of Object.entries(inputs)) {
        const parts = Object.keys(table).filter((t) => t.startsWith(`${k}.`));
        if (parts.length === 0 || v === null || typeof v !== "object" || Array.isArray(v)) continue;
        const rest: Record<string, unknown> = { ...(v as Record<string, unknown>) };
        for (const p of parts) {
            const child = p.slice(k.length + 1);
            out[p] = rest[child];
            delete rest[child];
        }
        out[k] = rest;
    }
    return out;
}

/**
 * The in-place changes of a plan that the cloud applies only to a stopped instance: a running
 * notebook is stopped for them, which its users notice, so the preview says so (as it says what a
 * replace deletes).
 */
export function stoppingUpdates(plan: PlannedDiff, table: PolicyTable): string[] {
    return plan.replaces.length > 0 ? [] : plan.updates.filter((k) => table[k] === "stopThenUpdate");
}

/** The preview's line for `stoppingUpdates`, or undefined when nothing stops. */
export function stopNotice(fields: readonly string[], running: boolean, restarts: boolean): string | undefined {
    if (fields.length === 0 || !running) return undefined;
    return `updating ${fields.join(", ")} stops the running notebook first (the cloud changes ${fields.length > 1 ? "them" : "it"} only on a stopped notebook)${restarts ? ", then starts it again" : ""}`;
}
