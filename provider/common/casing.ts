/**
 * Key conversion between the SDK's camelCase inputs and the clouds' wire names, applied
 * recursively except inside user maps (environment variables, labels, annotations), whose keys
 * are data, not field names.
 */

export interface CasingRules {
    /** camelCase → wire name where simple capitalisation is wrong (`cpu` → `CPU`). */
    special: Readonly<Record<string, string>>;
    /** camelCase keys whose value is a user map to copy untouched. */
    opaque: ReadonlySet<string>;
    /** Convert one key when not special. */
    convert: (key: string) => string;
}

export const upperFirst = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
export const lowerFirst = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);
export const camelToSnake = (k: string) => k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
export const snakeToCamel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function convertKeys(value: unknown, rules: CasingRules): unknown {
    if (Array.isArray(value)) {
        return value.map((v) => convertKeys(v, rules));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) {
            continue;
        }
        const key = rules.special[k] ?? rules.convert(k);
        out[key] = rules.opaque.has(k) ? v : convertKeys(v, rules);
    }
    return out;
}

export function invert(rules: CasingRules, convert: (key: string) => string, opaqueWire: ReadonlySet<string>): CasingRules {
    const special: Record<string, string> = {};
    for (const [camel, wire] of Object.entries(rules.special)) {
        special[wire] = camel;
    }
    return { special, opaque: opaqueWire, convert };
}

/**
 * Keeps only what the desired value specifies: object keys present in `desired`, array items
 * index by index. Server-filled defaults (a `MountAccess` the user never set) then never show as
 * drift. Items the cloud has beyond the desired list are kept whole, so additions still show.
 */
export function projectLike(live: unknown, desired: unknown): unknown {
    if (Array.isArray(live) && Array.isArray(desired)) {
        return live.map((item, i) => (i < desired.length ? projectLike(item, desired[i]) : item));
    }
    if (isPlainObject(live) && isPlainObject(desired)) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(desired)) {
            if (live[k] !== undefined) {
                out[k] = projectLike(live[k], desired[k]);
            }
        }
        return out;
    }
    return live;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}
