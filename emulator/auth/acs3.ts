/**
 * Server-side check of DSW's ACS3-HMAC-SHA256 signatures, following the verification recipe of
 * docs/dsw-api.md §2.1: known key, required signed headers, payload hash, ±15 minutes, STS
 * token, signature (constant time), then nonce replay. The canonical request is rebuilt here from
 * the wire (./canonical.ts), independently of the provider's signer.
 */
import { authorizationFields, canonicalHeaderBlock, canonicalQueryString, gatewayQuery, hmac, sameHex, sha256 } from "./canonical";
import { DswApiError } from "../dsw/envelope";
import { EmuRequest } from "../http";
import { DswTenant } from "../options";
import { NONCE_USED, NonceCache } from "./nonces";

const REQUIRED_SIGNED = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

const ALGORITHM = "ACS3-HMAC-SHA256";

const gatewayError = (status: number, code: string, message: string) => new DswApiError(status, code, message, true);

/** The access key id a request claims (before anything is verified). */
export function acs3AccessKeyId(req: EmuRequest): string | undefined {
    return authorizationFields(req.headers["authorization"], ALGORITHM)?.Credential;
}

export function verifyAcs3(req: EmuRequest, tenants: readonly DswTenant[], nonces: NonceCache, now: number, maxSkewMs: number): DswTenant {
    const f = authorizationFields(req.headers["authorization"], ALGORITHM);
    const auth =
        f?.Credential && f.SignedHeaders && f.Signature
            ? { accessKeyId: f.Credential, signedHeaders: f.SignedHeaders.split(";"), signature: f.Signature }
            : undefined;
    if (!auth) {
        throw gatewayError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
    }
    const tenant = tenants.find((t) => t.accessKeyId === auth.accessKeyId);
    if (!tenant) {
        throw gatewayError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    const signed = auth.signedHeaders.map((h) => h.toLowerCase());
    const missing = REQUIRED_SIGNED.filter((h) => !signed.includes(h) || req.headers[h] === undefined);
    if (missing.length > 0) {
        throw gatewayError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards: ${missing.join(", ")} must be signed.`);
    }
    const date = req.headers["x-acs-date"];
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date)) {
        throw gatewayError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    }
    if (Math.abs(now - Date.parse(date)) > maxSkewMs) {
        throw gatewayError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
    if (req.headers["x-acs-content-sha256"] !== sha256(req.body)) {
        throw gatewayError(
            400,
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation: x-acs-content-sha256 does not match the request body.",
        );
    }
    if (tenant.securityToken !== undefined && req.headers["x-acs-security-token"] !== tenant.securityToken) {
        throw gatewayError(400, "InvalidSecurityToken.MismatchWithAccessKey", "The security token does not match the access key.");
    }
    // CanonicalRequest = method, URI, query, headers block, signed names, payload hash (one per line)
    const canonicalRequest = [
        req.method.toUpperCase(),
        req.rawPath || "/",
        canonicalQueryString(gatewayQuery(req.rawQuery)),
        canonicalHeaderBlock(req.headers, signed, true),
        [...signed].sort().join(";"),
        req.headers["x-acs-content-sha256"],
    ].join("\n");
    const hashed = sha256(canonicalRequest);
    if (!sameHex(hmac(tenant.accessKeySecret, `${ALGORITHM}\n${hashed}`), auth.signature)) {
        throw gatewayError(
            400,
            "SignatureDoesNotMatch",
            `Specified signature is not matched with our calculation. server hashed canonical request is: ${hashed}`,
        );
    }
    if (!nonces.use(req.headers["x-acs-signature-nonce"], now)) {
        throw gatewayError(NONCE_USED.status, NONCE_USED.code, NONCE_USED.message);
    }
    return tenant;
}
