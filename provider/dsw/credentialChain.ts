/**
 * Alibaba Cloud credentials when no key is configured, found the way Alibaba's own tools find them,
 * with the providers of the official `@alicloud/credentials` library doing every exchange (STS
 * AssumeRole / AssumeRoleWithOIDC, RPC signing, the instance metadata protocol, caching and
 * refreshing a session before it expires). The order is the library's default chain
 * (`DefaultCredentialsProvider`):
 *
 *   1. OIDC role (RRSA): ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE
 *   2. the Alibaba Cloud CLI's `~/.aliyun/config.json` (profile ALIBABA_CLOUD_PROFILE, else `current`;
 *      modes AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, …)
 *   3. the shared credentials file ALIBABA_CLOUD_CREDENTIALS_FILE or `~/.alibabacloud/credentials`
 *      (section ALIBABA_CLOUD_PROFILE, else `default`)
 *   4. the ECS instance RAM role (ALIBABA_CLOUD_ECS_METADATA names the role)
 *   5. a credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)
 *
 * (the static keys of the environment come before all of these, in ./settings.ts). Two deliberate
 * differences from the library's chain, both so that a machine without credentials fails at
 * `pulumi preview` at once with a message naming what to set:
 *  - a source is chosen when it is *configured* (its variables or file exist), and its errors are
 *    reported instead of silently trying the next one;
 *  - the instance role is used only when ALIBABA_CLOUD_ECS_METADATA names it: the library would
 *    otherwise probe 100.100.100.200 (1 s timeouts) on every laptop and CI runner.
 *
 * Two settings of ours point the exchanges elsewhere (VPC endpoints, a proxy, the emulator):
 * `notebooks:dswStsEndpoint` (NOTEBOOKS_DSW_STS_ENDPOINT; a host[:port] the library calls over
 * https, for the OIDC role; a CLI profile's own `sts_endpoint` applies to its RamRoleArn mode) and
 * `notebooks:dswMetadataEndpoint` (NOTEBOOKS_DSW_METADATA_ENDPOINT; an http URL replacing
 * 100.100.100.200, which the library hard-codes: its ECS provider's request function is wrapped to
 * send the same requests there).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    CLIProfileCredentialsProvider,
    CredentialsProvider,
    ECSRAMRoleCredentialsProvider,
    OIDCRoleArnCredentialsProvider,
    ProfileCredentialsProvider,
    URICredentialsProvider,
} from "@alicloud/credentials";
import { CredentialSource, CredentialSourceError, redactSecretFields } from "../common/credentials";
import { registerSecret } from "../common/redact";
import { MissingCredentialsError } from "../common/settings";
import { Acs3Credentials } from "./signer";

export interface AlibabaChainOptions {
    /** A named profile (of `~/.aliyun/config.json`, else of the shared credentials file); overrides ALIBABA_CLOUD_PROFILE. */
    profile?: string;
    stsEndpoint?: string;
    metadataEndpoint?: string;
    env: NodeJS.ProcessEnv;
}

interface ChosenSource {
    name: string;
    build(): CredentialsProvider;
}

const isTrue = (v: string | undefined) => v !== undefined && v.toLowerCase() === "true";

/** The home the library reads (os.homedir() honours HOME); none when the given environment has none. */
function home(env: NodeJS.ProcessEnv): string {
    return env.HOME ?? env.USERPROFILE ?? path.join(os.tmpdir(), "no-home");
}

function cliConfigPath(env: NodeJS.ProcessEnv): string {
    return path.join(home(env), ".aliyun", "config.json");
}

function sharedFilePath(env: NodeJS.ProcessEnv): string {
    return env.ALIBABA_CLOUD_CREDENTIALS_FILE ?? path.join(home(env), ".alibabacloud", "credentials");
}

function cliProfileNames(file: string): string[] | undefined {
    try {
        const conf = JSON.parse(fs.readFileSync(file, "utf8")) as { profiles?: Array<{ name?: unknown }> };
        return (conf.profiles ?? []).map((p) => String(p.name));
    } catch {
        return undefined;
    }
}

function sharedFileSections(file: string): string[] | undefined {
    try {
        return [...fs.readFileSync(file, "utf8").matchAll(/^\s*\[([^\]]+)\]/gm)].map((m) => m[1].trim());
    } catch {
        return undefined;
    }
}

/** The host[:port] the library's STS requests go to (it always speaks https). */
export function stsHost(endpoint: string): string {
    if (/^http:\/\//i.test(endpoint)) {
        throw new MissingCredentialsError(
            "notebooks:dswStsEndpoint must be a host[:port] or an https:// URL: Alibaba's credentials library calls STS over https only",
        );
    }
    return endpoint.replace(/^https:\/\//i, "").replace(/\/+$/, "");
}

/** The library's ECS provider with its requests sent to `endpoint` instead of 100.100.100.200. */
function redirectedEcsProvider(provider: ECSRAMRoleCredentialsProvider, endpoint: string | undefined): ECSRAMRoleCredentialsProvider {
    if (endpoint === undefined) return provider;
    const target = new URL(endpoint);
    if (target.protocol !== "http:") {
        throw new MissingCredentialsError("notebooks:dswMetadataEndpoint must be an http:// URL (the instance metadata service speaks plain http)");
    }
    // `doRequest` is private in the typings but is the library's own seam ("used for mock");
    // only the host changes, the requests are the library's.
    const seam = provider as unknown as { doRequest: (req: { host: string }) => Promise<unknown> };
    const original = seam.doRequest;
    seam.doRequest = (req) => {
        req.host = target.host;
        return original(req);
    };
    return provider;
}

/** The configured source, without contacting anything; undefined when none is configured. */
function choose(opts: AlibabaChainOptions): ChosenSource | undefined {
    const { env } = opts;
    const cliFile = cliConfigPath(env);
    const sharedFile = sharedFilePath(env);
    const cliEnabled = !isTrue(env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED);
    if (opts.profile !== undefined) {
        const name = opts.profile;
        if (cliEnabled && cliProfileNames(cliFile)?.includes(name)) {
            return { name: `profile ${name} of ${cliFile}`, build: () => CLIProfileCredentialsProvider.builder().withProfileName(name).build() };
        }
        if (sharedFileSections(sharedFile)?.includes(name)) {
            return { name: `profile ${name} of ${sharedFile}`, build: () => ProfileCredentialsProvider.builder().withProfileName(name).build() };
        }
        throw new MissingCredentialsError(`the Alibaba Cloud profile ${JSON.stringify(name)} is in neither ${cliFile} nor ${sharedFile}`);
    }
    if (env.ALIBABA_CLOUD_ROLE_ARN && env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN && env.ALIBABA_CLOUD_OIDC_TOKEN_FILE) {
        return {
            name: "the OIDC role of ALIBABA_CLOUD_ROLE_ARN",
            build: () => {
                const b = OIDCRoleArnCredentialsProvider.builder()
                    .withRoleArn(env.ALIBABA_CLOUD_ROLE_ARN as string)
                    .withOIDCProviderArn(env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN as string)
                    .withOIDCTokenFilePath(env.ALIBABA_CLOUD_OIDC_TOKEN_FILE as string);
                if (env.ALIBABA_CLOUD_ROLE_SESSION_NAME) b.withRoleSessionName(env.ALIBABA_CLOUD_ROLE_SESSION_NAME);
                if (opts.stsEndpoint !== undefined) b.withStsEndpoint(stsHost(opts.stsEndpoint));
                return b.build();
            },
        };
    }
    if (cliEnabled && fs.existsSync(cliFile)) {
        return { name: `the Alibaba Cloud CLI configuration ${cliFile}`, build: () => CLIProfileCredentialsProvider.builder().build() };
    }
    if (fs.existsSync(sharedFile)) {
        return { name: `the credentials file ${sharedFile}`, build: () => ProfileCredentialsProvider.builder().build() };
    }
    if (env.ALIBABA_CLOUD_ECS_METADATA && !isTrue(env.ALIBABA_CLOUD_ECS_METADATA_DISABLED)) {
        return {
            name: `the ECS instance RAM role ${env.ALIBABA_CLOUD_ECS_METADATA}`,
            build: () =>
                redirectedEcsProvider(
                    ECSRAMRoleCredentialsProvider.builder()
                        .withRoleName(env.ALIBABA_CLOUD_ECS_METADATA as string)
                        .build(),
                    opts.metadataEndpoint,
                ),
        };
    }
    if (env.ALIBABA_CLOUD_CREDENTIALS_URI) {
        return {
            name: "the credentials URI of ALIBABA_CLOUD_CREDENTIALS_URI",
            build: () =>
                URICredentialsProvider.builder()
                    .withCredentialsURI(env.ALIBABA_CLOUD_CREDENTIALS_URI as string)
                    .build(),
        };
    }
    return undefined;
}

/** Why `profile` cannot be used (it is in neither file), or undefined; reads files only. */
export function profileProblem(profile: string, env: NodeJS.ProcessEnv): string | undefined {
    try {
        choose({ profile, env });
        return undefined;
    } catch (e) {
        if (e instanceof MissingCredentialsError) return e.message;
        throw e;
    }
}

/**
 * One library provider per source and process: it caches its session and refreshes it (the
 * library renews an STS session 15 minutes before it ends), so asking before every request is cheap.
 */
class LibrarySource implements CredentialSource<Acs3Credentials> {
    private provider?: CredentialsProvider;

    constructor(private readonly chosen: ChosenSource) {}

    get name(): string {
        return this.chosen.name;
    }

    async get(): Promise<Acs3Credentials> {
        try {
            this.provider ??= this.chosen.build();
            const c = await this.provider.getCredentials();
            // A session's keys are as secret as static ones: registered before any request uses them (redact.ts).
            registerSecret(c.accessKeyId, `the DSW access key id from ${this.chosen.name}`);
            registerSecret(c.accessKeySecret, `the DSW access key secret from ${this.chosen.name}`);
            registerSecret(c.securityToken, `the DSW security token from ${this.chosen.name}`);
            return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken || undefined };
        } catch (e) {
            if (e instanceof MissingCredentialsError) throw e;
            throw new CredentialSourceError(`DSW credentials from ${this.chosen.name} could not be obtained: ${redactSecretFields((e as Error).message)}`);
        }
    }

    invalidate(): void {
        this.provider = undefined;
    }
}

const sources = new Map<string, LibrarySource>();

/** The source for these options (shared by every client of the process), or undefined. */
export function alibabaCredentialChain(opts: AlibabaChainOptions): CredentialSource<Acs3Credentials> | undefined {
    const chosen = choose(opts);
    if (!chosen) return undefined;
    const key = JSON.stringify([chosen.name, opts.stsEndpoint, opts.metadataEndpoint]);
    let s = sources.get(key);
    if (!s) {
        s = new LibrarySource(chosen);
        sources.set(key, s);
    }
    return s;
}
