/**
 * Where credentials and endpoints come from: stack config in the `notebooks` namespace (secrets
 * decrypted by the engine and handed to `configure()`), else each cloud's usual environment
 * variables. Values are read at call time and never written to state, logs or errors.
 */

import type { CheckFailure } from "./schema";
import { redact } from "./redact";

/** Reads `notebooks:<key>`; undefined when unset. */
export type ConfigGetter = (key: string) => string | undefined;

export const CONFIG_NAMESPACE = "notebooks";

/** A getter over a dynamic provider's ConfigureRequest config (full `ns:key` names). */
export function getterFromConfigureRequest(config: { get(key: string): string | undefined } | undefined): ConfigGetter {
    return (key) => {
        const v = config?.get(`${CONFIG_NAMESPACE}:${key}`);
        return v === undefined || v === "" ? undefined : String(v);
    };
}

export function firstDefined(...values: Array<string | undefined>): string | undefined {
    return values.find((v) => v !== undefined && v !== "");
}

/**
 * A provider setting that cannot work (its message names the setting and the rule, never a secret
 * value: a value quoted in it that was given as a secret, an explicit provider's `fn::secret`
 * endpoint say, is replaced by its label).
 */
export class SettingsError extends Error {
    override readonly name: string = "SettingsError";
    constructor(message: string) {
        super(redact(message));
        Object.setPrototypeOf(this, new.target.prototype);
    }
}

export class MissingCredentialsError extends SettingsError {
    override readonly name = "MissingCredentialsError";
}

/**
 * The provider's settings for one resource, resolved when the engine checks it, so that a missing
 * credential or a malformed setting fails `pulumi preview` before any API call (README,
 * Troubleshooting). `resolve` builds the resource's client and poll settings: it reads config,
 * environment variables and files only, and contacts nothing. While a provider's configuration is
 * still unknown (the preview of an explicit provider whose settings are other resources' outputs),
 * nothing can be said, and nothing is.
 */
export function settingsRule(runtime: { settingsKnown?(): boolean }, resolve: () => unknown): CheckFailure[] {
    if (runtime.settingsKnown?.() === false) return [];
    try {
        resolve();
        return [];
    } catch (e) {
        if (e instanceof SettingsError) return [{ property: "", reason: e.message }];
        throw e;
    }
}

/**
 * Rejects a credential that cannot be right before any request is signed with it: surrounding or
 * inner whitespace and control characters (a pasted newline, a quoted value) or an endpoint that
 * is not a URL. The message names the setting, never the value.
 */
export function assertWellFormed(settings: Record<string, string | undefined>): void {
    for (const [name, value] of Object.entries(settings)) {
        if (value === undefined) continue;
        // eslint-disable-next-line no-control-regex -- control characters are what it rejects
        if (/[\s\x00-\x1f\x7f"']/.test(value)) {
            throw new MissingCredentialsError(
                `${name} is malformed: it contains whitespace, quotes or control characters (check how it was pasted; the value is not shown)`,
            );
        }
    }
}

/** A region id as both clouds spell them: `cn-hangzhou`, `cn-north-4`, `ap-southeast-1`. */
export function assertRegion(name: string, region: string): void {
    if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(region)) {
        throw new SettingsError(
            `${name} must be a region id: lowercase letters, digits and hyphens, such as cn-hangzhou or cn-north-4 (got ${JSON.stringify(region)})`,
        );
    }
}

export function assertEndpoint(name: string, url: string): void {
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
        throw new MissingCredentialsError(`${name} must be an http(s) URL such as https://pai-dsw.cn-hangzhou.aliyuncs.com (got ${JSON.stringify(url)})`);
    }
}

export interface KeyCandidate {
    id: string | undefined;
    secret: string | undefined;
    token?: string | undefined;
}

/**
 * The first source that gives a key pair, taken whole: its id, secret and token together (an id
 * from config with a secret from the environment would never sign). A source with only one half
 * still counts as chosen, so the missing half is reported instead of silently mixing sources.
 */
export function keySource(candidates: readonly KeyCandidate[]): KeyCandidate | undefined {
    return candidates.find((c) => (c.id !== undefined && c.id !== "") || (c.secret !== undefined && c.secret !== ""));
}
