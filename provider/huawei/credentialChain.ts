/**
 * Huawei Cloud temporary credentials, the two sources of the official SDK cores' default chain
 * that are not static keys (huaweicloud-sdk-go-v3 core/auth/provider, huaweicloud-sdk-nodejs-v3
 * core BaseCredentials):
 *  - IdP federation: an OIDC ID token read from a file (`HUAWEICLOUD_SDK_IDP_ID` +
 *    `HUAWEICLOUD_SDK_ID_TOKEN_FILE`, or `idp_id` / `id_token_file` in the credentials file) is
 *    exchanged at IAM for an unscoped token (`POST /v3/OS-FEDERATION/identity_providers/{idp}/
 *    protocols/oidc/auth`, `Authorization: Bearer …`), then for a temporary AK/SK and security token
 *    (`POST /v3.0/OS-CREDENTIAL/securitytokens`, 6 h as the Node.js core asks); renewed 40 minutes
 *    before it ends (the core's threshold), the ID token file read again each time (CI systems rotate it);
 *  - ECS metadata: `GET {metadata}/openstack/latest/securitykey` (after `PUT
 *    /meta-data/latest/api/token` for a session token, falling back to a plain GET as the Go SDK's
 *    older accessor does), renewed 15 minutes before `expires_at`.
 * No Node.js library offers the metadata source and the federation one is inside the core's HTTP
 * client, so both are here, on the shared transport (federation) or a short local request (metadata).
 */
import * as fs from "node:fs";
import axios from "axios";
import { z } from "zod";
import { CredentialSource, CredentialSourceError, ExpiringCache, redactSecretFields } from "../common/credentials";
import { ResponseShapeError } from "../common/errors";
import { registerSecret } from "../common/redact";
import { HttpTransport, TransportOptions } from "../common/http";
import { iamProtocol } from "./transport";
import { ApigCredentials } from "./signer";

const TemporaryCredential = z.looseObject({
    credential: z.looseObject({ access: z.string().min(1), secret: z.string().min(1), securitytoken: z.string().min(1), expires_at: z.string() }),
});

interface Expiring extends ApigCredentials {
    expiresAt?: number;
}

const fromCredential = (c: z.infer<typeof TemporaryCredential>["credential"]): Expiring => ({
    accessKey: c.access,
    secretKey: c.secret,
    securityToken: c.securitytoken,
    expiresAt: Date.parse(c.expires_at),
});

const UNSCOPED = "IAM CreateUnscopedTokenWithIdToken";
const SECURITY_TOKEN = "IAM CreateTemporaryAccessKeyByToken";

/** A source whose fetched credentials are kept until `refreshBeforeMs` before they end. */
abstract class CachedSource implements CredentialSource<ApigCredentials> {
    private readonly cache: ExpiringCache<Expiring>;

    constructor(
        readonly name: string,
        refreshBeforeMs: number,
    ) {
        this.cache = new ExpiringCache(() => this.fetch(), refreshBeforeMs);
    }

    protected abstract fetch(): Promise<Expiring>;

    async get(): Promise<ApigCredentials> {
        const { expiresAt: _e, ...c } = await this.cache.get();
        registerSecret(c.accessKey, `the ModelArts access key from ${this.name}`);
        registerSecret(c.secretKey, `the ModelArts secret key from ${this.name}`);
        registerSecret(c.securityToken, `the ModelArts security token from ${this.name}`);
        return c;
    }

    invalidate(): void {
        this.cache.invalidate();
    }
}

export class IdpFederationSource extends CachedSource {
    private readonly transport: HttpTransport;
    private bearer = "";
    private unscoped = "";

    constructor(
        private readonly idpId: string,
        private readonly idTokenFile: string,
        iamEndpoint: string,
        transport?: Partial<TransportOptions>,
    ) {
        super(`IdP federation (${idpId})`, 40 * 60_000);
        this.transport = new HttpTransport({
            ...transport,
            endpoint: iamEndpoint,
            protocol: iamProtocol("the federated identity (check the IdP id and the ID token file)", (op): Record<string, string> =>
                op === UNSCOPED ? { authorization: `Bearer ${this.bearer}` } : { "x-auth-token": this.unscoped },
            ),
        });
    }

    protected async fetch(): Promise<Expiring> {
        try {
            this.bearer = fs.readFileSync(this.idTokenFile, "utf8").trim();
        } catch (e) {
            throw new CredentialSourceError(
                `ModelArts ${this.name}: cannot read the ID token file ${this.idTokenFile} (${(e as NodeJS.ErrnoException).code ?? "error"})`,
            );
        }
        registerSecret(this.bearer, `the ID token of ${this.idTokenFile}`);
        if (this.bearer === "") throw new CredentialSourceError(`ModelArts ${this.name}: the ID token file ${this.idTokenFile} is empty`);
        const token = await this.transport.exchange(
            {
                operation: UNSCOPED,
                method: "POST",
                path: `/v3/OS-FEDERATION/identity_providers/${encodeURIComponent(this.idpId)}/protocols/oidc/auth`,
                idempotent: true,
            },
            z.unknown(),
        );
        const unscoped = token.headers["x-subject-token"];
        if (typeof unscoped !== "string" || unscoped === "") {
            throw new ResponseShapeError("ModelArts", UNSCOPED, `HTTP ${token.status} without an X-Subject-Token header`, token.headers["x-iam-trace-id"]);
        }
        registerSecret(unscoped, `the unscoped IAM token of ${this.name}`);
        this.unscoped = unscoped;
        const res = await this.transport.send(
            {
                operation: SECURITY_TOKEN,
                method: "POST",
                path: "/v3.0/OS-CREDENTIAL/securitytokens",
                body: { auth: { identity: { methods: ["token"], token: { duration_seconds: 6 * 3600 } } } },
                idempotent: true,
            },
            TemporaryCredential,
        );
        return fromCredential(res.credential);
    }
}

export const DEFAULT_HUAWEI_METADATA = "http://169.254.169.254";

export class EcsMetadataSource extends CachedSource {
    constructor(private readonly endpoint: string) {
        super(`the ECS metadata of ${endpoint}`, 15 * 60_000);
    }

    protected async fetch(): Promise<Expiring> {
        const base = this.endpoint.replace(/\/+$/, "");
        const http = axios.create({ timeout: 3000, validateStatus: () => true, responseType: "text", transformResponse: (d: unknown) => d });
        let sessionToken: string | undefined;
        try {
            const t = await http.put(`${base}/meta-data/latest/api/token`, undefined, { headers: { "X-Metadata-Token-Ttl-Seconds": "21600" } });
            if (t.status === 200 && typeof t.data === "string" && t.data !== "") {
                sessionToken = t.data;
                registerSecret(sessionToken, `the metadata session token of ${this.endpoint}`);
            }
        } catch {
            // An older metadata service has no session tokens: ask without one.
        }
        let res;
        try {
            res = await http.get(`${base}/openstack/latest/securitykey`, { headers: sessionToken ? { "X-Metadata-Token": sessionToken } : {} });
        } catch (e) {
            throw new CredentialSourceError(`ModelArts credentials from ${this.name} could not be obtained: ${(e as Error).message}`);
        }
        if (res.status !== 200) {
            throw new CredentialSourceError(
                `ModelArts credentials from ${this.name} could not be obtained: HTTP ${res.status} ${redactSecretFields(String(res.data)).slice(0, 200)}`,
            );
        }
        let parsed;
        try {
            parsed = TemporaryCredential.parse(JSON.parse(String(res.data)));
        } catch {
            throw new CredentialSourceError(
                `ModelArts credentials from ${this.name}: the answer is not a {"credential": {access, secret, securitytoken, expires_at}} object`,
            );
        }
        return fromCredential(parsed.credential);
    }
}

const sources = new Map<string, CredentialSource<ApigCredentials>>();

/** One source per identity and process, so its session is shared by every client. */
export function sharedSource(key: string, make: () => CredentialSource<ApigCredentials>): CredentialSource<ApigCredentials> {
    let s = sources.get(key);
    if (!s) {
        s = make();
        sources.set(key, s);
    }
    return s;
}
