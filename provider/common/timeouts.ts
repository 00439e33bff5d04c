/**
 * `timeouts` input: per-operation deadlines written like Terraform's ("30s", "10m", "1h30m").
 * Dynamic-provider CRUD calls receive no timeout from the engine, so the resource carries them as
 * an input that diff ignores.
 */

export interface Timeouts {
    create: number;
    update: number;
    delete: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { create: 30 * 60_000, update: 30 * 60_000, delete: 20 * 60_000 };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "90s", "10m", "1h30m", "500ms"; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
    const s = text.trim();
    if (!/^(\d+(ms|s|m|h))+$/.test(s)) {
        return undefined;
    }
    let total = 0;
    for (const m of s.matchAll(/(\d+)(ms|s|m|h)/g)) {
        total += Number(m[1]) * UNIT_MS[m[2]];
    }
    return total > 0 ? total : undefined;
}

export const DURATION_PATTERN = /^(\d+(ms|s|m|h))+$/;

export function resolveTimeouts(input: Partial<Record<keyof Timeouts, string>> | undefined): Timeouts {
    const out = { ...DEFAULT_TIMEOUTS };
    for (const k of ["create", "update", "delete"] as const) {
        const v = input?.[k];
        const ms = v ? parseDuration(v) : undefined;
        if (ms !== undefined) {
            out[k] = ms;
        }
    }
    return out;
}
