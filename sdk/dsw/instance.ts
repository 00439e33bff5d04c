import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import dswProviderShim = require("../providers/dsw");
import { INSTANCE_SECRET_INPUTS, InstanceArgs } from "../generated/dswInstanceArgs";
import { InputsAsOutputs, OwnOutputs, resourceProps, secretInputs, withSecretOutputs } from "../props";
import { resourceOf } from "../../provider/registry";

export * from "../generated/dswInstanceArgs";

/** This resource in the registry of resources (its token, module and type). */
const ENTRY = resourceOf("dsw");

/** State of the shutdown timer as the cloud reports it. */
export interface ShutdownTimerState {
    /** When the timer stops the instance (ISO-8601); the remaining time is `dueTime - now`. */
    dueTime: string;
}

/**
 * A PAI-DSW notebook instance.
 *
 * ```ts
 * const nb = new dsw.Instance("gpu", {
 *     workspaceId: "40823",
 *     instanceName: "team_gpu_nb",
 *     ecsSpec: "ecs.gn7i-c8g1.2xlarge",
 *     imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/pytorch:2.1-gpu",
 *     shutdownTimer: { remainingTime: "8h" },
 *     idleCuller: { cpuPercentThreshold: 10, gpuPercentThreshold: 5, maxIdleTimeInMinutes: 60 },
 * });
 * export const url = nb.jupyterlabUrl;
 * ```
 *
 * ## Import
 * `pulumi import` does not work for dynamic resources; set `adopt: { instanceId: "dsw-…" }` (or
 * `adopt: { byName: true }`) to take over an existing instance on the next `pulumi up`.
 */
/** The outputs Instance declares with its own types. */
type InstanceDeclared =
    | "instanceId"
    | "instanceName"
    | "workspaceId"
    | "workspaceName"
    | "status"
    | "liveStatus"
    | "reasonCode"
    | "reasonMessage"
    | "ecsSpec"
    | "requestedResource"
    | "resourceName"
    | "paymentType"
    | "acceleratorType"
    | "imageName"
    | "userName"
    | "instanceUrl"
    | "jupyterlabUrl"
    | "webIdeUrl"
    | "terminalUrl"
    | "gmtCreateTime"
    | "gmtModifiedTime"
    | "shutdownTimerState"
    | "idleCullerState"
    | "stoppedBySchedule"
    | "latestSnapshot"
    | "snapshots"
    | "liveLabels"
    | "userCommandId"
    | "imageAuth";

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- merged with the interface below, which only adds the inputs' output types
export class Instance extends pulumi.dynamic.Resource {
    /** The instance id (`dsw-…`). */
    public readonly instanceId!: pulumi.Output<string>;
    public readonly instanceName!: pulumi.Output<string>;
    public readonly workspaceId!: pulumi.Output<string>;
    public readonly workspaceName!: pulumi.Output<string>;
    /** Run state in the desired-state vocabulary (`"Running"`, `"Stopped"`, `"Failed"` or a transitional status). */
    public readonly status!: pulumi.Output<string>;
    /** The cloud's own status word (e.g. `"Saved"`, `"EnvPreparing"`). */
    public readonly liveStatus!: pulumi.Output<string>;
    public readonly reasonCode!: pulumi.Output<string>;
    public readonly reasonMessage!: pulumi.Output<string>;
    public readonly ecsSpec!: pulumi.Output<string | undefined>;
    public readonly requestedResource!: pulumi.Output<Record<string, string> | undefined>;
    public readonly resourceName!: pulumi.Output<string>;
    /** `"PayAsYouGo"` or `"Subscription"`. */
    public readonly paymentType!: pulumi.Output<string>;
    /** `"CPU"` or `"GPU"`. */
    public readonly acceleratorType!: pulumi.Output<string>;
    public readonly imageName!: pulumi.Output<string>;
    public readonly userName!: pulumi.Output<string>;
    public readonly instanceUrl!: pulumi.Output<string>;
    public readonly jupyterlabUrl!: pulumi.Output<string>;
    public readonly webIdeUrl!: pulumi.Output<string>;
    public readonly terminalUrl!: pulumi.Output<string>;
    public readonly gmtCreateTime!: pulumi.Output<string>;
    public readonly gmtModifiedTime!: pulumi.Output<string>;
    /** The live shutdown timer, if any. */
    public readonly shutdownTimerState!: pulumi.Output<ShutdownTimerState | undefined>;
    /** The live idle culler's thresholds. */
    public readonly idleCullerState!: pulumi.Output<Record<string, number> | undefined>;
    /** True when the instance is stopped because its shutdown timer fired. */
    public readonly stoppedBySchedule!: pulumi.Output<boolean>;
    public readonly latestSnapshot!: pulumi.Output<Record<string, string> | undefined>;
    public readonly snapshots!: pulumi.Output<Record<string, string>[]>;
    /** All labels on the instance, including ones set outside Pulumi. */
    public readonly liveLabels!: pulumi.Output<Record<string, string>>;
    public readonly userCommandId!: pulumi.Output<string>;
    /** Secret. */
    public readonly imageAuth!: pulumi.Output<string | undefined>;

    constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
        const props = resourceProps(
            name,
            ENTRY.token,
            // Declared-secret inputs (credentials, environment variables carrying tokens) stay encrypted in state.
            secretInputs(args, INSTANCE_SECRET_INPUTS),
            OUTPUTS,
            opts,
        );
        super(dswProviderShim, name, props, withSecretOutputs(opts, INSTANCE_SECRET_INPUTS), ENTRY.module, ENTRY.type);
    }
}

/** The inputs not declared above, as outputs too (README: every input is an output). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- adds types only (the engine fills these properties from state); its members come from the supertype
export interface Instance extends InputsAsOutputs<InstanceArgs, OwnOutputs<InstanceArgs, InstanceDeclared>> {}

/** Every output of {@link Instance} with its meaning (also the source of the README reference). */
export const INSTANCE_OUTPUT_DOCS: Readonly<Record<string, string>> = {
    instanceId: "Instance id (`dsw-…`).",
    workspaceId: "Workspace the instance lives in.",
    workspaceName: "Workspace name.",
    status: 'Run state in the desired-state vocabulary ("Running", "Stopped", "Failed" or a transitional status); a schedule-stopped instance reports its desired state.',
    liveStatus: "The cloud's own status word (e.g. Saved, EnvPreparing).",
    reasonCode: "Failure code reported by the cloud.",
    reasonMessage: "Failure message reported by the cloud.",
    ecsSpec: "ECS instance type (live after a refresh).",
    requestedResource: "Quota resources (live after a refresh).",
    resourceName: "Purchased spec (pay-as-you-go) or requested CPU/memory (subscription).",
    paymentType: "PayAsYouGo or Subscription.",
    acceleratorType: "CPU or GPU.",
    imageName: "Image name.",
    userName: "Owner's user name.",
    instanceUrl: "Console URL of the notebook.",
    jupyterlabUrl: "JupyterLab URL (while running).",
    webIdeUrl: "Web IDE URL (while running).",
    terminalUrl: "Terminal URL (while running).",
    gmtCreateTime: "Creation time (ISO-8601).",
    gmtModifiedTime: "Last modification time (ISO-8601).",
    shutdownTimerState: "The live shutdown timer: dueTime.",
    idleCullerState: "The live idle culler's thresholds.",
    stoppedBySchedule: "True when the instance is stopped because its shutdown timer fired.",
    latestSnapshot: "Latest saved image of the environment.",
    snapshots: "Saved images of the environment.",
    liveLabels: "All labels on the instance, including ones set outside Pulumi.",
    userCommandId: "Id of the start-up command (GetUserCommand).",
    imageAuth: "The registry credential, stored as a secret.",
};
const OUTPUTS = Object.keys(INSTANCE_OUTPUT_DOCS);
