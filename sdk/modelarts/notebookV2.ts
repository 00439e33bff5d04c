import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import notebooksProviderShim = require("../providers/modelartsNotebooks");
import { NOTEBOOK_V2_SECRET_INPUTS, NotebookV2Args } from "../generated/modelartsNotebookV2Args";
import { NotebookV2Outputs, NOTEBOOK_V2_OUTPUTS, NOTEBOOK_V2_SECRET_OUTPUTS, NOTEBOOK_V2_SECRET_ECHOES } from "../generated/modelartsNotebookV2Outputs";
import { InputsAsOutputs, OwnOutputs, resourceProps, secretInputs, echoedSecrets, withSecretOutputs } from "../props";
import { tokensOf } from "../../provider/resourceNames";
import { stopStackCapture } from "../stackCapture";

export * from "../generated/modelartsNotebookV2Args";
export * from "../generated/modelartsNotebookV2Outputs";

/** This resource in the registry of resources (its token, module and type). */
const ENTRY = tokensOf("notebookV2");

/**
 * A ModelArts notebook on the notebook API Huawei recommends today (DevEnviron,
 * `/v1/{project_id}/notebooks`): images by id, EVS or EFS storage, SSH endpoints, the lease as
 * its stop schedule, tags, and flavors and images switchable in place (the notebook is stopped,
 * updated and brought back to its run state). {@link Notebook} speaks the older DevEnviron API
 * (`/demanager/instances`), which Huawei lists under its historical APIs.
 *
 * ```ts
 * const nb = new modelarts.NotebookV2("gpu", {
 *     name: "team-gpu-notebook",
 *     flavor: "modelarts.vm.gpu.p100",
 *     imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090",
 *     volume: { category: "EVS", capacity: 50 },
 *     lease: { duration: "8h" },
 * });
 * export const url = nb.url;
 * ```
 *
 * ## Import
 * `pulumi import` does not work for dynamic resources; set `adopt: { instanceId: "…" }`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- merged with the interface below, which only adds the inputs' output types
export class NotebookV2 extends pulumi.dynamic.Resource {
    constructor(name: string, args: NotebookV2Args, opts?: pulumi.CustomResourceOptions) {
        // Registration reads ~150 stack traces nobody sees; see ../stackCapture.ts.
        const restoreStackCapture = stopStackCapture();
        try {
            super(
                notebooksProviderShim,
                name,
                resourceProps(name, ENTRY.token, secretInputs(args, NOTEBOOK_V2_SECRET_INPUTS), NOTEBOOK_V2_OUTPUTS, opts),
                withSecretOutputs(opts, [...NOTEBOOK_V2_SECRET_OUTPUTS, ...echoedSecrets(args, NOTEBOOK_V2_SECRET_ECHOES), ...NOTEBOOK_V2_SECRET_INPUTS]),
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
export interface NotebookV2 extends NotebookV2Outputs, InputsAsOutputs<NotebookV2Args, OwnOutputs<NotebookV2Args, keyof NotebookV2Outputs & string>> {}
