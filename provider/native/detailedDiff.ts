/**
 * The engine's per-path diff (`DiffResponse.detailedDiff`) from a core's plan: each changed leaf
 * under a changed row of the resource's change-policy table (`idleCuller.maxIdleTimeInMinutes`,
 * `labels["team"]`, `cloudDisks[0].capacity`, `spec.autoStop.duration`), with the kind ADD /
 * DELETE / UPDATE, made a `_REPLACE` kind when its row forces a replacement. Rows, not top-level
 * inputs: a nested field that costs something else than its parent (ModelArts' `spec.autoStop`
 * updates in place, `spec.storage` replaces) is its own row (`flattenByPolicy`), so each leaf
 * gets the kind of the row it belongs to. Paths use the engine's property-path syntax
 * (sdk/go/common/resource/properties_path.go): `a.b`, `a[0]`, `a["key with dots"]`.
 */
import { PolicyTable, deepEqual, flattenByPolicy } from "../common/diff";

export type DiffKind = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const join = (path: string, key: string | number) =>
    typeof key === "number" ? `${path}[${key}]` : IDENT.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

/** A table row's path: its key split at the dots the flattened view joined it with (`spec.autoStop`). */
const rowPath = (row: string) => row.split(".").reduce<string>(join, "");

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function leaves(path: string, a: unknown, b: unknown, replace: boolean, out: Record<string, DiffKind>): void {
    if (deepEqual(a, b)) return;
    const kind = (k: "ADD" | "DELETE" | "UPDATE"): DiffKind => (replace ? `${k}_REPLACE` : k);
    if (a === undefined || a === null) {
        out[path] = kind("ADD");
    } else if (b === undefined || b === null) {
        out[path] = kind("DELETE");
    } else if (isObject(a) && isObject(b)) {
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) leaves(join(path, k), a[k], b[k], replace, out);
    } else if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.max(a.length, b.length); i++) leaves(join(path, i), a[i], b[i], replace, out);
    } else {
        out[path] = kind("UPDATE");
    }
}

export interface DetailedDiff {
    /**
     * The top-level inputs that changed (the engine's `diffs`, its `diffReasons`): `spec` for a
     * change at `spec.autoStop`. The CLI's `[diff: ~spec]` shows only the top-level keys of the
     * detailed diff that are listed here (`writeShortDiff`, pkg/backend/display/rows.go, 3.248):
     * row paths there left it empty (found by an independent tester). The per-path kinds are in
     * `detailed`, which `replaceOnChanges` matches against (`applyReplaceOnChanges`,
     * pkg/resource/deploy/step_generator.go).
     */
    diffs: string[];
    detailed: Record<string, DiffKind>;
}

/**
 * Per-path kinds for every row of `table` (policy `ignore` aside) that differs between `olds` and
 * `news`, or that the core's plan replaces for another reason (`replaces`: a failed status, a
 * shrinking disk).
 */
export function detailedDiff(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    table: PolicyTable,
    replaces: readonly string[],
    // The resource's own view, defaults applied (a NotebookV2 disk without `capacity` is 5 GB), so
    // an omitted default never shows as a change beside a real one.
    flatten: (inputs: Record<string, unknown>) => Record<string, unknown> = (i) => flattenByPolicy(i, table),
): DetailedDiff {
    const [o, n] = [flatten(olds), flatten(news)];
    const rows = [...new Set([...Object.keys(table).filter((k) => table[k] !== "ignore"), ...replaces])].sort();
    const changed: string[] = [];
    const detailed: Record<string, DiffKind> = {};
    for (const row of rows) {
        const replace = replaces.includes(row);
        if (!replace && deepEqual(o[row], n[row])) continue;
        changed.push(row);
        const before = Object.keys(detailed).length;
        leaves(rowPath(row), o[row], n[row], replace, detailed);
        // Equal by value but changed by the core's rules (a run-state wish): the row itself.
        if (Object.keys(detailed).length === before) detailed[rowPath(row)] = replace ? "UPDATE_REPLACE" : "UPDATE";
    }
    return { diffs: [...new Set(changed.map((row) => row.split(".")[0]))], detailed };
}
