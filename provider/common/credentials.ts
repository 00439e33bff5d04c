/**
 * Credentials that may change while a provider runs: static keys are used as given, temporary ones
 * (STS, instance roles, federation) come from a source asked before every signed request, so a
 * session that ends in the middle of a long wait is replaced without the wait noticing.
 */

import { redact } from "./redact";

/** Where temporary credentials come from; `name` says which source (never a value). */
export interface CredentialSource<C> {
    readonly name: string;
    /** Current credentials, refreshed by the source before they expire. */
    get(): Promise<C>;
    /** Drops what the source holds, so the next `get` fetches anew (the cloud refused a session as expired). */
    invalidate(): void;
}

/** Fixed keys, or a source of temporary ones. */
export type Credentials<C> = C | CredentialSource<C>;

export function isCredentialSource<C>(c: Credentials<C>): c is CredentialSource<C> {
    return typeof (c as Partial<CredentialSource<C>>).get === "function";
}

export async function currentCredentials<C>(c: Credentials<C>): Promise<C> {
    return isCredentialSource(c) ? c.get() : c;
}

/** Raised when a source could not give credentials; the message names the source, never a value. */
export class CredentialSourceError extends Error {
    override readonly name = "CredentialSourceError";
    constructor(message: string, options?: { cause?: unknown }) {
        super(redact(message), options);
        Object.setPrototypeOf(this, CredentialSourceError.prototype);
    }
}

// The field-shaped redaction lives with the value-based one (redact.ts); re-exported for the chains.
export { redactSecretFields } from "./redact";

/**
 * Keeps one in-flight fetch and the last credentials until `refreshBeforeMs` before they expire,
 * or half their lifetime for a short session (so a 15-minute session is not fetched again on
 * every request). For sources whose client library does not cache (Huawei federation, metadata).
 */
export class ExpiringCache<C extends { expiresAt?: number }> {
    private value?: C;
    private renewAt = 0;
    private pending?: Promise<C>;

    constructor(
        private readonly fetch: () => Promise<C>,
        private readonly refreshBeforeMs: number,
        private readonly now: () => number = Date.now,
    ) {}

    get(): Promise<C> {
        const v = this.value;
        if (v && this.now() < this.renewAt) {
            return Promise.resolve(v);
        }
        this.pending ??= this.fetch()
            .then((fresh) => {
                const fetchedAt = this.now();
                const lifetime = fresh.expiresAt === undefined ? Infinity : fresh.expiresAt - fetchedAt;
                this.renewAt = fetchedAt + lifetime - Math.min(this.refreshBeforeMs, lifetime / 2);
                return (this.value = fresh);
            })
            .finally(() => (this.pending = undefined));
        return this.pending;
    }

    invalidate(): void {
        this.value = undefined;
    }
}
