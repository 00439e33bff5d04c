/**
 * The `modelarts.NotebookV2` provider as the `__provider` shim loads it at run time
 * (`pulumi-notebooks/provider/modelarts-notebooks`): one configured instance per provider
 * process, one client per project and credentials profile; settings and credentials are the ModelArts ones.
 */
import { pollSettings, providerModule } from "../common/resource";
import { atEngineBoundary } from "../common/state";
import { NB_STATE } from "./state";
import { ModelArtsClients } from "../huawei/clientCache";
import { NotebooksClient } from "./client";
import { NotebookV2Provider } from "./notebook";
import { nbListings, nbSharedReads } from "./readCache";

const clients = new ModelArtsClients((s) => new NotebooksClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }));

const impl = new NotebookV2Provider({ client: clients.clientFor, poll: () => pollSettings(clients.poll), listings: nbListings(), shared: nbSharedReads() });

export const provider = providerModule(atEngineBoundary("modelarts.NotebookV2", impl, NB_STATE), (get) => clients.configure(get));
