import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigGetter } from "../provider/common/settings";

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
