/**
 * Huawei Cloud's credentials file, as the official SDKs read it (ProfileCredentialProvider of
 * huaweicloud-sdk-go-v3 / -python-v3 core/auth/provider): `~/.huaweicloud/credentials`, or the
 * path in HUAWEICLOUD_SDK_CREDENTIALS_FILE; an INI file whose `[basic]` section (region-level
 * services such as ModelArts) holds `ak`, `sk`, optional `security_token`, `project_id` and
 * `iam_endpoint`, or `idp_id` and `id_token_file` for IdP federation. No Node.js library reads it, so this module does.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface HuaweiProfile {
    ak?: string;
    sk?: string;
    securityToken?: string;
    projectId?: string;
    iamEndpoint?: string;
    /** IdP federation (the SDKs' `idp_id` / `id_token_file` keys). */
    idpId?: string;
    idTokenFile?: string;
    /** Where it was read from, for messages (never the values). */
    file: string;
}

/** `[section]` → key → value; `#`/`;` comments; values trimmed. */
export function parseIni(text: string): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    let section = "";
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
        const s = /^\[([^\]]+)\]$/.exec(line);
        if (s) {
            section = s[1].trim().toLowerCase();
            out[section] ??= {};
            continue;
        }
        const eq = line.indexOf("=");
        if (eq > 0 && section) out[section][line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
    }
    return out;
}

export function huaweiCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
    return env.HUAWEICLOUD_SDK_CREDENTIALS_FILE || path.join(env.HOME ?? env.USERPROFILE ?? os.homedir(), ".huaweicloud", "credentials");
}

/**
 * The `[basic]` profile (or another section: a named credentials profile, this package's
 * extension — the SDKs read `[basic]` and `[global]` only), or undefined when there is no file or
 * no such section.
 */
export function readHuaweiProfile(env: NodeJS.ProcessEnv = process.env, section = "basic"): HuaweiProfile | undefined {
    const file = huaweiCredentialsFile(env);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
    const sections = parseIni(text);
    const basic = sections[section.toLowerCase()];
    if (!basic) return undefined;
    return {
        ak: basic.ak,
        sk: basic.sk,
        securityToken: basic.security_token,
        projectId: basic.project_id,
        iamEndpoint: basic.iam_endpoint,
        idpId: basic.idp_id,
        idTokenFile: basic.id_token_file,
        file,
    };
}

/** A check failure when a named credentials profile is not a section of the file (read at preview; nothing is contacted). */
export function credentialsProfileRule(profile: string | undefined, env: NodeJS.ProcessEnv = process.env): Array<{ property: string; reason: string }> {
    if (profile === undefined || readHuaweiProfile(env, profile)) return [];
    return [
        {
            property: "credentialsProfile",
            reason: `the Huawei credentials profile ${JSON.stringify(profile)} is not a section of ${huaweiCredentialsFile(env)}`,
        },
    ];
}
