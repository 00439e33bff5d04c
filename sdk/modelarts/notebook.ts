import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import modelartsProviderShim = require("../providers/modelarts");
import { resourceProps, withSecretOutputs } from "../props";

export interface StorageLocationArgs {
    /** OBS: a directory path ending with `/` (not a bucket root); obsfs: the parallel file system bucket. */
    path?: pulumi.Input<string>;
    /** EVS size in GB, 5–4096. Default 5. */
    volumeSize?: pulumi.Input<number>;
    /** obsfs only. Default `/home/ma-user/work`. */
    mountPath?: pulumi.Input<string>;
    /** obsfs only: `"ReadWriteMany"` (default) or `"ReadOnlyMany"`. */
    accessModes?: pulumi.Input<"ReadWriteMany" | "ReadOnlyMany">;
}

export interface StorageArgs {
    /** `"obs"`, `"obsfs"` (dedicated pools only) or `"evs"`. */
    type: pulumi.Input<"obs" | "obsfs" | "evs">;
    location?: pulumi.Input<StorageLocationArgs>;
}

/** Auto-stop: stop after running `duration` seconds. Applies at every start. */
export interface AutoStopArgs {
    enable: pulumi.Input<boolean>;
    /** Seconds, 3600–86400; required when `enable` is true. A changed duration applies from the next start. */
    duration?: pulumi.Input<number>;
    /** Console reminder. Default `true`. */
    prompt?: pulumi.Input<boolean>;
}

export interface NotebookSpecArgs {
    storage: pulumi.Input<StorageArgs>;
    /** Extra obsfs storage (dedicated pools only). */
    extendStorage?: pulumi.Input<pulumi.Input<StorageArgs>[]>;
    autoStop?: pulumi.Input<AutoStopArgs>;
    annotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Inputs of {@link Notebook}: seed 002's create request in camelCase, plus run state and provider settings. */
export interface NotebookArgs {
    /** IAM project id. Default: `notebooks:modelartsProjectId` / HUAWEICLOUD_SDK_PROJECT_ID. Changing it replaces the notebook. */
    projectId?: pulumi.Input<string>;
    /** 1–64 letters, digits, `-` and `_`. Changing it replaces the notebook. */
    name: pulumi.Input<string>;
    /** Engine profile, e.g. `"Multi-Engine 1.0 (python3)-gpu"`. */
    profileId: pulumi.Input<string>;
    /** At most 512 characters, none of `& < > " ' /`. Updated in place. */
    description?: pulumi.Input<string>;
    /** Machine flavor, e.g. `"modelarts.vm.gpu.p100"`. Changing it replaces the notebook. */
    flavor: pulumi.Input<string>;
    spec: pulumi.Input<NotebookSpecArgs>;
    /** Default `{ id: "0" }`. */
    workspace?: pulumi.Input<{ id: pulumi.Input<string> }>;
    /** Dedicated resource pool. */
    pool?: pulumi.Input<{
        id: pulumi.Input<string>;
        type?: pulumi.Input<string>;
        name?: pulumi.Input<string>;
        owner?: pulumi.Input<{ projectId?: pulumi.Input<string> }>;
    }>;
    aiProject?: pulumi.Input<{ id: pulumi.Input<string> }>;
    /** Desired run state: `"RUNNING"` (default) or `"STOPPED"`. */
    status?: pulumi.Input<"RUNNING" | "STOPPED">;
    timeouts?: pulumi.Input<{ create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> }>;
    /**
     * What `pulumi up` does with a notebook found `CREATE_FAILED`, `START_FAILED` or `UNAVAILABLE`:
     * `"restart"` (default; a notebook that never got created is replaced instead), `"replace"` or `"error"`.
     */
    failedPolicy?: pulumi.Input<"restart" | "replace" | "error">;
    /** Take over an existing notebook: `{ instanceId }` or `{ byName: true }`. */
    adopt?: pulumi.Input<{ instanceId?: pulumi.Input<string>; byName?: pulumi.Input<boolean> }>;
}

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
            resourceProps(name, "pulumi-nodejs:dynamic/modelarts:Notebook", { ...args }, OUTPUTS, opts),
            withSecretOutputs(opts, ["credential", "repository"]),
            "modelarts",
            "Notebook",
        );
    }
}

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
