import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import modelartsProviderShim = require("../providers/modelarts");
import { NOTEBOOK_SECRET_INPUTS, NotebookArgs } from "../generated/modelartsNotebookArgs";
import { NotebookOutputs, NOTEBOOK_OUTPUTS, NOTEBOOK_SECRET_OUTPUTS, NOTEBOOK_SECRET_ECHOES } from "../generated/modelartsNotebookOutputs";
import { InputsAsOutputs, OwnOutputs, resourceProps, secretInputs, echoedSecrets, withSecretOutputs } from "../props";
import { tokensOf } from "../../provider/resourceNames";
import { stopStackCapture } from "../stackCapture";

export * from "../generated/modelartsNotebookArgs";
export * from "../generated/modelartsNotebookOutputs";

/** This resource in the registry of resources (its token, module and type). */
const ENTRY = tokensOf("modelarts");

/**
 * A ModelArts development-environment (notebook) instance.
 *
 * ```ts
 * const nb = new modelarts.Notebook("evs-nb", {
 *     name: "team-notebook",
 *     profileId: "Multi-Engine 1.0 (python3)-cpu",
 *     flavor: "modelarts.vm.cpu.2u",
 *     spec: { storage: { type: "evs", location: { volumeSize: 20 } }, autoStop: { enable: true, duration: 3600 } },
 * });
 * ```
 *
 * ## Import
 * `pulumi import` does not work for dynamic resources; set `adopt: { instanceId: "DE-…" }` or
 * `adopt: { byName: true }`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- merged with the interface below, which only adds the inputs' output types
export class Notebook extends pulumi.dynamic.Resource {
    constructor(name: string, args: NotebookArgs, opts?: pulumi.CustomResourceOptions) {
        // Registration reads ~150 stack traces nobody sees; see ../stackCapture.ts.
        const restoreStackCapture = stopStackCapture();
        try {
            super(
                modelartsProviderShim,
                name,
                resourceProps(name, ENTRY.token, secretInputs(args, NOTEBOOK_SECRET_INPUTS), NOTEBOOK_OUTPUTS, opts),
                withSecretOutputs(opts, [...NOTEBOOK_SECRET_OUTPUTS, ...echoedSecrets(args, NOTEBOOK_SECRET_ECHOES), ...NOTEBOOK_SECRET_INPUTS]),
                ENTRY.module,
                ENTRY.type,
            );
        } finally {
            restoreStackCapture();
        }
    }
}

/** The declared outputs, and every input not among them as an output too (README: every input is an output). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- adds types only (the engine fills these properties from state); its members come from the supertype
export interface Notebook extends NotebookOutputs, InputsAsOutputs<NotebookArgs, OwnOutputs<NotebookArgs, keyof NotebookOutputs & string>> {}
