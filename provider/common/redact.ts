/**
 * The one place that keeps secrets out of what the provider prints. Every secret value the
 * provider learns is registered where it is read or obtained (stack config and environment in each
 * cloud's settings.ts, temporary keys in the credential chains, IAM tokens, secret inputs when
 * they are parsed); `redact` then removes each of them, whatever field of a message carries it, from
 * cloud error messages (errors.ts), credential-source errors (credentials.ts) and progress lines
 * (log.ts). Key ids are registered too: a secret typed into the key id's slot is sent as the key
 * id, and the gateway echoes it (`APIGW.0301 ... ak <it> not exist`).
 *
 * A value is replaced by the name of where it came from (`[the ModelArts access key]`), never by
 * any part of it, so the message still says which setting the cloud refused.
 */

/** Shorter values are not registered: replacing a 3-letter word everywhere would garble messages and protect nothing. */
export const MIN_SECRET_LENGTH = 6;

const known = new Map<string, string>();
/** Registered values, longest first (so a value inside a longer one never leaves part of the longer one). */
let ordered: Array<[string, string]> = [];

/** Remembers a secret value and what it is (`the DSW access key secret`); undefined and short values are ignored. */
export function registerSecret(value: string | undefined, label: string): void {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || known.has(value)) return;
    known.set(value, label);
    // The forms a value takes inside a message: as is, percent-encoded (in a URL) and JSON-escaped.
    for (const form of [encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
        if (form !== value && !known.has(form)) known.set(form, label);
    }
    ordered = [...known.entries()].sort((a, b) => b[0].length - a[0].length);
}

/** Every string inside `value` (a secret input: a string, a list, a map of them), registered under `label`. */
export function registerSecretValues(value: unknown, label: string, depth = 0): void {
    if (typeof value === "string") registerSecret(value, label);
    else if (depth < 8 && Array.isArray(value)) value.forEach((v) => registerSecretValues(v, label, depth + 1));
    else if (depth < 8 && value !== null && typeof value === "object") Object.values(value).forEach((v) => registerSecretValues(v, label, depth + 1));
}

// A field name starts a word (or follows `_`, as in client_secret): "disk: 20" is not a secret `sk`.
const SECRET_FIELDS =
    /((?<![A-Za-z0-9])"?(?:AccessKeySecret|SecurityToken|secret|securitytoken|sk|OIDCToken|id_token|access_key_secret|sts_token|password)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi;

/**
 * A library's or an identity service's message with secret-looking fields blanked: some client
 * libraries put the whole answer into their errors (e.g. a credentials URI answer without a
 * `Code`), and that answer carries a secret the provider has not seen yet.
 */
export function redactSecretFields(message: string): string {
    return message.replace(SECRET_FIELDS, (_m, key: string) => `${key}"***"`);
}

/** `text` without any registered secret value (each replaced by `[<what it is>]`) nor secret-looking fields. */
export function redact(text: string): string {
    let out = text;
    for (const [value, label] of ordered) {
        if (out.includes(value)) out = out.split(value).join(`[${label}]`);
    }
    return redactSecretFields(out);
}

/** Tests: forget every registered value. */
export function forgetSecrets(): void {
    known.clear();
    ordered = [];
}
