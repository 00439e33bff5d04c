/**
 * Huawei Cloud authentication as the API gateway does it (docs/huawei-auth.md): AK/SK
 * `SDK-HMAC-SHA256` signatures checked server-side, or an IAM token (`X-Auth-Token`) issued by the
 * emulated `POST /v3/auth/tokens`, scoped to one project.
 */
import { randomBytes } from "node:crypto";
import { authorizationFields, canonicalHeaderBlock, canonicalQueryString, gatewayQuery, hmac, sameHex, sha256 } from "./canonical";
import { EmuRequest, EmuResponse, json, parseJsonObject } from "../http";
import { MaApiError } from "../huawei/envelope";
import { ModelArtsTenant } from "../options";

const ALGORITHM = "SDK-HMAC-SHA256";

/** `YYYYMMDDTHHMMSSZ` → epoch ms; NaN when malformed. */
function sdkDate(value: string | undefined): number {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

const gw = (status: number, code: string, message: string) => new MaApiError(status, code, message, true);

export interface MaPrincipal {
    tenant: ModelArtsTenant;
    /** Project the credential is scoped to (tokens); undefined for AK/SK (any of the tenant's). */
    projectId?: string;
}

interface IssuedToken {
    tenantKey: string;
    projectId: string;
    expiresAt: number;
}

export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export class TokenIssuer {
    private tokens = new Map<string, IssuedToken>();

    constructor(private tenants: () => readonly ModelArtsTenant[]) {}

    /** `POST /v3/auth/tokens` with password identity and a project scope. */
    issue(req: EmuRequest, now: number): EmuResponse {
        const unauthorized = json(401, { error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" } });
        const body = parseJsonObject(req.body);
        if (!body || body instanceof Error) {
            return json(400, { error: { code: 400, message: "The request body is invalid.", title: "Bad Request" } });
        }
        const auth = body.auth as
            | {
                  identity?: { methods?: unknown; password?: { user?: { name?: unknown; password?: unknown; domain?: { name?: unknown } } } };
                  scope?: { project?: { id?: unknown; name?: unknown } };
              }
            | undefined;
        const user = auth?.identity?.password?.user;
        const methods = auth?.identity?.methods;
        if (!Array.isArray(methods) || !methods.includes("password") || !user) {
            return unauthorized;
        }
        const tenant = this.tenants().find((t) => t.userName === user.name && t.password === user.password && t.domainName === user.domain?.name);
        if (!tenant) {
            return unauthorized;
        }
        const scope = auth?.scope?.project;
        const project = tenant.projects.find((p) => (scope?.id !== undefined ? p.id === scope.id : p.name === scope?.name));
        if (!project) {
            return json(401, { error: { code: 401, message: "The project is not found or not accessible.", title: "Unauthorized" } });
        }
        const token = "MIIE" + randomBytes(48).toString("base64url");
        const expiresAt = now + TOKEN_TTL_MS;
        this.tokens.set(token, { tenantKey: tenant.accessKey, projectId: project.id, expiresAt });
        return json(
            201,
            {
                token: {
                    expires_at: new Date(expiresAt).toISOString(),
                    issued_at: new Date(now).toISOString(),
                    methods: ["password"],
                    project: { id: project.id, name: project.name, domain: { name: tenant.domainName } },
                    user: { id: tenant.userId, name: tenant.userName, domain: { name: tenant.domainName } },
                },
            },
            { "x-subject-token": token },
        );
    }

    resolve(token: string, now: number): MaPrincipal | undefined {
        const t = this.tokens.get(token);
        if (!t || t.expiresAt <= now) {
            return undefined;
        }
        const tenant = this.tenants().find((x) => x.accessKey === t.tenantKey);
        return tenant ? { tenant, projectId: t.projectId } : undefined;
    }

    /** Admin/testing: expire every token (as a password change would). */
    revokeAll(): void {
        this.tokens.clear();
    }
}

/**
 * The payload hash the signature must cover (docs/emulator-hardening.md, "X-Sdk-Content-Sha256"): the
 * hash of the body that arrived. `X-Sdk-Content-Sha256` counts only when it is itself signed:
 * `UNSIGNED-PAYLOAD` then leaves the body out, as Huawei's signing guide allows ("Must the Request
 * Body Be Signed?") and the official Node.js core does for non-JSON bodies (BaseCredentials
 * `processAuthRequest`, which signs every header it sends); any other value must be that hash. An
 * unsigned header is ignored, so a body swapped under it fails the signature.
 */
export function apigPayloadHash(req: EmuRequest, signedHeaders: readonly string[]): string {
    const actual = sha256(req.body);
    const claimed = req.headers["x-sdk-content-sha256"];
    if (claimed === undefined || !signedHeaders.includes("x-sdk-content-sha256")) return actual;
    if (claimed === "UNSIGNED-PAYLOAD") return claimed;
    if (claimed.toLowerCase() !== actual) {
        throw gw(401, "APIGW.0301", "Incorrect IAM authentication information: x-sdk-content-sha256 does not match the request body");
    }
    return claimed;
}

/** The access key a request claims (before anything is verified). */
export function apigAccessKey(req: EmuRequest): string | undefined {
    return authorizationFields(req.headers["authorization"], ALGORITHM)?.Access;
}

export function authenticateModelArts(req: EmuRequest, tenants: readonly ModelArtsTenant[], tokens: TokenIssuer, now: number, maxSkewMs: number): MaPrincipal {
    const token = req.headers["x-auth-token"];
    if (token !== undefined) {
        const p = tokens.resolve(token, now);
        if (!p) {
            throw gw(401, "APIGW.0307", "The token must be updated.");
        }
        return p;
    }
    const f = authorizationFields(req.headers["authorization"], ALGORITHM);
    const auth =
        f?.Access && f.SignedHeaders && f.Signature ? { accessKey: f.Access, signedHeaders: f.SignedHeaders.split(";"), signature: f.Signature } : undefined;
    if (!auth) {
        throw gw(401, "APIGW.0301", "Incorrect IAM authentication information: Authorization header is missing or malformed");
    }
    const tenant = tenants.find((t) => t.accessKey === auth.accessKey);
    if (!tenant) {
        throw gw(401, "APIGW.0301", `Incorrect IAM authentication information: ak ${auth.accessKey} not exist`);
    }
    const signed = auth.signedHeaders.map((h) => h.toLowerCase());
    if (!signed.includes("x-sdk-date")) {
        throw gw(401, "APIGW.0301", "Incorrect IAM authentication information: x-sdk-date must be signed");
    }
    const date = sdkDate(req.headers["x-sdk-date"]);
    if (Number.isNaN(date) || Math.abs(now - date) > maxSkewMs) {
        throw gw(401, "APIGW.0301", "Incorrect IAM authentication information: x-sdk-date is invalid or differs from server time by more than 15 minutes");
    }
    if (tenant.securityToken !== undefined && req.headers["x-security-token"] !== tenant.securityToken) {
        throw gw(401, "APIGW.0301", "Incorrect IAM authentication information: security token mismatch");
    }
    const payloadHash = apigPayloadHash(req, signed);
    // The URI is signed with a trailing "/".
    const uri = req.rawPath.endsWith("/") ? req.rawPath : req.rawPath + "/";
    const canonicalRequest = [
        req.method.toUpperCase(),
        uri,
        canonicalQueryString(gatewayQuery(req.rawQuery)),
        canonicalHeaderBlock(req.headers, signed, true),
        [...signed].sort().join(";"),
        payloadHash,
    ].join("\n");
    const stringToSign = `${ALGORITHM}\n${req.headers["x-sdk-date"]}\n${sha256(canonicalRequest)}`;
    if (!sameHex(hmac(tenant.secretKey, stringToSign), auth.signature)) {
        throw gw(401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail");
    }
    return { tenant };
}
