/**
 * The engine's per-path diff (`DiffResponse.detailedDiff`) from a core's plan: each changed leaf
 * under a changed top-level input (`idleCuller.maxIdleTimeInMinutes`, `labels["team"]`,
 * `cloudDisks[0].capacity`), with the kind ADD / DELETE / UPDATE, made a `_REPLACE` kind when its
 * top-level input forces a replacement. Paths use the engine's property-path syntax
 * (sdk/go/common/resource/properties_path.go): `a.b`, `a[0]`, `a["key with dots"]`.
 */
import { deepEqual } from "../common/diff";

export type DiffKind = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const join = (path: string, key: string | number) =>
    typeof key === "number" ? `${path}[${key}]` : IDENT.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

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

/** Per-path kinds for the top-level inputs `changed` (those in `replaces` force a replace). */
export function detailedDiff(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    changed: readonly string[],
    replaces: readonly string[],
): Record<string, DiffKind> {
    const out: Record<string, DiffKind> = {};
    for (const k of changed) {
        const before = Object.keys(out).length;
        leaves(join("", k), olds[k], news[k], replaces.includes(k), out);
        // Equal by value but changed by the core's rules (a run-state wish): the field itself.
        if (Object.keys(out).length === before) out[join("", k)] = replaces.includes(k) ? "UPDATE_REPLACE" : "UPDATE";
    }
    return out;
}
