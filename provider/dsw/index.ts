/**
 * The DSW provider as the `__provider` shim loads it at run time (`pulumi-notebooks/provider/dsw`):
 * one configured provider per process, one client (and read cache) per credentials profile.
 */
import { pollSettings, providerModule } from "../common/resource";
import { atEngineBoundary } from "../common/state";
import { DSW_STATE } from "./state";
import { ConfigGetter } from "../common/settings";
import { DswClient } from "./client";
import { DswInstanceProvider } from "./instance";
import { DswReadCache } from "./readCache";
import { resolveDswSettings } from "./settings";

let getter: ConfigGetter = () => undefined;
const clients = new Map<string, DswClient>();
const caches = new Map<string, DswReadCache>();

function dswClient(profile?: string): DswClient {
    const key = profile ?? "";
    let client = clients.get(key);
    if (!client) {
        const s = resolveDswSettings(getter, process.env, profile);
        client = new DswClient({ endpoint: s.endpoint, credentials: s.credentials });
        clients.set(key, client);
    }
    return client;
}

function dswCache(profile?: string): DswReadCache {
    const key = profile ?? "";
    let cache = caches.get(key);
    if (!cache) {
        cache = new DswReadCache(dswClient(profile));
        caches.set(key, cache);
    }
    return cache;
}

const impl = new DswInstanceProvider({
    client: dswClient,
    cache: dswCache,
    poll: () => pollSettings(getter),
});

export const provider = providerModule(atEngineBoundary("dsw.Instance", impl, DSW_STATE), (get) => {
    getter = get;
    clients.clear();
    caches.clear();
});
