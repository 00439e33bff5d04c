/**
 * Alibaba Cloud STS (2015-04-01), RPC style on `POST /?Action=…`: AssumeRole (signed by a caller
 * of the role's account, static or itself temporary) and AssumeRoleWithOIDC (anonymous, carrying
 * an ID token of a trusted provider). Answers and error codes follow the STS API reference.
 */
import { NONCE_USED, NonceCache } from "../auth/nonces";
import { rpcParams, rpcSignatureMatches } from "../auth/rpc";
import { EmuRequest, EmuResponse, json, newRequestId } from "../http";
import type { DswTenant } from "../options";
import { intParam } from "../params";
import { IdTokenIssuer } from "./idTokens";
import { AlibabaRole, IdentityOptions } from "./options";
import { TemporaryKeys, isoSeconds } from "./sessions";

export class StsError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

export function stsErrorResponse(e: StsError): EmuResponse {
    const requestId = newRequestId();
    return json(e.status, {
        RequestId: requestId,
        HostId: "sts.aliyuncs.com",
        Code: e.code,
        Message: e.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${e.code}&product=Sts`,
    });
}

const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

export class AlibabaSts {
    constructor(
        private readonly identity: () => IdentityOptions,
        private readonly tenants: () => readonly DswTenant[],
        private readonly keys: TemporaryKeys,
        private readonly idTokens: IdTokenIssuer,
        private readonly now: () => number,
        private readonly maxSkewMs: number,
        private readonly nonces: NonceCache,
    ) {}

    /** The operation a request names (for the request log), before it is handled. */
    static action(req: EmuRequest): string {
        return rpcParams(req).Action ?? "unknown";
    }

    handle(req: EmuRequest): EmuResponse {
        const p = rpcParams(req);
        if (p.Version !== "2015-04-01") throw new StsError(400, "InvalidVersion", `Specified parameter Version is not valid.`);
        if (p.Action === "AssumeRole") return this.assumeRole(req, p);
        if (p.Action === "AssumeRoleWithOIDC") return this.assumeRoleWithOidc(p);
        throw new StsError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

    private role(arn: string | undefined): AlibabaRole {
        if (!arn) throw new StsError(400, "MissingRoleArn", "RoleArn is mandatory for this action.");
        const r = this.identity().alibabaRoles.find((x) => x.arn === arn);
        if (!r) throw new StsError(404, "EntityNotExist.Role", `The role not exists: ${arn}.`);
        return r;
    }

    private duration(p: Record<string, string>, role: AlibabaRole): number {
        // DurationSeconds is a Long in the STS reference: decimal digits only (`1e3`, `0x384`, `+900` are refused).
        return intParam(
            p.DurationSeconds,
            { dflt: 3600, min: 900, max: role.maxSessionSeconds },
            () => new StsError(400, "InvalidParameter.DurationSeconds", `The Min/Max value of DurationSeconds is 15min/${role.maxSessionSeconds / 3600}hr.`),
        );
    }

    private sessionName(p: Record<string, string>): string {
        const n = p.RoleSessionName;
        if (!n) throw new StsError(400, "MissingRoleSessionName", "RoleSessionName is mandatory for this action.");
        if (!SESSION_NAME.test(n)) throw new StsError(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
        return n;
    }

    /** The caller's account key, after its RPC signature, timestamp and (for a session) token hold. */
    private caller(req: EmuRequest, p: Record<string, string>): string {
        if (p.SignatureMethod !== "HMAC-SHA1" || p.SignatureVersion !== "1.0" || !p.Signature || !p.SignatureNonce) {
            throw new StsError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
        }
        const at = Date.parse(p.Timestamp ?? "");
        if (Number.isNaN(at) || Math.abs(this.now() - at) > this.maxSkewMs) {
            throw new StsError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
        const tenant = this.tenants().find((t) => t.accessKeyId === p.AccessKeyId);
        const session = tenant ? undefined : this.keys.find(p.AccessKeyId);
        if (!tenant && (!session || session.cloud !== "alibaba")) throw new StsError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        if (session) {
            if (p.SecurityToken !== session.securityToken)
                throw new StsError(400, "InvalidSecurityToken.MismatchWithAccessKey", "The security token does not match the access key.");
            if (session.expiresAt <= this.now()) throw new StsError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
        }
        const secret = tenant ? tenant.accessKeySecret : (session?.secret as string);
        if (!rpcSignatureMatches(req.method, p, secret)) {
            throw new StsError(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        }
        // After the signature, as on the DSW path: only a request its signer made uses up a nonce.
        if (!this.nonces.use(p.SignatureNonce, this.now())) throw new StsError(NONCE_USED.status, NONCE_USED.code, NONCE_USED.message);
        return tenant ? tenant.accessKeyId : (session?.accountKey as string);
    }

    private answer(role: AlibabaRole, sessionName: string, source: string, seconds: number, extra: Record<string, unknown> = {}): EmuResponse {
        const k = this.keys.issue("alibaba", role.accountKey, source, seconds, this.now());
        const account = /^acs:ram::(\d+):/.exec(role.arn)?.[1] ?? "0";
        return json(200, {
            RequestId: newRequestId(),
            AssumedRoleUser: { AssumedRoleId: `3${account.slice(0, 17)}:${sessionName}`, Arn: `${role.arn}/${sessionName}` },
            Credentials: { AccessKeyId: k.accessKeyId, AccessKeySecret: k.secret, SecurityToken: k.securityToken, Expiration: isoSeconds(k.expiresAt) },
            ...extra,
        });
    }

    private assumeRole(req: EmuRequest, p: Record<string, string>): EmuResponse {
        const account = this.caller(req, p);
        const role = this.role(p.RoleArn);
        if (role.accountKey !== account) {
            throw new StsError(403, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM.");
        }
        return this.answer(role, this.sessionName(p), "AssumeRole", this.duration(p, role));
    }

    private assumeRoleWithOidc(p: Record<string, string>): EmuResponse {
        if (!p.OIDCProviderArn) throw new StsError(400, "MissingOIDCProviderArn", "OIDCProviderArn is mandatory for this action.");
        if (!p.OIDCToken) throw new StsError(400, "MissingOIDCToken", "OIDCToken is mandatory for this action.");
        const role = this.role(p.RoleArn);
        if (!this.identity().alibabaRoles.some((r) => r.oidcProviderArn === p.OIDCProviderArn)) {
            throw new StsError(404, "EntityNotExist.OIDCProvider", `The OIDC provider not exists: ${p.OIDCProviderArn}.`);
        }
        if (role.oidcProviderArn !== p.OIDCProviderArn) {
            throw new StsError(403, "AuthenticationFail.NoPermission", "The role is not trusted by the specified OIDC provider.");
        }
        const claims = this.idTokens.verify(p.OIDCToken, role.oidcAudience ?? "sts.aliyuncs.com", this.now());
        if (claims === "expired") throw new StsError(400, "AuthenticationFail.OIDCToken.Expired", "The OIDC token has expired.");
        if (claims === "invalid") throw new StsError(400, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.");
        return this.answer(role, this.sessionName(p), "AssumeRoleWithOIDC", this.duration(p, role), {
            OIDCTokenInfo: { Subject: claims.sub, Issuer: claims.iss, ClientIds: claims.aud, ExpirationTime: isoSeconds(claims.exp * 1000) },
        });
    }
}
