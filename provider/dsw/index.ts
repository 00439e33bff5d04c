/**
 * The DSW provider as the `__provider` shim loads it at run time (`pulumi-notebooks/provider/dsw`):
 * one configured instance per provider process.
 */
import { pollSettings, providerModule } from "../common/resource";
import { ConfigGetter } from "../common/settings";
import { DswClient } from "./client";
import { DswInstanceProvider } from "./instance";
import { DswReadCache } from "./readCache";
import { resolveDswSettings } from "./settings";

let getter: ConfigGetter = () => undefined;
let client: DswClient | undefined;
let cache: DswReadCache | undefined;

function dswClient(): DswClient {
    if (!client) {
        const s = resolveDswSettings(getter);
        client = new DswClient({ endpoint: s.endpoint, credentials: s.credentials });
    }
    return client;
}

const impl = new DswInstanceProvider({
    client: dswClient,
    cache: () => (cache ??= new DswReadCache(dswClient())),
    poll: () => pollSettings(getter),
});

export const provider = providerModule(impl, (get) => {
    getter = get;
    client = undefined;
    cache = undefined;
});
