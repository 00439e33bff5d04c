/**
 * Instance metadata of "this machine", for both clouds, and a credentials URI sidecar:
 *  - Alibaba ECS (100.100.100.200): `PUT /latest/api/token` (IMDSv2, TTL header), then
 *    `GET /latest/meta-data/ram/security-credentials/[role]` with or without the token;
 *  - Huawei ECS (169.254.169.254): `PUT /meta-data/latest/api/token`, then
 *    `GET /openstack/latest/securitykey` → `{"credential": {access, secret, securitytoken, expires_at}}`;
 *  - `GET /_sidecar/credentials`: the answer ALIBABA_CLOUD_CREDENTIALS_URI expects
 *    (`Code: Success` and the four credential fields), for the instance role's account.
 * Plain text where the real services answer text (a token, a role name).
 */
import { randomBytes } from "node:crypto";
import { EmuRequest, EmuResponse, json } from "../http";
import { decimalInt } from "../params";
import { IdentityOptions } from "./options";
import { TemporaryKeys, isoSeconds } from "./sessions";

const INSTANCE_SESSION_SECONDS = 6 * 3600;

const text = (status: number, body: string): EmuResponse => ({ status, headers: { "content-type": "text/plain" }, body: Buffer.from(body) });

export class InstanceMetadata {
    private tokens = new Map<string, number>();

    constructor(
        private readonly identity: () => IdentityOptions,
        private readonly keys: TemporaryKeys,
        private readonly now: () => number,
    ) {}

    static handles(path: string): boolean {
        return (
            path.startsWith("/latest/") ||
            path === "/meta-data/latest/api/token" ||
            path === "/openstack/latest/securitykey" ||
            path === "/_sidecar/credentials"
        );
    }

    handle(req: EmuRequest): { op: string; principal?: string; response: EmuResponse } {
        const p = req.path;
        if (p === "/latest/api/token" || p === "/meta-data/latest/api/token") {
            return {
                op: "MetadataToken",
                response: this.token(req, p === "/latest/api/token" ? "x-aliyun-ecs-metadata-token-ttl-seconds" : "x-metadata-token-ttl-seconds"),
            };
        }
        const given = req.headers["x-aliyun-ecs-metadata-token"] ?? req.headers["x-metadata-token"];
        if (given !== undefined && !((this.tokens.get(given) ?? 0) > this.now())) {
            return { op: "Metadata", response: text(401, "Unauthorized") };
        }
        const role = this.identity().alibabaInstanceRole;
        if (p === "/latest/meta-data/ram/security-credentials/" || p === "/latest/meta-data/ram/security-credentials") {
            return { op: "MetadataRoleName", response: text(200, role.name) };
        }
        if (p.startsWith("/latest/meta-data/ram/security-credentials/")) {
            // `req.path` is decoded already (http.ts); decoding again threw on a path like `%E0%80%80` (found by the fuzz test).
            const name = p.slice("/latest/meta-data/ram/security-credentials/".length);
            if (name !== role.name) return { op: "MetadataRoleCredentials", response: text(404, "Not Found") };
            const k = this.keys.issue("alibaba", role.accountKey, "ecs-metadata", INSTANCE_SESSION_SECONDS, this.now());
            return {
                op: "MetadataRoleCredentials",
                principal: k.accessKeyId,
                response: json(200, {
                    AccessKeyId: k.accessKeyId,
                    AccessKeySecret: k.secret,
                    Expiration: isoSeconds(k.expiresAt),
                    SecurityToken: k.securityToken,
                    LastUpdated: isoSeconds(this.now()),
                    Code: "Success",
                }),
            };
        }
        if (p === "/_sidecar/credentials") {
            const k = this.keys.issue("alibaba", role.accountKey, "credentials-uri", INSTANCE_SESSION_SECONDS, this.now());
            return {
                op: "CredentialsUri",
                principal: k.accessKeyId,
                response: json(200, {
                    Code: "Success",
                    AccessKeyId: k.accessKeyId,
                    AccessKeySecret: k.secret,
                    SecurityToken: k.securityToken,
                    Expiration: isoSeconds(k.expiresAt),
                }),
            };
        }
        if (p === "/openstack/latest/securitykey") {
            const account = this.identity().huaweiInstanceAccount;
            const k = this.keys.issue("huawei", account, "metadata", INSTANCE_SESSION_SECONDS, this.now());
            return {
                op: "MetadataSecurityKey",
                principal: k.accessKeyId,
                response: json(200, {
                    credential: {
                        access: k.accessKeyId,
                        secret: k.secret,
                        securitytoken: k.securityToken,
                        expires_at: new Date(k.expiresAt).toISOString().replace("Z", "000Z"),
                    },
                }),
            };
        }
        return { op: "Metadata", response: text(404, "Not Found") };
    }

    private token(req: EmuRequest, ttlHeader: string): EmuResponse {
        if (req.method !== "PUT") return text(405, "Method Not Allowed");
        const ttl = decimalInt(req.headers[ttlHeader] ?? "");
        if (ttl === undefined || ttl < 1 || ttl > 21600) return text(400, "Bad Request");
        const t = randomBytes(24).toString("base64url");
        this.tokens.set(t, this.now() + ttl * 1000);
        return text(200, t);
    }
}
