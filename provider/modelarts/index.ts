/**
 * The ModelArts provider as the `__provider` shim loads it at run time
 * (`pulumi-notebooks/provider/modelarts`): one configured instance per provider process, one
 * client per project.
 */
import { pollSettings, providerModule } from "../common/resource";
import { ConfigGetter } from "../common/settings";
import { ModelArtsClient } from "./client";
import { ModelArtsNotebookProvider } from "./notebook";
import { resolveModelArtsSettings } from "./settings";

let getter: ConfigGetter = () => undefined;
let clients = new Map<string, ModelArtsClient>();

function clientFor(projectId: string | undefined): ModelArtsClient {
    const s = resolveModelArtsSettings(getter, projectId);
    let c = clients.get(s.projectId);
    if (!c) {
        c = new ModelArtsClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth });
        clients.set(s.projectId, c);
    }
    return c;
}

const impl = new ModelArtsNotebookProvider({ client: clientFor, poll: () => pollSettings(getter) });

export const provider = providerModule(impl, (get) => {
    getter = get;
    clients = new Map();
});
