/**
 * What the native plugin serves, taken from the one list of resources and lookups
 * (provider/registry.ts): each resource's native type token, input declaration, secret inputs and
 * change policy, and the provider core that runs it; each lookup's function token and arguments.
 * One provider instance (the default one or an explicit `notebooks` provider) builds its own cores
 * and clients over its own settings, so two providers in one stack never share keys, region,
 * endpoints, profiles or clients.
 */
import { z } from "zod";
import { secretEchoesOf, secretInputsOf, secretOutputsOf } from "../common/declare";
import { PolicyTable } from "../common/diff";
import { CrudProvider, pollSettings } from "../common/resource";
import { liveUnlessGone } from "../common/status";
import { isMaNotFound } from "../huawei/transport";
import { ConfigGetter } from "../common/settings";
import { atEngineBoundary } from "../common/state";
import { DSW_STATE } from "../dsw/state";
import { MA_STATE } from "../modelarts/state";
import { maListings, maSharedReads } from "../modelarts/readCache";
import { NB_STATE } from "../modelartsV2/state";
import { nbListings, nbSharedReads } from "../modelartsV2/readCache";
import { DswClient } from "../dsw/client";
import { DswInstanceProvider } from "../dsw/instance";
import { dswImportedInputs } from "../dsw/importInputs";
import { DswReadCache } from "../dsw/readCache";
import { resolveDswSettings } from "../dsw/settings";
import { ModelArtsClients } from "../huawei/clientCache";
import { ModelArtsClient } from "../modelarts/client";
import { maImportedInputs } from "../modelarts/importInputs";
import { ModelArtsNotebookProvider } from "../modelarts/notebook";
import { NotebooksClient } from "../modelartsV2/client";
import { nbImportedInputs } from "../modelartsV2/importInputs";
import { NotebookV2Provider } from "../modelartsV2/notebook";
import { ProviderModuleName } from "../providerModules";
import { LOOKUPS, RESOURCES as REGISTRY } from "../registry";

/** The provider core of one resource in one provider instance. */
export type Core = CrudProvider<object, object>;

type Props = Record<string, unknown>;

/** One provider module's cores and clients, for one provider instance. */
interface ModuleRuntime {
    core: Core;
    /** The client a lookup lists with (its `projectId` and `credentialsProfile` arguments choose it). */
    lookupClient(args: Props): unknown;
    /** `pulumi import`: the program inputs of live notebook `id` (each cloud's importInputs.ts); undefined when it is gone. */
    importedInputs(id: string): Promise<Props | undefined>;
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

function dswRuntime(get: ConfigGetter, settingsKnown: () => boolean): ModuleRuntime {
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
    return {
        core: atEngineBoundary("dsw.Instance", new DswInstanceProvider({ client, cache, poll: () => pollSettings(get), settingsKnown }), DSW_STATE),
        lookupClient: (args) => client(str(args.credentialsProfile)),
        importedInputs: async (id) => {
            const live = await cache().get(id, undefined);
            return live && dswImportedInputs(live);
        },
    };
}

function huaweiRuntime<C>(
    get: ConfigGetter,
    make: ConstructorParameters<typeof ModelArtsClients<C>>[0],
    core: (c: ModelArtsClients<C>) => Core,
    imported: (client: C, id: string) => Promise<Props | undefined>,
): ModuleRuntime {
    const clients = new ModelArtsClients<C>(make);
    clients.configure(get);
    return {
        core: core(clients),
        lookupClient: (args) => clients.clientFor(str(args.projectId), str(args.credentialsProfile)),
        importedInputs: (id) => imported(clients.clientFor(undefined), id),
    };
}

const RUNTIMES: Record<ProviderModuleName, (get: ConfigGetter, settingsKnown: () => boolean) => ModuleRuntime> = {
    dsw: dswRuntime,
    modelarts: (get, settingsKnown) =>
        huaweiRuntime(
            get,
            (s) => new ModelArtsClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }),
            (c) =>
                atEngineBoundary(
                    "modelarts.Notebook",
                    new ModelArtsNotebookProvider({
                        client: c.clientFor,
                        poll: () => pollSettings(get),
                        settingsKnown,
                        listings: maListings(),
                        shared: maSharedReads(),
                    }),
                    MA_STATE,
                ),
            async (client, id) => {
                const live = await liveUnlessGone(
                    () => client.get(id),
                    isMaNotFound,
                    (n) => n.status === "DELETED",
                );
                return live && maImportedInputs(live);
            },
        ),
    "modelarts-notebooks": (get, settingsKnown) =>
        huaweiRuntime(
            get,
            (s) => new NotebooksClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }),
            (c) =>
                atEngineBoundary(
                    "modelarts.NotebookV2",
                    new NotebookV2Provider({
                        client: c.clientFor,
                        poll: () => pollSettings(get),
                        settingsKnown,
                        listings: nbListings(),
                        shared: nbSharedReads(),
                    }),
                    NB_STATE,
                ),
            async (client, id) => {
                const live = await liveUnlessGone(
                    () => client.get(id),
                    isMaNotFound,
                    (n) => n.status === "DELETED",
                );
                return live && nbImportedInputs(live);
            },
        ),
};

/** The runtimes of one provider instance, each built on first use (after Configure). */
export class ProviderRuntimes {
    private readonly built = new Map<ProviderModuleName, ModuleRuntime>();

    /** `settingsKnown`: false when Configure was given unknown values (a preview of an explicit provider configured from other resources' outputs). */
    constructor(
        private readonly get: ConfigGetter,
        private readonly settingsKnown: () => boolean = () => true,
    ) {}

    of(module: ProviderModuleName): ModuleRuntime {
        let r = this.built.get(module);
        if (!r) {
            r = RUNTIMES[module](this.get, this.settingsKnown);
            this.built.set(module, r);
        }
        return r;
    }
}

export interface ResourceEntry {
    token: string;
    description: string;
    inputs: z.ZodObject;
    /** The declared outputs beyond the inputs (provider/<cloud>/outputs.ts). */
    outputs: z.ZodObject;
    secretInputs: readonly string[];
    /** Outputs declared secret (the token): wrapped by the provider itself, since an import or a
     * refresh of a resource no program registered carries no additionalSecretOutputs. */
    secretOutputs: readonly string[];
    /** Outputs secret whenever an input is (output → input): `liveTags` holds `tags`. */
    secretEchoes: Readonly<Record<string, string>>;
    policy: PolicyTable;
    /** The inputs as the diff compares them (provider/registry.ts). */
    flatten: (inputs: Record<string, unknown>) => Record<string, unknown>;
    providerModule: ProviderModuleName;
}

export interface FunctionEntry {
    token: string;
    description: string;
    args: z.ZodObject;
    providerModule: ProviderModuleName;
    invoke(client: unknown, args: Props): Promise<unknown>;
}

/** The schema's one-line description of each resource (the SDK's doc comments say more). */
const DESCRIPTIONS: Record<(typeof REGISTRY)[number]["kind"], string> = {
    dsw: "An Alibaba Cloud PAI-DSW notebook instance.",
    modelarts: "A Huawei Cloud ModelArts notebook on the DevEnviron (older) API.",
    notebookV2: "A Huawei Cloud ModelArts notebook on the current notebook API.",
};

export const RESOURCES: readonly ResourceEntry[] = REGISTRY.map((r) => ({
    token: r.nativeToken,
    description: DESCRIPTIONS[r.kind],
    inputs: r.inputs,
    outputs: r.outputs,
    secretInputs: secretInputsOf(r.inputs.shape),
    secretOutputs: secretOutputsOf(r.outputs.shape),
    secretEchoes: secretEchoesOf(r.outputs.shape),
    policy: r.policy,
    flatten: r.flatten,
    providerModule: r.providerModule,
}));

/** `dsw.getInstances` → `notebooks:dsw:getInstances`. */
const functionToken = (name: string) => `notebooks:${name.replace(".", ":")}`;

export const FUNCTIONS: readonly FunctionEntry[] = LOOKUPS.map((l) => ({
    token: functionToken(l.name),
    description: l.doc,
    args: l.args,
    providerModule: l.providerModule,
    invoke: (client, args) => (l.run as (c: unknown, a: Props) => Promise<unknown>)(client, args),
}));
