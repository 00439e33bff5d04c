/**
 * The ModelArts provider as the `__provider` shim loads it at run time
 * (`pulumi-notebooks/provider/modelarts`): one configured instance per provider process, one
 * client per project and credentials profile.
 */
import { pollSettings, providerModule } from "../common/resource";
import { ModelArtsClient } from "./client";
import { ModelArtsClients } from "../huawei/clientCache";
import { ModelArtsNotebookProvider } from "./notebook";

const clients = new ModelArtsClients((s) => new ModelArtsClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }));

const impl = new ModelArtsNotebookProvider({ client: clients.clientFor, poll: () => pollSettings(clients.poll) });

export const provider = providerModule(impl, (get) => clients.configure(get));
