import * as pulumi from "@pulumi/pulumi";
import { oneLineRunError } from "./runError";
import { CONFIG_NAMESPACE, ConfigGetter, MissingCredentialsError } from "../provider/common/settings";

/**
 * Stack config for lookups, which run in the program rather than the provider. Reads the raw
 * value (secrets included) without `Config.get`'s "use getSecret" warning; the value is only
 * handed to the request signer.
 */
export function programConfig(): ConfigGetter {
    return (key) => {
        const v = pulumi.runtime.getConfig(`${CONFIG_NAMESPACE}:${key}`);
        return v === undefined || v === "" ? undefined : v;
    };
}

/**
 * Settings for a lookup, resolved when the program calls it (not later inside an `apply`), and
 * with configuration errors raised as `pulumi.RunError`: Pulumi then prints the one-line message
 * and stops at once, instead of an "unhandled exception" with stack frames and
 * PromiseRejectionHandledWarnings after the rest of the program has been registered.
 */
export function lookupSettings<T>(resolve: () => T): T {
    try {
        return resolve();
    } catch (e) {
        if (e instanceof MissingCredentialsError) {
            throw oneLineRunError(e.message);
        }
        throw e;
    }
}
