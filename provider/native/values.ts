/**
 * Property values between the engine and the provider cores. With `acceptSecrets` the engine sends
 * secrets as `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`
 * (sdk/go/common/resource/plugin/rpc.go, `SecretSig`); the cores take plain values, so secrets are
 * unwrapped on the way in and every secret input (and any output derived from one) is wrapped
 * again on the way out, so state holds it encrypted.
 */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isSecret(v: unknown): v is { value: unknown } {
    return v !== null && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** The value with every secret wrapper removed; `found` collects the top-level keys that held one. */
export function unwrapSecrets(v: unknown, found?: Set<string>, top?: string): unknown {
    if (isSecret(v)) {
        if (top !== undefined) found?.add(top);
        return unwrapSecrets(v.value, found, top);
    }
    if (Array.isArray(v)) return v.map((x) => unwrapSecrets(x, found, top));
    if (v !== null && typeof v === "object") {
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, unwrapSecrets(x, found, top ?? k)]));
    }
    return v;
}

export function secret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** `props` with the named top-level keys wrapped as secrets. */
export function wrapSecrets(props: Record<string, unknown>, keys: Iterable<string>): Record<string, unknown> {
    const out = { ...props };
    for (const k of keys) {
        if (out[k] !== undefined && out[k] !== null && !isSecret(out[k])) out[k] = secret(out[k]);
    }
    return out;
}
