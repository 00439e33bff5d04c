/**
 * The accounts the emulated clouds know. Apart from options.ts so that the identity options
 * (identity/options.ts), which options.ts includes, can name them without an import circle.
 */

/** A DSW (Alibaba Cloud) account's access key and the workspaces it may see. */
export interface DswTenant {
    accessKeyId: string;
    accessKeySecret: string;
    /** Required with STS keys: the `x-acs-security-token` the key was issued with. */
    securityToken?: string;
    /** Alibaba Cloud account/RAM user id, reported as `UserId`. */
    userId: string;
    userName: string;
    workspaces: Array<{ id: string; name: string }>;
    /** Workspace used when a request names none. Default: the first one. */
    defaultWorkspaceId?: string;
}

/** A Huawei Cloud IAM user: AK/SK for APIG signatures, a password for IAM tokens, its projects. */
export interface ModelArtsTenant {
    accessKey: string;
    secretKey: string;
    securityToken?: string;
    domainName: string;
    userName: string;
    userId: string;
    password: string;
    projects: Array<{ id: string; name: string }>;
}
