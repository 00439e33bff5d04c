/**
 * DSW endpoint and credentials: `notebooks:dswAccessKeyId` / `dswAccessKeySecret` (secret) /
 * `dswSecurityToken` (secret) / `dswRegion` / `dswEndpoint`, else ALIBABA_CLOUD_ACCESS_KEY_ID,
 * ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION_ID and
 * NOTEBOOKS_DSW_ENDPOINT. Without an endpoint the regional public one is used.
 */
import { ConfigGetter, MissingCredentialsError, assertEndpoint, assertWellFormed, firstDefined } from "../common/settings";
import { Acs3Credentials } from "./signer";

export interface DswSettings {
    endpoint: string;
    region: string;
    credentials: Acs3Credentials;
}

export function resolveDswSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): DswSettings {
    const region = firstDefined(get("dswRegion"), env.ALIBABA_CLOUD_REGION_ID, "cn-hangzhou") as string;
    const endpoint = firstDefined(get("dswEndpoint"), env.NOTEBOOKS_DSW_ENDPOINT) ?? `https://pai-dsw.${region}.aliyuncs.com`;
    const accessKeyId = firstDefined(get("dswAccessKeyId"), env.ALIBABA_CLOUD_ACCESS_KEY_ID);
    const accessKeySecret = firstDefined(get("dswAccessKeySecret"), env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
    if (!accessKeyId || !accessKeySecret) {
        throw new MissingCredentialsError(
            "DSW credentials are missing: set `pulumi config set notebooks:dswAccessKeyId <id>` and " +
                "`pulumi config set --secret notebooks:dswAccessKeySecret <secret>`, or the environment variables " +
                "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (to use the local emulator, also set notebooks:dswEndpoint to its URL)",
        );
    }
    const securityToken = firstDefined(get("dswSecurityToken"), env.ALIBABA_CLOUD_SECURITY_TOKEN);
    assertEndpoint("notebooks:dswEndpoint", endpoint);
    assertWellFormed({ "the DSW access key id": accessKeyId, "the DSW access key secret": accessKeySecret, "the DSW security token": securityToken });
    return { endpoint, region, credentials: { accessKeyId, accessKeySecret, securityToken } };
}
