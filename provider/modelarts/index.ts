/**
 * The ModelArts provider as the `__provider` shim loads it at run time
 * (`pulumi-notebooks/provider/modelarts`): one configured instance per provider process, one
 * client per project and credentials profile.
 */
import { pollSettings, providerModule } from "../common/resource";
import { atEngineBoundary } from "../common/state";
import { MA_STATE } from "./state";
import { ModelArtsClient } from "./client";
import { ModelArtsClients } from "../huawei/clientCache";
import { ModelArtsNotebookProvider } from "./notebook";
import { maListings, maSharedReads } from "./readCache";

const clients = new ModelArtsClients((s) => new ModelArtsClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }));

const impl = new ModelArtsNotebookProvider({
    client: clients.clientFor,
    poll: () => pollSettings(clients.poll),
    listings: maListings(),
    shared: maSharedReads(),
});

export const provider = providerModule(atEngineBoundary("modelarts.Notebook", impl, MA_STATE), (get) => clients.configure(get));
