/**
 * The gateway's side of request signing: rebuilding the canonical request from what arrived on the
 * wire, as Alibaba's and Huawei's gateways do. Written from the clouds' signing documents
 * (docs/dsw-api.md §2.1, docs/huawei-auth.md §2), not from the provider's signer: it shares
 * no code with `provider/`, so a signer bug there fails a test instead of being mirrored here. The
 * conformance suite (tests/conformance) drives these checks with the clouds' own client libraries.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 unreserved characters stay; every other UTF-8 byte becomes `%XX` (upper-case hex). */
export function rfc3986(value: string): string {
    let out = "";
    for (const byte of Buffer.from(value, "utf8")) {
        const c = String.fromCharCode(byte);
        out += /[A-Za-z0-9\-_.~]/.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
    }
    return out;
}

/**
 * The query as the gateway reads it: form-style, so `+` is a space (what axios-based SDKs send and
 * what Java's URLEncoder writes) and `%20` is a space too. Malformed escapes stay literal.
 */
export function gatewayQuery(rawQuery: string): Array<[string, string]> {
    const pairs: Array<[string, string]> = [];
    for (const part of rawQuery.split("&")) {
        if (part === "") continue;
        const eq = part.indexOf("=");
        const [k, v] = eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
        pairs.push([formDecode(k), formDecode(v)]);
    }
    return pairs;
}

function formDecode(s: string): string {
    const spaced = s.replace(/\+/g, " ");
    try {
        return decodeURIComponent(spaced);
    } catch {
        return spaced;
    }
}

/** Sorted `k=v` pairs, each side RFC 3986-encoded; equal names ordered by value. */
export function canonicalQueryString(pairs: ReadonlyArray<readonly [string, string]>): string {
    const encoded = pairs.map(([k, v]) => [rfc3986(k), rfc3986(v)] as const);
    encoded.sort((a, b) => (a[0] === b[0] ? cmp(a[1], b[1]) : cmp(a[0], b[0])));
    return encoded.map(([k, v]) => `${k}=${v}`).join("&");
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `name:value\n` for each signed header, names lower-cased and sorted. */
export function canonicalHeaderBlock(headers: Readonly<Record<string, string>>, signed: readonly string[], trim: boolean): string {
    return [...signed]
        .map((h) => h.toLowerCase())
        .sort()
        .map((h) => `${h}:${trim ? (headers[h] ?? "").trim() : (headers[h] ?? "")}\n`)
        .join("");
}

export const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
export const hmac = (key: string, data: string) => createHmac("sha256", key).update(data).digest("hex");

export function sameHex(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}

/** `ALG k=v,k=v` → fields; undefined when the scheme differs. Both clouds' Authorization headers. */
export function authorizationFields(header: string | undefined, scheme: string): Record<string, string> | undefined {
    if (!header?.startsWith(scheme + " ")) return undefined;
    const fields: Record<string, string> = {};
    for (const item of header.slice(scheme.length + 1).split(",")) {
        const [k, ...rest] = item.split("=");
        if (k && rest.length > 0) fields[k.trim()] = rest.join("=").trim();
    }
    return fields;
}
