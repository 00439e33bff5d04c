/**
 * The `modelarts.NotebookV2` provider as the `__provider` shim loads it at run time
 * (`pulumi-notebooks/provider/modelarts-notebooks`): one configured instance per provider
 * process, one client per project; settings and credentials are the ModelArts ones.
 */
import { pollSettings, providerModule } from "../../common/resource";
import { ConfigGetter } from "../../common/settings";
import { resolveModelArtsSettings } from "../settings";
import { NotebooksClient } from "./client";
import { NotebookV2Provider } from "./notebook";

let getter: ConfigGetter = () => undefined;
let clients = new Map<string, NotebooksClient>();

function clientFor(projectId: string | undefined): NotebooksClient {
    const s = resolveModelArtsSettings(getter, projectId);
    let c = clients.get(s.projectId);
    if (!c) {
        c = new NotebooksClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth });
        clients.set(s.projectId, c);
    }
    return c;
}

const impl = new NotebookV2Provider({ client: clientFor, poll: () => pollSettings(getter) });

export const provider = providerModule(impl, (get) => {
    getter = get;
    clients = new Map();
});
