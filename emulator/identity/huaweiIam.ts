/**
 * Huawei IAM's OIDC federation, the two calls the official SDK cores make for `idp_id` +
 * `id_token_file` credentials: `POST /v3/OS-FEDERATION/identity_providers/{idp}/protocols/oidc/auth`
 * with `Authorization: Bearer <ID token>` → an unscoped token in `X-Subject-Token`; then
 * `POST /v3.0/OS-CREDENTIAL/securitytokens` with `X-Auth-Token` → a temporary AK/SK and security
 * token (`duration_seconds` 900–86400, default 900). Errors in IAM's `{"error": {code, message, title}}`.
 */
import { randomBytes } from "node:crypto";
import { EmuRequest, EmuResponse, json, newRequestId } from "../http";
import { IdTokenIssuer } from "./idTokens";
import { IdentityOptions } from "./options";
import { TemporaryKeys } from "./sessions";

const iamError = (code: number, title: string, message: string) => json(code, { error: { code, message, title } }, { "x-iam-trace-id": newRequestId() });

const UNSCOPED_TOKEN_MS = 24 * 3600 * 1000;

export class HuaweiFederation {
    private unscoped = new Map<string, { accountKey: string; expiresAt: number }>();

    constructor(
        private readonly identity: () => IdentityOptions,
        private readonly keys: TemporaryKeys,
        private readonly idTokens: IdTokenIssuer,
        private readonly now: () => number,
    ) {}

    static handles(path: string): boolean {
        return /^\/v3\/OS-FEDERATION\/identity_providers\/[^/]+\/protocols\/oidc\/auth$/.test(path) || path === "/v3.0/OS-CREDENTIAL/securitytokens";
    }

    handle(req: EmuRequest): { op: string; principal?: string; response: EmuResponse } {
        if (req.method !== "POST") return { op: "unknown", response: iamError(405, "Method Not Allowed", "The method is not allowed.") };
        if (req.path.startsWith("/v3/OS-FEDERATION/")) return this.federate(req);
        return this.securityToken(req);
    }

    private federate(req: EmuRequest): { op: string; principal?: string; response: EmuResponse } {
        const op = "CreateUnscopedTokenWithIdToken";
        // `req.path` is decoded already (http.ts): decoding again would throw on `%E0%80%80`.
        const idpId = req.path.split("/")[4];
        const idp = this.identity().huaweiIdentityProviders.find((x) => x.id === idpId);
        if (!idp) return { op, response: iamError(404, "Not Found", `Could not find Identity Provider: ${idpId}.`) };
        const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers["authorization"] ?? "")?.[1];
        const claims = bearer ? this.idTokens.verify(bearer, idp.audience, this.now()) : "invalid";
        if (typeof claims === "string") {
            return {
                op,
                response: iamError(
                    401,
                    "Unauthorized",
                    claims === "expired" ? "The id_token has expired." : "The request you have made requires authentication.",
                ),
            };
        }
        const token = `MII${randomBytes(48).toString("base64url")}`;
        const expiresAt = this.now() + UNSCOPED_TOKEN_MS;
        this.unscoped.set(token, { accountKey: idp.accountKey, expiresAt });
        return {
            op,
            principal: idp.accountKey,
            response: json(
                201,
                {
                    token: {
                        expires_at: new Date(expiresAt).toISOString(),
                        issued_at: new Date(this.now()).toISOString(),
                        methods: ["mapped"],
                        user: { name: claims.sub, "OS-FEDERATION": { identity_provider: { id: idp.id }, protocol: { id: "oidc" }, groups: [] } },
                    },
                },
                { "x-subject-token": token, "x-iam-trace-id": newRequestId() },
            ),
        };
    }

    private securityToken(req: EmuRequest): { op: string; principal?: string; response: EmuResponse } {
        const op = "CreateTemporaryAccessKeyByToken";
        const t = this.unscoped.get(req.headers["x-auth-token"] ?? "");
        if (!t || t.expiresAt <= this.now()) return { op, response: iamError(401, "Unauthorized", "The request you have made requires authentication.") };
        let body: { auth?: { identity?: { methods?: unknown; token?: { duration_seconds?: unknown } } } };
        try {
            body = JSON.parse(req.body.toString("utf8") || "{}") as typeof body;
        } catch {
            return { op, response: iamError(400, "Bad Request", "The request body is not JSON.") };
        }
        const methods = body.auth?.identity?.methods;
        if (!Array.isArray(methods) || methods.length !== 1 || methods[0] !== "token") {
            return { op, response: iamError(400, "Bad Request", "Invalid input for field 'methods'.") };
        }
        const d = body.auth?.identity?.token?.duration_seconds ?? 900;
        if (typeof d !== "number" || !Number.isInteger(d) || d < 900 || d > 86400) {
            return { op, response: iamError(400, "Bad Request", "Invalid input for field 'duration_seconds': must be between 900 and 86400.") };
        }
        const k = this.keys.issue("huawei", t.accountKey, "idp", d, this.now());
        return {
            op,
            principal: k.accessKeyId,
            response: json(201, {
                credential: {
                    access: k.accessKeyId,
                    secret: k.secret,
                    securitytoken: k.securityToken,
                    expires_at: new Date(k.expiresAt).toISOString().replace("Z", "000Z"),
                },
            }),
        };
    }
}
