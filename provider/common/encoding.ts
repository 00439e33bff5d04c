import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * RFC 3986 percent-encoding as both clouds' signers define it: unreserved characters
 * (`A-Z a-z 0-9 - _ . ~`) stay, everything else becomes `%XX` in upper-case hex, space is `%20`.
 * `encodeURIComponent` leaves `!'()*` alone, so those are fixed up here.
 */
export function percentEncode(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** `name=value` pairs sorted by name (then value) in byte order, each side percent-encoded. */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
    return query
        .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
        .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
}

export function sha256Hex(data: string | Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

export function hmacSha256Hex(key: string, data: string): string {
    return createHmac("sha256", key).update(data).digest("hex");
}

/** Constant-time comparison of two hex strings. */
export function hexEquals(a: string, b: string): boolean {
    const ab = Buffer.from(a, "utf8");
    const bb = Buffer.from(b, "utf8");
    return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Canonical headers block and signed-header list from lower-cased names. */
export function canonicalHeaders(
    headers: Readonly<Record<string, string>>,
    names: readonly string[],
): {
    block: string;
    signedHeaders: string;
} {
    const sorted = [...names].map((n) => n.toLowerCase()).sort();
    const block = sorted.map((n) => `${n}:${(headers[n] ?? "").trim()}\n`).join("");
    return { block, signedHeaders: sorted.join(";") };
}

/**
 * Parses `<ALGORITHM> k1=v1,k2=v2,…` (both clouds' Authorization headers) into its fields;
 * undefined when the algorithm differs or a required field is missing.
 */
export function parseAuthorizationFields(value: string | undefined, algorithm: string, required: readonly string[]): Map<string, string> | undefined {
    if (!value || !value.startsWith(algorithm + " ")) {
        return undefined;
    }
    const fields = new Map<string, string>();
    for (const part of value.slice(algorithm.length + 1).split(",")) {
        const i = part.indexOf("=");
        if (i > 0) {
            fields.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
        }
    }
    return required.every((k) => fields.get(k)) ? fields : undefined;
}
