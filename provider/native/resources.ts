/**
 * What the native plugin serves: each resource's type token, its input declaration, its secret
 * inputs and the provider core that runs it; each function's token, arguments and lookup. One
 * provider instance (the default one or an explicit `notebooks` provider) builds its own cores over
 * its own settings, so two providers in one stack never share keys, region, endpoints or clients.
 * (When the resource registry lands, this table is the one place to point at it.)
 */
import { z } from "zod";
import { CrudProvider, pollSettings } from "../common/resource";
import { ConfigGetter } from "../common/settings";
import { DswClient } from "../dsw/client";
import { DswInstanceProvider } from "../dsw/instance";
import { GetInstancesArgs, getInstances } from "../dsw/lookup";
import { DSW_POLICY, DSW_SECRET_INPUTS } from "../dsw/policy";
import { DswReadCache } from "../dsw/readCache";
import { DswInstanceInputs } from "../dsw/schema";
import { resolveDswSettings } from "../dsw/settings";
import { ModelArtsClient } from "../modelarts/client";
import { ModelArtsClients } from "../huawei/clientCache";
import { GetNotebooksArgs, getNotebooks } from "../modelarts/lookup";
import { ModelArtsNotebookProvider } from "../modelarts/notebook";
import { NotebooksClient } from "../modelartsV2/client";
import { GetNotebooksV2Args, getNotebooksV2 } from "../modelartsV2/lookup";
import { NotebookV2Provider } from "../modelartsV2/notebook";
import { NB_POLICY, NB_SECRET_INPUTS } from "../modelartsV2/policy";
import { NbInputs } from "../modelartsV2/schema";
import { MA_POLICY } from "../modelarts/policy";
import { secretInputsOf } from "../common/declare";
import { MaNotebookInputs } from "../modelarts/schema";
import { PolicyTable } from "../common/diff";

/** The provider cores of one provider instance. */
export type Core = CrudProvider<object, object>;

export interface ResourceEntry {
    token: string;
    description: string;
    inputs: z.ZodObject;
    secretInputs: readonly string[];
    policy: PolicyTable;
    core(get: ConfigGetter): Core;
}

export interface FunctionEntry {
    token: string;
    description: string;
    args: z.ZodType;
    invoke(get: ConfigGetter, args: Record<string, unknown>): Promise<unknown>;
}

function dswCore(get: ConfigGetter): Core {
    const clients = new Map<string, DswClient>();
    const caches = new Map<string, DswReadCache>();
    const client = (profile?: string): DswClient => {
        const key = profile ?? "";
        let c = clients.get(key);
        if (!c) {
            const s = resolveDswSettings(get, process.env, profile);
            c = new DswClient({ endpoint: s.endpoint, credentials: s.credentials });
            clients.set(key, c);
        }
        return c;
    };
    const cache = (profile?: string): DswReadCache => {
        const key = profile ?? "";
        let c = caches.get(key);
        if (!c) {
            c = new DswReadCache(client(profile));
            caches.set(key, c);
        }
        return c;
    };
    return new DswInstanceProvider({ client, cache, poll: () => pollSettings(get) }) as unknown as Core;
}

function modelArtsClients<C>(get: ConfigGetter, make: ConstructorParameters<typeof ModelArtsClients<C>>[0]): ModelArtsClients<C> {
    const clients = new ModelArtsClients<C>(make);
    clients.configure(get);
    return clients;
}

const maClients = (get: ConfigGetter) => modelArtsClients(get, (s) => new ModelArtsClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }));
const nbClients = (get: ConfigGetter) => modelArtsClients(get, (s) => new NotebooksClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }));

export const RESOURCES: readonly ResourceEntry[] = [
    {
        token: "notebooks:dsw:Instance",
        description: "An Alibaba Cloud PAI-DSW notebook instance.",
        inputs: DswInstanceInputs,
        secretInputs: DSW_SECRET_INPUTS,
        policy: DSW_POLICY,
        core: dswCore,
    },
    {
        token: "notebooks:modelarts:Notebook",
        description: "A Huawei Cloud ModelArts notebook on the DevEnviron (older) API.",
        inputs: MaNotebookInputs,
        secretInputs: secretInputsOf(MaNotebookInputs.shape),
        policy: MA_POLICY,
        core: (get) => {
            const c = maClients(get);
            return new ModelArtsNotebookProvider({ client: c.clientFor, poll: () => pollSettings(get) }) as unknown as Core;
        },
    },
    {
        token: "notebooks:modelarts:NotebookV2",
        description: "A Huawei Cloud ModelArts notebook on the current notebook API.",
        inputs: NbInputs,
        secretInputs: NB_SECRET_INPUTS,
        policy: NB_POLICY,
        core: (get) => {
            const c = nbClients(get);
            return new NotebookV2Provider({ client: c.clientFor, poll: () => pollSettings(get) }) as unknown as Core;
        },
    },
];

const projectOf = (args: Record<string, unknown>) => (typeof args.projectId === "string" ? args.projectId : undefined);

export const FUNCTIONS: readonly FunctionEntry[] = [
    {
        token: "notebooks:dsw:getInstances",
        description: "DSW instances matching ListInstances filters.",
        args: GetInstancesArgs,
        invoke: (get, args) => {
            const s = resolveDswSettings(get, process.env);
            return getInstances(new DswClient({ endpoint: s.endpoint, credentials: s.credentials }), args as GetInstancesArgs);
        },
    },
    {
        token: "notebooks:modelarts:getNotebooks",
        description: "ModelArts notebooks (DevEnviron API) matching the list filters.",
        args: GetNotebooksArgs,
        invoke: (get, args) => getNotebooks(maClients(get).clientFor(projectOf(args)), args as GetNotebooksArgs),
    },
    {
        token: "notebooks:modelarts:getNotebooksV2",
        description: "ModelArts notebooks (current API) matching ListNotebooks filters.",
        args: GetNotebooksV2Args,
        invoke: (get, args) => getNotebooksV2(nbClients(get).clientFor(projectOf(args)), args as GetNotebooksV2Args),
    },
];
