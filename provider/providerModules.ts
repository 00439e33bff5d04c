/**
 * The compiled provider modules under `pulumi-notebooks/provider/<module>` that a `__provider`
 * shim loads (sdk/shim.ts). Kept apart from provider/registry.ts so that the SDK's declarations
 * can name them without reaching zod.
 */
export type ProviderModuleName = "dsw" | "modelarts" | "modelarts-notebooks";
