/**
 * Huawei Cloud API Gateway signature, `SDK-HMAC-SHA256` (docs/huawei-auth.md §2).
 *
 * Used by the provider to sign and by the emulator to verify; held to the official guide's vector
 * and the derived ModelArts vectors in `tests/unit/modelarts-signer.spec.ts`.
 */
import { canonicalHeaders, canonicalQuery, hmacSha256Hex, parseAuthorizationFields, sha256Hex } from "../common/encoding";

export const APIG_ALGORITHM = "SDK-HMAC-SHA256";

export interface ApigCredentials {
    accessKey: string;
    secretKey: string;
    securityToken?: string;
}

export interface ApigRequest {
    method: string;
    /** The percent-encoded path as sent (a trailing `/` is added for signing only). */
    canonicalUri: string;
    query: ReadonlyArray<readonly [string, string]>;
    /** Lower-cased header names. */
    headers: Readonly<Record<string, string>>;
    body: string | Buffer;
}

export interface ApigParts {
    canonicalRequest: string;
    stringToSign: string;
    signature: string;
    signedHeaders: string;
}

export function apigCompute(req: ApigRequest, secretKey: string, signedHeaderNames: readonly string[]): ApigParts {
    const uri = req.canonicalUri.endsWith("/") ? req.canonicalUri : req.canonicalUri + "/";
    const { block, signedHeaders } = canonicalHeaders(req.headers, signedHeaderNames);
    const payloadHash = req.headers["x-sdk-content-sha256"] ?? sha256Hex(req.body);
    const canonicalRequest = [req.method.toUpperCase(), uri, canonicalQuery(req.query), block, signedHeaders, payloadHash].join("\n");
    const date = req.headers["x-sdk-date"] ?? "";
    const stringToSign = `${APIG_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
    return { canonicalRequest, stringToSign, signature: hmacSha256Hex(secretKey, stringToSign), signedHeaders };
}

/** UTC `YYYYMMDDTHHMMSSZ`. */
export function apigDate(now: Date): string {
    return now
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}Z$/, "Z");
}

/** Parses `YYYYMMDDTHHMMSSZ` into epoch ms; NaN when malformed. */
export function parseApigDate(value: string | undefined): number {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

/**
 * Adds `x-sdk-date`, `x-security-token` (temporary credentials) and `authorization`. Signs every
 * header given, as the official Node.js SDK does.
 */
export function apigSign(req: ApigRequest, creds: ApigCredentials, opts: { date?: string } = {}): Record<string, string> {
    const headers: Record<string, string> = { ...req.headers };
    headers["x-sdk-date"] = opts.date ?? apigDate(new Date());
    if (creds.securityToken) {
        headers["x-security-token"] = creds.securityToken;
    }
    const parts = apigCompute({ ...req, headers }, creds.secretKey, Object.keys(headers));
    headers["authorization"] = `${APIG_ALGORITHM} Access=${creds.accessKey}, SignedHeaders=${parts.signedHeaders}, Signature=${parts.signature}`;
    return headers;
}

export interface ApigAuthorization {
    accessKey: string;
    signedHeaders: string[];
    signature: string;
}

export function parseApigAuthorization(value: string | undefined): ApigAuthorization | undefined {
    const f = parseAuthorizationFields(value, APIG_ALGORITHM, ["Access", "SignedHeaders", "Signature"]);
    return f && { accessKey: f.get("Access") as string, signedHeaders: (f.get("SignedHeaders") as string).split(";"), signature: f.get("Signature") as string };
}
