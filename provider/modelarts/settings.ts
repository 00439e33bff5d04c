/**
 * ModelArts endpoint, project and credentials, first found wins: `notebooks:modelartsAccessKey` /
 * `modelartsSecretKey` (secret) / `modelartsSecurityToken` (secret) / `modelartsProjectId` /
 * `modelartsRegion` / `modelartsEndpoint`; then Huawei's SDK variables HUAWEICLOUD_SDK_AK,
 * HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID,
 * HUAWEICLOUD_SDK_REGION; then Huawei's credentials file (`[basic]` of ~/.huaweicloud/credentials
 * or HUAWEICLOUD_SDK_CREDENTIALS_FILE, credentialsFile.ts); then the names Terraform's huaweicloud provider reads (HW_ACCESS_KEY,
 * HW_SECRET_KEY, HW_SECURITY_TOKEN, HW_PROJECT_ID, HW_REGION_NAME); and
 * NOTEBOOKS_MODELARTS_ENDPOINT. AK and SK come from the same source. With `modelartsAuth: token`, an IAM token is fetched with
 * `modelartsUserName` / `modelartsPassword` (secret) / `modelartsDomainName` from
 * `modelartsIamEndpoint` (default `https://iam.<region>.myhuaweicloud.com`).
 */
import { ConfigGetter, MissingCredentialsError, assertEndpoint, assertWellFormed, firstDefined, keySource } from "../common/settings";
import { MaAuth } from "./client";
import { readHuaweiProfile } from "./credentialsFile";

export interface ModelArtsSettings {
    endpoint: string;
    region: string;
    projectId: string;
    auth: MaAuth;
}

/** The project id alone (the resource's default `projectId`); undefined when unset. */
export function defaultProjectId(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return firstDefined(get("modelartsProjectId"), env.HUAWEICLOUD_SDK_PROJECT_ID, readHuaweiProfile(env)?.projectId, env.HW_PROJECT_ID);
}

export function resolveModelArtsSettings(get: ConfigGetter, projectId: string | undefined, env: NodeJS.ProcessEnv = process.env): ModelArtsSettings {
    const region = firstDefined(get("modelartsRegion"), env.HUAWEICLOUD_SDK_REGION, env.HW_REGION_NAME, "cn-north-4") as string;
    const endpoint = firstDefined(get("modelartsEndpoint"), env.NOTEBOOKS_MODELARTS_ENDPOINT) ?? `https://modelarts.${region}.myhuaweicloud.com`;
    const project = projectId ?? defaultProjectId(get, env);
    if (!project) {
        throw new MissingCredentialsError(
            "the ModelArts project id is missing: set projectId on the resource, `pulumi config set notebooks:modelartsProjectId <id>` or HUAWEICLOUD_SDK_PROJECT_ID",
        );
    }
    const mode = firstDefined(get("modelartsAuth"), env.NOTEBOOKS_MODELARTS_AUTH, "aksk");
    if (mode === "token") {
        const userName = firstDefined(get("modelartsUserName"), env.HUAWEICLOUD_SDK_USERNAME);
        const password = firstDefined(get("modelartsPassword"), env.HUAWEICLOUD_SDK_PASSWORD);
        const domainName = firstDefined(get("modelartsDomainName"), env.HUAWEICLOUD_SDK_DOMAIN_NAME);
        if (!userName || !password || !domainName) {
            throw new MissingCredentialsError(
                "ModelArts token auth needs notebooks:modelartsUserName, notebooks:modelartsPassword (secret) and notebooks:modelartsDomainName",
            );
        }
        const iamEndpoint =
            firstDefined(get("modelartsIamEndpoint"), env.NOTEBOOKS_IAM_ENDPOINT) ??
            (get("modelartsEndpoint") ? endpoint : `https://iam.${region}.myhuaweicloud.com`);
        return { endpoint, region, projectId: project, auth: { kind: "token", iamEndpoint, userName, password, domainName } };
    }
    const source = keySource([
        { id: get("modelartsAccessKey"), secret: get("modelartsSecretKey"), token: get("modelartsSecurityToken") },
        { id: env.HUAWEICLOUD_SDK_AK, secret: env.HUAWEICLOUD_SDK_SK, token: env.HUAWEICLOUD_SDK_SECURITY_TOKEN },
        ((p) => ({ id: p?.ak, secret: p?.sk, token: p?.securityToken }))(readHuaweiProfile(env)),
        { id: env.HW_ACCESS_KEY, secret: env.HW_SECRET_KEY, token: env.HW_SECURITY_TOKEN },
    ]);
    const accessKey = source?.id;
    const secretKey = source?.secret;
    if (!accessKey || !secretKey) {
        throw new MissingCredentialsError(
            "ModelArts credentials are missing: set `pulumi config set notebooks:modelartsAccessKey <AK>` and " +
                "`pulumi config set --secret notebooks:modelartsSecretKey <SK>`, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK " +
                "(to use the local emulator, also set notebooks:modelartsEndpoint to its URL)",
        );
    }
    const securityToken = source?.token;
    assertEndpoint("notebooks:modelartsEndpoint", endpoint);
    assertWellFormed({ "the ModelArts access key": accessKey, "the ModelArts secret key": secretKey, "the ModelArts security token": securityToken });
    return { endpoint, region, projectId: project, auth: { kind: "aksk", credentials: { accessKey, secretKey, securityToken } } };
}
