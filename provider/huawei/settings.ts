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
 * `modelartsIamEndpoint` (default `https://iam.<region>.myhuaweicloud.com`). Temporary credentials
 * (./credentialChain.ts): IdP federation from HUAWEICLOUD_SDK_IDP_ID + HUAWEICLOUD_SDK_ID_TOKEN_FILE
 * (after the SDK's key variables) or `idp_id` + `id_token_file` of the credentials file (after its
 * keys), at `modelartsIamEndpoint` / HUAWEICLOUD_SDK_IAM_ENDPOINT / the file's `iam_endpoint`
 * (default `https://iam.myhuaweicloud.com`, the Node.js core's); and, with `modelartsAuth:
 * metadata`, the ECS metadata service (`modelartsMetadataEndpoint`, default
 * http://169.254.169.254) — asked for, not probed, so a machine off ECS fails at preview at once.
 */
import { CredentialSource } from "../common/credentials";
import { registerSecret } from "../common/redact";
import {
    ConfigGetter,
    KeyCandidate,
    MissingCredentialsError,
    SettingsError,
    assertEndpoint,
    assertRegion,
    assertWellFormed,
    firstDefined,
    keySource,
} from "../common/settings";

const PROJECT_ID = /^[0-9a-f]{32}$/;
import { MaAuth } from "./transport";
import { DEFAULT_HUAWEI_METADATA, EcsMetadataSource, IdpFederationSource, sharedSource } from "./credentialChain";
import { ApigCredentials } from "./signer";
import { huaweiCredentialsFile, readHuaweiProfile } from "./credentialsFile";

export interface ModelArtsSettings {
    endpoint: string;
    region: string;
    projectId: string;
    auth: MaAuth;
}

/** The project id alone (the resource's default `projectId`); undefined when unset. */
export function defaultProjectId(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): string | undefined {
    const providerProfile = get("modelartsProfile");
    if (providerProfile !== undefined) return firstDefined(get("modelartsProjectId"), readHuaweiProfile(env, providerProfile)?.projectId);
    return firstDefined(get("modelartsProjectId"), env.HUAWEICLOUD_SDK_PROJECT_ID, readHuaweiProfile(env)?.projectId, env.HW_PROJECT_ID);
}

export function resolveModelArtsSettings(
    get: ConfigGetter,
    projectId: string | undefined,
    env: NodeJS.ProcessEnv = process.env,
    resourceProfile?: string,
): ModelArtsSettings {
    // A resource's own profile, else its provider's (`notebooks:modelartsProfile`, one per explicit provider).
    const profile = resourceProfile ?? get("modelartsProfile");
    // Known before anything can fail or be sent, whichever mode is used (redact.ts).
    for (const [id, secret, token] of [
        [get("modelartsAccessKey"), get("modelartsSecretKey"), get("modelartsSecurityToken")],
        [env.HUAWEICLOUD_SDK_AK, env.HUAWEICLOUD_SDK_SK, env.HUAWEICLOUD_SDK_SECURITY_TOKEN],
        [env.HW_ACCESS_KEY, env.HW_SECRET_KEY, env.HW_SECURITY_TOKEN],
    ]) {
        registerSecret(id, "the ModelArts access key");
        registerSecret(secret, "the ModelArts secret key");
        registerSecret(token, "the ModelArts security token");
    }
    registerSecret(get("modelartsPassword"), "the IAM password");
    registerSecret(env.HUAWEICLOUD_SDK_PASSWORD, "the IAM password");
    const named = profile === undefined ? undefined : readHuaweiProfile(env, profile);
    if (profile !== undefined && !named) {
        throw new MissingCredentialsError(`the Huawei credentials profile ${JSON.stringify(profile)} is not a section of ${huaweiCredentialsFile(env)}`);
    }
    const region = firstDefined(get("modelartsRegion"), env.HUAWEICLOUD_SDK_REGION, env.HW_REGION_NAME, "cn-north-4") as string;
    assertRegion(
        get("modelartsRegion") !== undefined ? "notebooks:modelartsRegion" : "the ModelArts region (HUAWEICLOUD_SDK_REGION or HW_REGION_NAME)",
        region,
    );
    const endpoint = firstDefined(get("modelartsEndpoint"), env.NOTEBOOKS_MODELARTS_ENDPOINT) ?? `https://modelarts.${region}.myhuaweicloud.com`;
    const project = projectId ?? named?.projectId ?? defaultProjectId(get, env);
    if (!project) {
        throw new MissingCredentialsError(
            "the ModelArts project id is missing: set projectId on the resource, `pulumi config set notebooks:modelartsProjectId <id>` or HUAWEICLOUD_SDK_PROJECT_ID",
        );
    }
    // The rule the resources' own projectId input has: a setting that breaks it failed only at the first call (HTTP 403).
    if (!PROJECT_ID.test(project)) {
        throw new SettingsError(
            `the ModelArts project id must be 32 lowercase hexadecimal characters, as IAM issues it (got ${JSON.stringify(project)}; ` +
                "from projectId on the resource, notebooks:modelartsProjectId, HUAWEICLOUD_SDK_PROJECT_ID or the credentials file)",
        );
    }
    const mode = firstDefined(get("modelartsAuth"), env.NOTEBOOKS_MODELARTS_AUTH, "aksk");
    if (mode === "token" && !named) {
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
    assertEndpoint("notebooks:modelartsEndpoint", endpoint);
    if (mode === "metadata" && !named) {
        const at = firstDefined(get("modelartsMetadataEndpoint"), env.NOTEBOOKS_MODELARTS_METADATA_ENDPOINT) ?? DEFAULT_HUAWEI_METADATA;
        assertEndpoint("notebooks:modelartsMetadataEndpoint", at);
        return { endpoint, region, projectId: project, auth: { kind: "aksk", credentials: sharedSource(`metadata ${at}`, () => new EcsMetadataSource(at)) } };
    }
    if (mode !== "aksk" && !named) {
        throw new MissingCredentialsError(`notebooks:modelartsAuth must be "aksk" (default), "token" or "metadata" (got ${JSON.stringify(mode)})`);
    }
    const file = named ?? readHuaweiProfile(env);
    const federated = (idpId: string | undefined, idTokenFile: string | undefined) => {
        if (!idpId || !idTokenFile) return undefined;
        const iam =
            firstDefined(get("modelartsIamEndpoint"), env.HUAWEICLOUD_SDK_IAM_ENDPOINT, file?.iamEndpoint, env.NOTEBOOKS_IAM_ENDPOINT) ??
            (get("modelartsEndpoint") ? endpoint : "https://iam.myhuaweicloud.com");
        assertEndpoint("the IAM endpoint", iam);
        return sharedSource(`idp ${idpId} ${idTokenFile} ${iam}`, () => new IdpFederationSource(idpId, idTokenFile, iam));
    };
    // In the SDKs' order: config, the SDK's variables (keys, then IdP), the credentials file (keys, then IdP), Terraform's names.
    // A named profile is the only source it names (ahead of every key of the stack).
    const candidates: Array<KeyCandidate | (() => CredentialSource<ApigCredentials> | undefined)> = named
        ? [{ id: named.ak, secret: named.sk, token: named.securityToken }, () => federated(named.idpId, named.idTokenFile)]
        : [
              { id: get("modelartsAccessKey"), secret: get("modelartsSecretKey"), token: get("modelartsSecurityToken") },
              { id: env.HUAWEICLOUD_SDK_AK, secret: env.HUAWEICLOUD_SDK_SK, token: env.HUAWEICLOUD_SDK_SECURITY_TOKEN },
              () => federated(env.HUAWEICLOUD_SDK_IDP_ID, env.HUAWEICLOUD_SDK_ID_TOKEN_FILE),
              { id: file?.ak, secret: file?.sk, token: file?.securityToken },
              () => federated(file?.idpId, file?.idTokenFile),
              { id: env.HW_ACCESS_KEY, secret: env.HW_SECRET_KEY, token: env.HW_SECURITY_TOKEN },
          ];
    // Every key a source holds is known before any request, so no message can echo one (redact.ts).
    for (const c of candidates) {
        if (typeof c === "function") continue;
        registerSecret(c.id, "the ModelArts access key");
        registerSecret(c.secret, "the ModelArts secret key");
        registerSecret(c.token, "the ModelArts security token");
    }
    let source: KeyCandidate | undefined;
    for (const c of candidates) {
        if (typeof c === "function") {
            const s = c();
            if (s) return { endpoint, region, projectId: project, auth: { kind: "aksk", credentials: s } };
            continue;
        }
        source = keySource([c]);
        if (source) break;
    }
    const accessKey = source?.id;
    const secretKey = source?.secret;
    if (!accessKey || !secretKey) {
        throw new MissingCredentialsError(
            "ModelArts credentials are missing: set `pulumi config set notebooks:modelartsAccessKey <AK>` and " +
                "`pulumi config set --secret notebooks:modelartsSecretKey <SK>` (on an explicit provider: its modelartsAccessKey " +
                "and modelartsSecretKey arguments), or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, " +
                "HUAWEICLOUD_SDK_IDP_ID and HUAWEICLOUD_SDK_ID_TOKEN_FILE, ~/.huaweicloud/credentials, or notebooks:modelartsAuth metadata on ECS " +
                "(to use the local emulator, also set notebooks:modelartsEndpoint to its URL)",
        );
    }
    const securityToken = source?.token;
    assertWellFormed({ "the ModelArts access key": accessKey, "the ModelArts secret key": secretKey, "the ModelArts security token": securityToken });
    return { endpoint, region, projectId: project, auth: { kind: "aksk", credentials: { accessKey, secretKey, securityToken } } };
}
