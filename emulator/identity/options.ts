/**
 * Who the emulated identity services know: RAM roles (and the OIDC provider each trusts), the ECS
 * instance role and Huawei's OIDC identity providers and instance account. Defaults give the
 * first tenant of each cloud one of each, so every credential source works out of the box.
 */
import type { DswTenant, ModelArtsTenant } from "../tenants";

export interface AlibabaRole {
    arn: string;
    /** The account the role belongs to (its tenant's access key id): callers of AssumeRole must be in it. */
    accountKey: string;
    /** OIDC provider this role trusts for AssumeRoleWithOIDC, and the audience its tokens carry. */
    oidcProviderArn?: string;
    oidcAudience?: string;
    maxSessionSeconds: number;
}

export interface IdentityOptions {
    alibabaRoles: AlibabaRole[];
    /** The RAM role attached to "this machine", served by the ECS metadata endpoints. */
    alibabaInstanceRole: { name: string; accountKey: string };
    /** Huawei IAM identity providers (OIDC) and the account each maps federated users into. */
    huaweiIdentityProviders: Array<{ id: string; accountKey: string; audience: string }>;
    /** The Huawei account whose temporary keys the ECS metadata `securitykey` answers. */
    huaweiInstanceAccount: string;
    /** Test-time compression: every session lasts this many seconds instead of what was asked. */
    sessionSeconds?: number;
}

export function defaultIdentity(dsw: readonly DswTenant[], ma: readonly ModelArtsTenant[]): IdentityOptions {
    const a = dsw[0];
    const h = ma[0];
    return {
        alibabaRoles: a
            ? [
                  {
                      arn: `acs:ram::${a.userId}:role/notebooks-deployer`,
                      accountKey: a.accessKeyId,
                      oidcProviderArn: `acs:ram::${a.userId}:oidc-provider/notebooks-ci`,
                      oidcAudience: "sts.aliyuncs.com",
                      maxSessionSeconds: 3600,
                  },
              ]
            : [],
        alibabaInstanceRole: { name: "notebooks-ecs-role", accountKey: a?.accessKeyId ?? "" },
        huaweiIdentityProviders: h ? [{ id: "notebooks-ci", accountKey: h.accessKey, audience: "notebooks-ci" }] : [],
        huaweiInstanceAccount: h?.accessKey ?? "",
    };
}
