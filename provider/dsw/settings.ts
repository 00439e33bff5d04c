/**
 * DSW endpoint and credentials, first found wins: `notebooks:dswAccessKeyId` / `dswAccessKeySecret`
 * (secret) / `dswSecurityToken` (secret) / `dswRegion` / `dswEndpoint`; then Alibaba Cloud's own
 * variables ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,
 * ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION_ID; then the names pulumi-alicloud and
 * Terraform's alicloud provider read (ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY,
 * ALICLOUD_SECURITY_TOKEN, ALICLOUD_REGION); and NOTEBOOKS_DSW_ENDPOINT. Key id and secret come
 * from the same source (a key id from one place and a secret from another would never sign).
 * Without an endpoint the regional public one is used. Without any of these keys, the chain of
 * Alibaba's credentials library (./credentialChain.ts: OIDC role, CLI profile, shared credentials
 * file, ECS instance role, credentials URI); a `profile` named by a resource or lookup goes
 * straight to that profile, ahead of every key, so one stack can span accounts; `notebooks:dswProfile`
 * names the profile for every resource of a provider that names none.
 */
import {
    ConfigGetter,
    KeyCandidate,
    MissingCredentialsError,
    assertEndpoint,
    assertRegion,
    assertWellFormed,
    firstDefined,
    keySource,
} from "../common/settings";
import { registerSecret } from "../common/redact";
import { Credentials } from "../common/credentials";
import { alibabaCredentialChain } from "./credentialChain";
import { Acs3Credentials } from "./signer";

export interface DswSettings {
    endpoint: string;
    region: string;
    credentials: Credentials<Acs3Credentials>;
}

/** Every key id, secret and token a DSW source holds, registered for redaction whichever one is used (redact.ts). */
function registerDswSecrets(candidates: readonly KeyCandidate[]): void {
    for (const c of candidates) {
        registerSecret(c.id, "the DSW access key id");
        registerSecret(c.secret, "the DSW access key secret");
        registerSecret(c.token, "the DSW security token");
    }
}

export function resolveDswSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env, resourceProfile?: string): DswSettings {
    // A resource's own profile, else its provider's (`notebooks:dswProfile`, one per explicit provider).
    const profile = resourceProfile ?? get("dswProfile");
    const candidates: KeyCandidate[] = [
        { id: get("dswAccessKeyId"), secret: get("dswAccessKeySecret"), token: get("dswSecurityToken") },
        { id: env.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, token: env.ALIBABA_CLOUD_SECURITY_TOKEN },
        { id: env.ALICLOUD_ACCESS_KEY, secret: env.ALICLOUD_SECRET_KEY, token: env.ALICLOUD_SECURITY_TOKEN },
    ];
    registerDswSecrets(candidates);
    const region = firstDefined(get("dswRegion"), env.ALIBABA_CLOUD_REGION_ID, env.ALICLOUD_REGION, "cn-hangzhou") as string;
    assertRegion(get("dswRegion") !== undefined ? "notebooks:dswRegion" : "the DSW region (ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION)", region);
    const endpoint = firstDefined(get("dswEndpoint"), env.NOTEBOOKS_DSW_ENDPOINT) ?? `https://pai-dsw.${region}.aliyuncs.com`;
    assertEndpoint("notebooks:dswEndpoint", endpoint);
    const chain = (named?: string) =>
        alibabaCredentialChain({
            profile: named,
            stsEndpoint: firstDefined(get("dswStsEndpoint"), env.NOTEBOOKS_DSW_STS_ENDPOINT),
            metadataEndpoint: firstDefined(get("dswMetadataEndpoint"), env.NOTEBOOKS_DSW_METADATA_ENDPOINT),
            env,
        });
    const named = profile === undefined ? undefined : chain(profile);
    if (named) {
        return { endpoint, region, credentials: named };
    }
    const source = keySource(candidates);
    if (source === undefined) {
        const fromChain = chain();
        if (fromChain) return { endpoint, region, credentials: fromChain };
    }
    const accessKeyId = source?.id;
    const accessKeySecret = source?.secret;
    if (!accessKeyId || !accessKeySecret) {
        throw new MissingCredentialsError(
            "DSW credentials are missing: set `pulumi config set notebooks:dswAccessKeyId <id>` and " +
                "`pulumi config set --secret notebooks:dswAccessKeySecret <secret>` (on an explicit provider: its " +
                "dswAccessKeyId and dswAccessKeySecret arguments), or the environment variables " +
                "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or one of the sources of Alibaba's default " +
                "credentials chain (README, Credentials) (to use the local emulator, also set notebooks:dswEndpoint to its URL)",
        );
    }
    const securityToken = source?.token;
    assertWellFormed({ "the DSW access key id": accessKeyId, "the DSW access key secret": accessKeySecret, "the DSW security token": securityToken });
    return { endpoint, region, credentials: { accessKeyId, accessKeySecret, securityToken } };
}
