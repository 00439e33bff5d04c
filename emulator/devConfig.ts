import type { DswTenant, ModelArtsTenant } from "./options";

/**
 * Ready-to-paste stack configuration for this emulator. Its keys are well-known development keys
 * (like Azurite's), not secrets, so printing them is fine; they are still set with `--secret`, as
 * a real cloud's keys would be.
 */
export function stackConfigLines(url: string, dsw: DswTenant, ma: ModelArtsTenant): string[] {
    return [
        "Point a stack at this emulator (run in your Pulumi project; these are development keys, not secrets):",
        `  pulumi config set notebooks:dswEndpoint ${url}`,
        `  pulumi config set notebooks:dswAccessKeyId ${dsw.accessKeyId}`,
        `  pulumi config set --secret notebooks:dswAccessKeySecret ${dsw.accessKeySecret}`,
        `  pulumi config set notebooks:modelartsEndpoint ${url}`,
        `  pulumi config set notebooks:modelartsAccessKey ${ma.accessKey}`,
        `  pulumi config set --secret notebooks:modelartsSecretKey ${ma.secretKey}`,
        `  pulumi config set notebooks:modelartsProjectId ${ma.projects[0].id}`,
    ];
}
