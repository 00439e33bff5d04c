/**
 * A value cut down to what a zod declaration accepts: object keys the declaration does not name are
 * dropped, at every depth, and empty values (undefined, null, "", [], {}) are left out. `pulumi
 * import` uses it to turn what the cloud returns (read-only fields, server defaults, echoes) into
 * program inputs that the same declaration then validates.
 */
import type { z } from "zod";

interface Def {
    type: string;
    innerType?: z.ZodType;
    in?: z.ZodType;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    valueType?: z.ZodType;
    options?: z.ZodType[];
}

const defOf = (t: z.ZodType) => (t as unknown as { _zod: { def: Def } })._zod.def;

/** Optional, nullable, default, readonly, catch and pipe wrappers removed. */
function unwrap(t: z.ZodType): z.ZodType {
    let cur = t;
    for (;;) {
        const d = defOf(cur);
        if (d.innerType) cur = d.innerType;
        else if (d.type === "pipe" && d.in) cur = d.in;
        else return cur;
    }
}

const isEmpty = (v: unknown) =>
    v === undefined ||
    v === null ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

export function projectOnto(schema: z.ZodType, value: unknown): unknown {
    if (isEmpty(value)) return undefined;
    const d = defOf(unwrap(schema));
    if (d.type === "object" && d.shape && typeof value === "object" && !Array.isArray(value)) {
        const out: Record<string, unknown> = {};
        for (const [k, t] of Object.entries(d.shape)) {
            const v = projectOnto(t, (value as Record<string, unknown>)[k]);
            if (v !== undefined) out[k] = v;
        }
        return isEmpty(out) ? undefined : out;
    }
    if (d.type === "array" && d.element && Array.isArray(value)) {
        const out = value.map((v) => projectOnto(d.element as z.ZodType, v)).filter((v) => v !== undefined);
        return out.length === 0 ? undefined : out;
    }
    if (d.type === "record" && d.valueType && typeof value === "object" && !Array.isArray(value)) {
        const out = Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
                .map(([k, v]) => [k, projectOnto(d.valueType as z.ZodType, v)] as const)
                .filter(([, v]) => v !== undefined),
        );
        return isEmpty(out) ? undefined : out;
    }
    return value;
}

/** `value` when the declaration accepts it as it is (a run state the input can ask for), else undefined. */
export function ifAccepted(schema: z.ZodType, value: unknown): unknown {
    return value !== undefined && schema.safeParse(value).success ? value : undefined;
}

/** Each named top-level input of `shape`, projected, from `live` (already in input casing). */
export function importedFields(shape: Record<string, z.ZodType>, live: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
        const t = shape[f];
        if (!t) throw new Error(`${f} is not an input`);
        const v = projectOnto(t, live[f]);
        if (v !== undefined) out[f] = v;
    }
    return out;
}
