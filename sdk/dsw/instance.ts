import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import dswProviderShim = require("../providers/dsw");
import { resourceProps, withSecretOutputs } from "../props";

/** A dataset mounted into the notebook (CreateInstance `Datasets[]`). */
export interface DatasetArgs {
    /** PAI dataset id (`d-…`); exclusive with `uri`. */
    datasetId?: pulumi.Input<string>;
    /** Dataset version; requires `datasetId`. Default `"v1"`. */
    datasetVersion?: pulumi.Input<string>;
    /** Storage directory to mount directly (`oss://`, `nas://`, `cpfs://`, `bmcpfs://`); exclusive with `datasetId`. */
    uri?: pulumi.Input<string>;
    /** Absolute mount path in the container, e.g. `/mnt/data`. */
    mountPath?: pulumi.Input<string>;
    /** `"RW"` (default) or `"RO"`. */
    mountAccess?: pulumi.Input<"RW" | "RO">;
    /** OSS mount options as a JSON object string; exclusive with `optionType`. */
    options?: pulumi.Input<string>;
    /** @deprecated Preset of mount options; use `options`. */
    optionType?: pulumi.Input<"FastReadWrite" | "IncrementalReadWrite" | "ConsistentReadWrite" | "ReadOnly">;
    /** Dynamic mount (OSS, read-only, listed after static datasets, needs `dynamicMount.enable`). */
    dynamic?: pulumi.Input<boolean>;
}

export interface CloudDiskArgs {
    /** Size such as `"100Gi"`; disks grow, never shrink. */
    capacity?: pulumi.Input<string>;
    mountPath?: pulumi.Input<string>;
    /** Sub-path of the disk to mount. */
    path?: pulumi.Input<string>;
    /** `"rootfs"`: the system disk that holds the environment. */
    subType?: pulumi.Input<"rootfs">;
}

export interface ForwardInfoArgs {
    enable?: pulumi.Input<boolean>;
    /** e.g. `"ssh"`. */
    name?: pulumi.Input<string>;
    containerName?: pulumi.Input<string>;
    forwardPort?: pulumi.Input<string>;
    externalPort?: pulumi.Input<string>;
    accessType?: pulumi.Input<pulumi.Input<"intranet" | "internet">[]>;
    natGatewayId?: pulumi.Input<string>;
    eipAllocationId?: pulumi.Input<string>;
    nlbGatewayId?: pulumi.Input<string>;
    sshPublicKey?: pulumi.Input<string>;
}

export interface UserVpcArgs {
    vpcId: pulumi.Input<string>;
    vSwitchId?: pulumi.Input<string>;
    securityGroupId?: pulumi.Input<string>;
    /** CIDR blocks reachable through the VPC. */
    extendedCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /** `"eth0"` (default NIC) or `"eth1"` (the user ENI). */
    defaultRoute?: pulumi.Input<"eth0" | "eth1">;
    forwardInfos?: pulumi.Input<pulumi.Input<ForwardInfoArgs>[]>;
}

/** Resources requested from a quota (subscription instances). */
export interface RequestedResourceArgs {
    /** Cores, e.g. `"4"`. */
    cpu?: pulumi.Input<string>;
    /** With a unit, e.g. `"16GB"` (a bare number is accepted by the API but the instance then fails). */
    memory?: pulumi.Input<string>;
    sharedMemory?: pulumi.Input<string>;
    /** Whole GPUs, e.g. `"1"`. */
    gpu?: pulumi.Input<string>;
    /** e.g. `"A10"`, `"V100"`. */
    gpuType?: pulumi.Input<string>;
}

export interface CredentialConfigArgs {
    enable?: pulumi.Input<boolean>;
    aliyunEnvRoleKey?: pulumi.Input<string>;
    configs?: pulumi.Input<
        pulumi.Input<{
            key: pulumi.Input<string>;
            type: pulumi.Input<"Role" | "RoleChain">;
            roles?: pulumi.Input<
                pulumi.Input<{
                    roleArn: pulumi.Input<string>;
                    roleType: pulumi.Input<"service" | "user">;
                    assumeRoleFor?: pulumi.Input<string>;
                    policy?: pulumi.Input<string>;
                }>[]
            >;
        }>[]
    >;
}

/** Scheduled stop: give exactly one of `dueTime` or `remainingTime`. */
export interface ShutdownTimerArgs {
    /** Absolute stop time, ISO-8601 UTC, e.g. `"2026-01-12T18:00:00Z"`. */
    dueTime?: pulumi.Input<string>;
    /** Stop this long after the timer is applied, e.g. `"8h"` or `"90m"`. */
    remainingTime?: pulumi.Input<string>;
}

/** Idle auto-stop policy. */
export interface IdleCullerArgs {
    /** Idle when CPU utilisation is below this percentage (1–100). Default `20`. */
    cpuPercentThreshold?: pulumi.Input<number>;
    /** GPU instances only: idle when GPU utilisation is also below this percentage (1–100). */
    gpuPercentThreshold?: pulumi.Input<number>;
    /** Stop after idling this many minutes (1–10080). */
    maxIdleTimeInMinutes: pulumi.Input<number>;
}

export interface TimeoutsArgs {
    /** Default `"30m"`. */
    create?: pulumi.Input<string>;
    /** Default `"30m"`. */
    update?: pulumi.Input<string>;
    /** Default `"20m"`. */
    delete?: pulumi.Input<string>;
}

/** Take over an existing instance: give `instanceId`, or `byName: true` to match `instanceName` exactly. */
export interface AdoptArgs {
    instanceId?: pulumi.Input<string>;
    byName?: pulumi.Input<boolean>;
}

/** Inputs of {@link Instance}: the CreateInstance request in camelCase, plus run state, schedules and provider settings. */
export interface InstanceArgs {
    /** PAI workspace id. Default: the caller's default workspace. Changing it replaces the instance. */
    workspaceId?: pulumi.Input<string>;
    /** Name, unique in the workspace: 1–27 letters, digits and underscores. */
    instanceName: pulumi.Input<string>;
    /** Pay-as-you-go ECS instance type, e.g. `"ecs.gn7i-c8g1.2xlarge"`; exclusive with `resourceId`. Changing it stops the instance first. */
    ecsSpec?: pulumi.Input<string>;
    /** Subscription quota / resource group id (needs `requestedResource`). Changing it replaces the instance. */
    resourceId?: pulumi.Input<string>;
    requestedResource?: pulumi.Input<RequestedResourceArgs>;
    /** Scheduling priority on a quota, 1 (lowest) to 9. */
    priority?: pulumi.Input<number>;
    oversoldType?: pulumi.Input<"ForbiddenQuotaOverSold" | "ForceQuotaOverSold" | "AcceptQuotaOverSold">;
    /** Image id (`image-…`); exclusive with `imageUrl`. */
    imageId?: pulumi.Input<string>;
    /** Image address, e.g. `"registry.cn-hangzhou.aliyuncs.com/pai-dlc/pytorch:2.1-gpu"`. */
    imageUrl?: pulumi.Input<string>;
    /** base64 of `user:password` for a private registry. Stored as a secret. */
    imageAuth?: pulumi.Input<string>;
    datasets?: pulumi.Input<pulumi.Input<DatasetArgs>[]>;
    dynamicMount?: pulumi.Input<{
        enable?: pulumi.Input<boolean>;
        mountPoints?: pulumi.Input<pulumi.Input<{ rootPath: pulumi.Input<string>; options?: pulumi.Input<string> }>[]>;
    }>;
    cloudDisks?: pulumi.Input<pulumi.Input<CloudDiskArgs>[]>;
    /** What backs /mnt/workspace: `"rootfsCloudDisk"`, a dataset mount path or a dataset id. */
    workspaceSource?: pulumi.Input<string>;
    userVpc?: pulumi.Input<UserVpcArgs>;
    /** `"PRIVATE"` (default) or `"PUBLIC"` in the workspace. */
    accessibility?: pulumi.Input<"PRIVATE" | "PUBLIC">;
    environmentVariables?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Custom labels. The provider adds `pulumi-notebooks-owner` itself. */
    labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Resource tags. Changing them replaces the instance (the API cannot update tags). */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Owner's Alibaba Cloud user id, to create on behalf of another user. */
    userId?: pulumi.Input<string>;
    /** NVIDIA driver version for GPU instances, e.g. `"535.54.03"`. */
    driver?: pulumi.Input<string>;
    affinity?: pulumi.Input<{ cpu?: pulumi.Input<{ enable: pulumi.Input<boolean> }> }>;
    credentialConfig?: pulumi.Input<CredentialConfigArgs>;
    /** Script run at every start. */
    userCommand?: pulumi.Input<{ onStart?: pulumi.Input<{ content: pulumi.Input<string> }> }>;
    spotSpec?: pulumi.Input<{
        spotStrategy?: pulumi.Input<string>;
        spotPriceLimit?: pulumi.Input<string>;
        spotDiscountLimit?: pulumi.Input<string>;
        spotDuration?: pulumi.Input<string>;
    }>;
    /** Desired run state: `"Running"` (default) or `"Stopped"`. */
    status?: pulumi.Input<"Running" | "Stopped">;
    /** Scheduled stop. A timer that fired is not drift: the notebook stays stopped until this input changes. */
    shutdownTimer?: pulumi.Input<ShutdownTimerArgs>;
    /** Idle auto-stop policy. */
    idleCuller?: pulumi.Input<IdleCullerArgs>;
    /** How long create/update/delete may wait. */
    timeouts?: pulumi.Input<TimeoutsArgs>;
    /**
     * What `pulumi up` does with an instance found `Failed` on refresh: `"restart"` (default: start
     * it again and keep its disk), `"replace"` (delete and create) or `"error"` (stop and report).
     */
    failedPolicy?: pulumi.Input<"restart" | "replace" | "error">;
    /** Take over an existing instance instead of creating one (`pulumi import` does not work for dynamic resources). */
    adopt?: pulumi.Input<AdoptArgs>;
}

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
            "pulumi-nodejs:dynamic/dsw:Instance",
            {
                ...args,
                // Secret inputs stay encrypted in state even when the program passes plain strings.
                imageAuth: args.imageAuth === undefined ? undefined : pulumi.secret(args.imageAuth),
                credentialConfig: args.credentialConfig === undefined ? undefined : pulumi.secret(args.credentialConfig),
                // Environment variables carry tokens (a Jupyter token, API keys): secret too.
                environmentVariables: args.environmentVariables === undefined ? undefined : pulumi.secret(args.environmentVariables),
            },
            OUTPUTS,
            opts,
        );
        super(dswProviderShim, name, props, withSecretOutputs(opts, ["imageAuth", "credentialConfig", "environmentVariables"]), "dsw", "Instance");
    }
}

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
