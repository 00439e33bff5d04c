/**
 * One value per client (a project and credentials profile): what one listing can see. The client
 * cache (huawei/clientCache.ts) hands out one client per project and profile, so the client is the key.
 */
export class PerClient<C extends object, V> {
    private readonly byClient = new WeakMap<C, V>();

    constructor(private readonly make: (client: C) => V) {}

    of(client: C): V {
        let v = this.byClient.get(client);
        if (v === undefined) {
            v = this.make(client);
            this.byClient.set(client, v);
        }
        return v;
    }
}
