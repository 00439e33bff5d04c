/**
 * Alibaba Cloud V3 request signature, `ACS3-HMAC-SHA256` (docs/dsw-api.md §2).
 *
 * The same functions sign requests in the provider and verify them in the emulator, so both are
 * held to the official test vector in `tests/unit/dsw-signer.spec.ts`.
 */
import { randomBytes } from "node:crypto";
import { canonicalHeaders, canonicalQuery, hmacSha256Hex, parseAuthorizationFields, sha256Hex } from "../common/encoding";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

export interface Acs3Credentials {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken?: string;
}

/** A request as it is put on the wire; `canonicalUri` is the already percent-encoded path. */
export interface Acs3Request {
    method: string;
    canonicalUri: string;
    query: ReadonlyArray<readonly [string, string]>;
    /** Lower-cased header names. */
    headers: Readonly<Record<string, string>>;
    body: string | Buffer;
}

export interface Acs3Parts {
    canonicalRequest: string;
    hashedCanonicalRequest: string;
    stringToSign: string;
    signature: string;
    signedHeaders: string;
}

/** Which headers the signature covers: `host`, `content-type` and every `x-acs-*` header. */
export function acs3SignedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
    return Object.keys(headers).filter((n) => n === "host" || n === "content-type" || n.startsWith("x-acs-"));
}

export function acs3Compute(req: Acs3Request, secret: string, signedHeaderNames: readonly string[]): Acs3Parts {
    const { block, signedHeaders } = canonicalHeaders(req.headers, signedHeaderNames);
    const hashedPayload = req.headers["x-acs-content-sha256"] ?? sha256Hex(req.body);
    const canonicalRequest = [req.method.toUpperCase(), req.canonicalUri || "/", canonicalQuery(req.query), block, signedHeaders, hashedPayload].join("\n");
    const hashedCanonicalRequest = sha256Hex(canonicalRequest);
    const stringToSign = `${ACS3_ALGORITHM}\n${hashedCanonicalRequest}`;
    return {
        canonicalRequest,
        hashedCanonicalRequest,
        stringToSign,
        signature: hmacSha256Hex(secret, stringToSign),
        signedHeaders,
    };
}

/** UTC `yyyy-MM-ddTHH:mm:ssZ`. */
export function acs3Date(now: Date): string {
    return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function acs3Nonce(): string {
    return randomBytes(16).toString("hex");
}

/**
 * Adds the date, nonce, payload hash, STS headers and `Authorization` to `headers` (lower-case
 * names; must already hold `host`, `x-acs-action`, `x-acs-version` and, with a body,
 * `content-type`). Returns the headers to send.
 */
export function acs3Sign(
    req: Omit<Acs3Request, "headers"> & { headers: Record<string, string> },
    creds: Acs3Credentials,
    opts: { date?: string; nonce?: string } = {},
): Record<string, string> {
    const headers: Record<string, string> = { ...req.headers };
    headers["x-acs-date"] = opts.date ?? acs3Date(new Date());
    headers["x-acs-signature-nonce"] = opts.nonce ?? acs3Nonce();
    headers["x-acs-content-sha256"] = sha256Hex(req.body);
    if (creds.securityToken) {
        headers["x-acs-security-token"] = creds.securityToken;
        headers["x-acs-accesskey-id"] = creds.accessKeyId;
    }
    const parts = acs3Compute({ ...req, headers }, creds.accessKeySecret, acs3SignedHeaderNames(headers));
    headers["authorization"] = `${ACS3_ALGORITHM} Credential=${creds.accessKeyId},SignedHeaders=${parts.signedHeaders},Signature=${parts.signature}`;
    return headers;
}

export interface Acs3Authorization {
    accessKeyId: string;
    signedHeaders: string[];
    signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`; undefined when malformed. */
export function parseAcs3Authorization(value: string | undefined): Acs3Authorization | undefined {
    const f = parseAuthorizationFields(value, ACS3_ALGORITHM, ["Credential", "SignedHeaders", "Signature"]);
    return (
        f && {
            accessKeyId: f.get("Credential") as string,
            signedHeaders: (f.get("SignedHeaders") as string).split(";"),
            signature: f.get("Signature") as string,
        }
    );
}
