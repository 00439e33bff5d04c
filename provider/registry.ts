/**
 * Every resource and lookup this package offers, once: the type tokens, the zod declarations of
 * inputs (and of lookup arguments), the provider module the `__provider` shim loads, the change
 * policy and the inputs that are never read back, and each lookup's function. The SDK shims, the
 * SDK type generator (scripts/sdkTypes.ts), the README reference (scripts/reference.ts) and the
 * policy pack's token list are derived from it; a second engine boundary (a native plugin) can
 * serve the same list.
 *
 * Adding a resource: one entry in RESOURCES plus its own folder (schema, provider, SDK class).
 */
import type { z } from "zod";
import type { PolicyTable } from "./common/diff";
import type { ProviderModuleName } from "./providerModules";
import { RESOURCE_NAMES } from "./resourceNames";
import { GetInstancesArgs, getInstances } from "./dsw/lookup";
import { GetEcsSpecsArgs, getEcsSpecs } from "./dsw/lookupEcsSpecs";
import { dswNotReadBack } from "./dsw/mapping";
import { DSW_POLICY, flattenDsw } from "./dsw/policy";
import { DswInstanceOutputs } from "./dsw/outputs";
import { DswInstanceInputs } from "./dsw/schema";
import { GetNotebooksArgs, getNotebooks } from "./modelarts/lookup";
import { MA_NOT_READ_BACK } from "./modelarts/mapping";
import { MA_POLICY, flattenMa } from "./modelarts/policy";
import { MaNotebookOutputs } from "./modelarts/outputs";
import { MaNotebookInputs } from "./modelarts/schema";
import { GetNotebooksV2Args, getNotebooksV2 } from "./modelartsV2/lookup";
import { GetFlavorsV2Args, GetImagesV2Args, getFlavorsV2, getImagesV2 } from "./modelartsV2/lookupCatalog";
import { NB_NOT_READ_BACK } from "./modelartsV2/fields";
import { NB_POLICY, flattenNb } from "./modelartsV2/policy";
import { NbNotebookOutputs } from "./modelartsV2/outputs";
import { NbInputs } from "./modelartsV2/schema";

export type { ProviderModuleName };

export interface ResourceEntry {
    /** The key the policy pack and tests use for this resource. */
    readonly kind: string;
    /** Pulumi module and type name: the SDK class is `<module>.<type>`. */
    readonly module: string;
    readonly type: string;
    /** The dynamic resource's type token, `pulumi-nodejs:dynamic/<module>:<type>`. */
    readonly token: string;
    /** The token the native provider uses for the same resource, `notebooks:<module>:<type>`. */
    readonly nativeToken: string;
    readonly providerModule: ProviderModuleName;
    readonly inputs: z.ZodObject;
    /** The outputs beyond the inputs, with docs and secrecy (provider/<cloud>/outputs.ts). */
    readonly outputs: z.ZodObject;
    /** What changing each input costs (update, stopThenUpdate, replace, ignore). */
    readonly policy: PolicyTable;
    /** The inputs as the diff compares them: one entry per policy row, defaults applied (`flattenByPolicy` plus a resource's own). */
    readonly flatten: (inputs: Record<string, unknown>) => Record<string, unknown>;
    /** Input paths sent to the cloud and never compared with it. */
    readonly notReadBack: readonly string[];
    /** The generated SDK argument file, its interface, doc and secret-input constant. */
    readonly sdkArgs: { readonly file: string; readonly name: string; readonly doc: string; readonly secretsName: string };
    /** The generated SDK output file: the interface the class merges, its output names and secret outputs. */
    readonly sdkOutputs: { readonly file: string; readonly name: string; readonly namesName: string; readonly secretsName: string };
}

export interface LookupEntry {
    /** `<module>.<function>` as the SDK exports it (plus its `…Output` form). */
    readonly name: string;
    readonly args: z.ZodObject;
    /** The SDK interface generated for the arguments, and its doc. */
    readonly argsName: string;
    readonly doc: string;
    readonly providerModule: ProviderModuleName;
    /** The resource the lookup is listed with (the README reference puts it after that resource). */
    readonly listedWith: string;
    /** The function that runs the lookup against a client of its provider module. */
    readonly run: (...a: never[]) => Promise<unknown>;
}

function resource<const E extends Omit<ResourceEntry, "token" | "nativeToken">>(
    e: E,
): E & { readonly token: `pulumi-nodejs:dynamic/${E["module"]}:${E["type"]}`; readonly nativeToken: `notebooks:${E["module"]}:${E["type"]}` } {
    return { ...e, token: `pulumi-nodejs:dynamic/${e.module}:${e.type}`, nativeToken: `notebooks:${e.module}:${e.type}` };
}

export const RESOURCES = [
    resource({
        kind: "dsw",
        ...RESOURCE_NAMES.dsw,
        inputs: DswInstanceInputs,
        outputs: DswInstanceOutputs,
        policy: DSW_POLICY,
        flatten: flattenDsw,
        notReadBack: dswNotReadBack(Object.keys(DswInstanceInputs.shape)),
        sdkArgs: {
            file: "sdk/generated/dswInstanceArgs.ts",
            name: "InstanceArgs",
            doc: "Inputs of `dsw.Instance`: the CreateInstance request in camelCase, plus run state, schedules and provider settings.",
            secretsName: "INSTANCE_SECRET_INPUTS",
        },
        sdkOutputs: {
            file: "sdk/generated/dswInstanceOutputs.ts",
            name: "InstanceOutputs",
            namesName: "INSTANCE_OUTPUTS",
            secretsName: "INSTANCE_SECRET_OUTPUTS",
        },
    }),
    resource({
        kind: "modelarts",
        ...RESOURCE_NAMES.modelarts,
        inputs: MaNotebookInputs,
        outputs: MaNotebookOutputs,
        policy: MA_POLICY,
        flatten: flattenMa,
        notReadBack: MA_NOT_READ_BACK,
        sdkArgs: {
            file: "sdk/generated/modelartsNotebookArgs.ts",
            name: "NotebookArgs",
            doc: "Inputs of `modelarts.Notebook`: the DevEnviron (demanager) create request in camelCase, plus run state and provider settings.",
            secretsName: "NOTEBOOK_SECRET_INPUTS",
        },
        sdkOutputs: {
            file: "sdk/generated/modelartsNotebookOutputs.ts",
            name: "NotebookOutputs",
            namesName: "NOTEBOOK_OUTPUTS",
            secretsName: "NOTEBOOK_SECRET_OUTPUTS",
        },
    }),
    resource({
        kind: "notebookV2",
        ...RESOURCE_NAMES.notebookV2,
        inputs: NbInputs,
        outputs: NbNotebookOutputs,
        policy: NB_POLICY,
        flatten: flattenNb,
        notReadBack: NB_NOT_READ_BACK,
        sdkArgs: {
            file: "sdk/generated/modelartsNotebookV2Args.ts",
            name: "NotebookV2Args",
            doc: "Inputs of `modelarts.NotebookV2`: the current notebook API's create request (CreateNotebook) in camelCase, plus the lease, tags, run state and provider settings.",
            secretsName: "NOTEBOOK_V2_SECRET_INPUTS",
        },
        sdkOutputs: {
            file: "sdk/generated/modelartsNotebookV2Outputs.ts",
            name: "NotebookV2Outputs",
            namesName: "NOTEBOOK_V2_OUTPUTS",
            secretsName: "NOTEBOOK_V2_SECRET_OUTPUTS",
        },
    }),
] as const satisfies readonly ResourceEntry[];

/** In the order of the README reference: each resource's lookups follow it. */
export const LOOKUPS = [
    {
        name: "dsw.getInstances",
        listedWith: "dsw",
        args: GetInstancesArgs,
        argsName: "GetInstancesArgs",
        doc: "Filters of DSW ListInstances, in camelCase (`dsw.getInstances`).",
        providerModule: "dsw",
        run: getInstances,
    },
    {
        name: "dsw.getEcsSpecs",
        listedWith: "dsw",
        args: GetEcsSpecsArgs,
        argsName: "GetEcsSpecsArgs",
        doc: "Parameters of DSW ListEcsSpecs, in camelCase (`dsw.getEcsSpecs`).",
        providerModule: "dsw",
        run: getEcsSpecs,
    },
    {
        name: "modelarts.getNotebooks",
        listedWith: "modelarts",
        args: GetNotebooksArgs,
        argsName: "GetNotebooksArgs",
        doc: "Filters of the ModelArts list API (`modelarts.getNotebooks`).",
        providerModule: "modelarts",
        run: getNotebooks,
    },
    {
        name: "modelarts.getNotebooksV2",
        listedWith: "notebookV2",
        args: GetNotebooksV2Args,
        argsName: "GetNotebooksV2Args",
        doc: "Filters of ModelArts ListNotebooks, the current API (`modelarts.getNotebooksV2`).",
        providerModule: "modelarts-notebooks",
        run: getNotebooksV2,
    },
    {
        name: "modelarts.getImagesV2",
        listedWith: "notebookV2",
        args: GetImagesV2Args,
        argsName: "GetImagesV2Args",
        doc: "Filters of ModelArts ListImage, in camelCase (`modelarts.getImagesV2`).",
        providerModule: "modelarts-notebooks",
        run: getImagesV2,
    },
    {
        name: "modelarts.getFlavorsV2",
        listedWith: "notebookV2",
        args: GetFlavorsV2Args,
        argsName: "GetFlavorsV2Args",
        doc: "Filters of ModelArts ListFlavors / ShowSwitchableFlavors, in camelCase (`modelarts.getFlavorsV2`).",
        providerModule: "modelarts-notebooks",
        run: getFlavorsV2,
    },
] as const satisfies readonly LookupEntry[];

export type ResourceKind = (typeof RESOURCES)[number]["kind"];

/** The entry of one resource by its kind. */
export function resourceOf<K extends ResourceKind>(kind: K): Extract<(typeof RESOURCES)[number], { kind: K }> {
    const e = RESOURCES.find((r): r is Extract<(typeof RESOURCES)[number], { kind: K }> => r.kind === kind);
    if (!e) throw new Error(`no resource of kind ${kind}`);
    return e;
}

/** The lookups listed with a resource, in README order. */
export function lookupsOf(kind: ResourceKind): readonly (typeof LOOKUPS)[number][] {
    return LOOKUPS.filter((l) => l.listedWith === kind);
}
