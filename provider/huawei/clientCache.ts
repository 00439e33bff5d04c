/**
 * One client per project and credentials profile, for either ModelArts API's provider process:
 * settings resolved on first use (after `configure` handed the stack config over).
 */
import { ConfigGetter } from "../common/settings";
import { ModelArtsSettings, resolveModelArtsSettings } from "./settings";

export class ModelArtsClients<C> {
    private clients = new Map<string, C>();
    private getter: ConfigGetter = () => undefined;

    constructor(private readonly make: (s: ModelArtsSettings) => C) {}

    configure(get: ConfigGetter): void {
        this.getter = get;
        this.clients = new Map();
    }

    get poll(): ConfigGetter {
        return this.getter;
    }

    clientFor = (projectId: string | undefined, profile?: string): C => {
        const s = resolveModelArtsSettings(this.getter, projectId, process.env, profile);
        const key = `${s.projectId} ${profile ?? ""}`;
        let c = this.clients.get(key);
        if (!c) {
            c = this.make(s);
            this.clients.set(key, c);
        }
        return c;
    };
}
