import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import modelartsProviderShim = require("../providers/modelarts");
import { NOTEBOOK_SECRET_INPUTS, NotebookArgs } from "../generated/modelartsNotebookArgs";
import { InputsAsOutputs, OwnOutputs, resourceProps, secretInputs, withSecretOutputs } from "../props";
import { resourceOf } from "../../provider/registry";

export * from "../generated/modelartsNotebookArgs";

/** This resource in the registry of resources (its token, module and type). */
const ENTRY = resourceOf("modelarts");

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
/** The outputs Notebook declares with its own types. */
type NotebookDeclared =
    | "instanceId"
    | "projectId"
    | "name"
    | "flavor"
    | "status"
    | "liveStatus"
    | "creationTimestamp"
    | "latestUpdateTimestamp"
    | "profile"
    | "flavorDetails"
    | "autoStopState"
    | "failedReasons"
    | "queuingInfo"
    | "user"
    | "url"
    | "targetDomain"
    | "errorCode"
    | "workspaceId"
    | "aiProjectId"
    | "stoppedBySchedule"
    | "credential"
    | "repository";

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- merged with the interface below, which only adds the inputs' output types
export class Notebook extends pulumi.dynamic.Resource {
    public readonly instanceId!: pulumi.Output<string>;
    public readonly projectId!: pulumi.Output<string>;
    public readonly name!: pulumi.Output<string>;
    public readonly flavor!: pulumi.Output<string>;
    /** Run state: the cloud's status, except that a notebook stopped by auto-stop reports its desired state. */
    public readonly status!: pulumi.Output<string>;
    /** The cloud's own status word. */
    public readonly liveStatus!: pulumi.Output<string>;
    public readonly creationTimestamp!: pulumi.Output<string>;
    public readonly latestUpdateTimestamp!: pulumi.Output<string>;
    public readonly profile!: pulumi.Output<Record<string, unknown> | undefined>;
    public readonly flavorDetails!: pulumi.Output<Record<string, unknown> | undefined>;
    /** Live auto-stop: `enable`, `duration`, and while running `stopTimestamp` (ms, when it stops). */
    public readonly autoStopState!: pulumi.Output<{ enable?: boolean; duration?: number; prompt?: boolean; stopTimestamp?: number } | undefined>;
    public readonly failedReasons!: pulumi.Output<Record<string, unknown> | undefined>;
    public readonly queuingInfo!: pulumi.Output<Record<string, unknown> | undefined>;
    public readonly user!: pulumi.Output<{ id?: string; name?: string } | undefined>;
    /** Notebook URL (annotations.url). */
    public readonly url!: pulumi.Output<string>;
    public readonly targetDomain!: pulumi.Output<string>;
    public readonly errorCode!: pulumi.Output<string>;
    public readonly workspaceId!: pulumi.Output<string>;
    public readonly aiProjectId!: pulumi.Output<string>;
    /** True when auto-stop stopped the notebook. */
    public readonly stoppedBySchedule!: pulumi.Output<boolean>;
    /** OBS AK/SK the service reports. Secret. */
    public readonly credential!: pulumi.Output<Record<string, unknown> | undefined>;
    /** Git repository, with its token or key. Secret. */
    public readonly repository!: pulumi.Output<Record<string, unknown> | undefined>;

    constructor(name: string, args: NotebookArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            modelartsProviderShim,
            name,
            resourceProps(name, ENTRY.token, secretInputs(args, NOTEBOOK_SECRET_INPUTS), OUTPUTS, opts),
            withSecretOutputs(opts, ["credential", "repository", ...NOTEBOOK_SECRET_INPUTS]),
            ENTRY.module,
            ENTRY.type,
        );
    }
}

/** The inputs not declared above, as outputs too (README: every input is an output). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- adds types only (the engine fills these properties from state); its members come from the supertype
export interface Notebook extends InputsAsOutputs<NotebookArgs, OwnOutputs<NotebookArgs, NotebookDeclared>> {}

/** Every output of {@link Notebook} with its meaning (also the source of the README reference). */
export const NOTEBOOK_OUTPUT_DOCS: Readonly<Record<string, string>> = {
    instanceId: "Notebook id (`DE-…`).",
    projectId: "IAM project the notebook lives in.",
    status: "Run state: the cloud's status, except that a notebook stopped by auto-stop reports its desired state.",
    liveStatus: "The cloud's own status word.",
    creationTimestamp: "Creation time, epoch ms (string, as the API reports it).",
    latestUpdateTimestamp: "Last update time, epoch ms.",
    profile: "Profile (engine image) details.",
    flavorDetails: "Flavor details: type, CPU/GPU/memory params, sale status.",
    autoStopState: "Live auto-stop: enable, duration, and while running stopTimestamp (ms, when it stops).",
    failedReasons: "Why a create or start failed (code, message).",
    queuingInfo: "Queue position and time left for free flavors.",
    user: "Owner (id, name).",
    url: "Notebook URL.",
    targetDomain: "Notebook domain.",
    errorCode: "Business error code when failed.",
    workspaceId: "Workspace id.",
    aiProjectId: "AI project id.",
    stoppedBySchedule: "True when auto-stop stopped the notebook.",
    credential: "OBS AK/SK the service reports. Secret.",
    repository: "Git repository with its token or key. Secret.",
};
const OUTPUTS = Object.keys(NOTEBOOK_OUTPUT_DOCS);
