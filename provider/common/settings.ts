/**
 * Where credentials and endpoints come from: stack config in the `notebooks` namespace (secrets
 * decrypted by the engine and handed to `configure()`), else each cloud's usual environment
 * variables. Values are read at call time and never written to state, logs or errors.
 */

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

export class MissingCredentialsError extends Error {
    override readonly name = "MissingCredentialsError";
    constructor(message: string) {
        super(message);
        Object.setPrototypeOf(this, MissingCredentialsError.prototype);
    }
}
