/**
 * Each resource's names, once: its Pulumi module and type, and the provider module its
 * `__provider` shim loads. The registry (./registry.ts) adds each resource's declarations; the
 * SDK classes read only this file, so that declaring a notebook loads no zod schema (see
 * sdk/lazy.ts for what that costs each program run).
 */
import type { ProviderModuleName } from "./providerModules";

export const RESOURCE_NAMES = {
    dsw: { module: "dsw", type: "Instance", providerModule: "dsw" },
    modelarts: { module: "modelarts", type: "Notebook", providerModule: "modelarts" },
    notebookV2: { module: "modelarts", type: "NotebookV2", providerModule: "modelarts-notebooks" },
} as const satisfies Record<string, { module: string; type: string; providerModule: ProviderModuleName }>;

export type ResourceKind = keyof typeof RESOURCE_NAMES;

/** A resource's type tokens: the dynamic resource's and the native plugin's. */
export function tokensOf<K extends ResourceKind>(kind: K) {
    const { module, type } = RESOURCE_NAMES[kind];
    return {
        kind,
        module,
        type,
        token: `pulumi-nodejs:dynamic/${module}:${type}` as `pulumi-nodejs:dynamic/${(typeof RESOURCE_NAMES)[K]["module"]}:${(typeof RESOURCE_NAMES)[K]["type"]}`,
        nativeToken: `notebooks:${module}:${type}` as `notebooks:${(typeof RESOURCE_NAMES)[K]["module"]}:${(typeof RESOURCE_NAMES)[K]["type"]}`,
    };
}
