import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import notebooksProviderShim = require("../providers/modelartsNotebooks");
import { NOTEBOOK_V2_SECRET_INPUTS, NotebookV2Args } from "../generated/modelartsNotebookV2Args";
import { InputsAsOutputs, OwnOutputs, resourceProps, secretInputs, withSecretOutputs } from "../props";
import { resourceOf } from "../../provider/registry";

export * from "../generated/modelartsNotebookV2Args";

/** This resource in the registry of resources (its token, module and type). */
const ENTRY = resourceOf("notebookV2");

/** The live lease: when its countdown started and when it stops the notebook. */
export interface NotebookLeaseState {
    enable: boolean;
    type: string;
    /** As the input writes it, e.g. `"8h"`. */
    duration: string;
    /** The countdown's start (ms): the last start. */
    startedAt?: number;
    /** When the lease stops the notebook (ms). */
    stopAt?: number;
}

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
/** The outputs NotebookV2 declares with its own types. */
type NotebookV2Declared =
    | "instanceId"
    | "projectId"
    | "name"
    | "status"
    | "liveStatus"
    | "url"
    | "token"
    | "imageName"
    | "imageSwrPath"
    | "leaseState"
    | "stoppedBySchedule"
    | "failReason"
    | "createAt"
    | "updateAt"
    | "poolName"
    | "sshUri"
    | "userId"
    | "liveTags";

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- merged with the interface below, which only adds the inputs' output types
export class NotebookV2 extends pulumi.dynamic.Resource {
    public readonly instanceId!: pulumi.Output<string>;
    public readonly projectId!: pulumi.Output<string>;
    public readonly name!: pulumi.Output<string>;
    /** Run state: the cloud's status, except that a notebook stopped by its lease reports its desired state. */
    public readonly status!: pulumi.Output<string>;
    /** The cloud's own status word. */
    public readonly liveStatus!: pulumi.Output<string>;
    public readonly url!: pulumi.Output<string>;
    /** Notebook authentication token. Secret. */
    public readonly token!: pulumi.Output<string>;
    public readonly imageName!: pulumi.Output<string>;
    public readonly imageSwrPath!: pulumi.Output<string>;
    public readonly leaseState!: pulumi.Output<NotebookLeaseState | undefined>;
    /** True when the lease stopped the notebook. */
    public readonly stoppedBySchedule!: pulumi.Output<boolean>;
    public readonly failReason!: pulumi.Output<string>;
    public readonly createAt!: pulumi.Output<number | undefined>;
    public readonly updateAt!: pulumi.Output<number | undefined>;
    public readonly poolName!: pulumi.Output<string>;
    public readonly sshUri!: pulumi.Output<string>;
    public readonly userId!: pulumi.Output<string>;
    /** Every tag on the notebook, including ones set outside Pulumi. */
    public readonly liveTags!: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: NotebookV2Args, opts?: pulumi.CustomResourceOptions) {
        super(
            notebooksProviderShim,
            name,
            resourceProps(name, ENTRY.token, secretInputs(args, NOTEBOOK_V2_SECRET_INPUTS), OUTPUTS, opts),
            withSecretOutputs(opts, ["token", ...NOTEBOOK_V2_SECRET_INPUTS]),
            ENTRY.module,
            ENTRY.type,
        );
    }
}

/** The inputs not declared above, as outputs too (README: every input is an output). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- adds types only (the engine fills these properties from state); its members come from the supertype
export interface NotebookV2 extends InputsAsOutputs<NotebookV2Args, OwnOutputs<NotebookV2Args, NotebookV2Declared>> {}

/** Every output of {@link NotebookV2} with its meaning (also the source of the README reference). */
export const NOTEBOOK_V2_OUTPUT_DOCS: Readonly<Record<string, string>> = {
    instanceId: "Notebook id (a UUID).",
    projectId: "IAM project the notebook lives in.",
    status: "Run state: the cloud's status, except that a notebook stopped by its lease reports its desired state.",
    liveStatus: "The cloud's own status word (INIT, CREATING, RUNNING, STOPPED, …).",
    url: "Notebook URL.",
    token: "Notebook authentication token, stored as a secret.",
    imageName: "Image name.",
    imageSwrPath: "Image address in SWR.",
    leaseState: "The live lease: enable, type, duration, startedAt and stopAt (ms).",
    stoppedBySchedule: "True when the lease stopped the notebook.",
    failReason: "Failure cause reported by the cloud.",
    createAt: "Creation time, epoch ms.",
    updateAt: "Last change, epoch ms.",
    poolName: "Dedicated pool name.",
    sshUri: "SSH address (with an SSH endpoint).",
    userId: "Owner's user id.",
    liveTags: "All tags on the notebook, including ones set outside Pulumi.",
};
const OUTPUTS = Object.keys(NOTEBOOK_V2_OUTPUT_DOCS);
