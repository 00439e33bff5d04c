/**
 * Inputs of `dsw.Instance`: the CreateInstance request table (docs/dsw-api.md §5.1) in
 * camelCase, plus the provider's own settings. Every documented rule is enforced here, at
 * `pulumi preview`, before any API call; each failure names the field and the rule.
 * The README's resource reference is generated from these descriptions.
 */
import { z } from "zod";
import { field, input } from "../common/declare";
import { FailedPolicy, LabelKey, credentialsProfileName, LabelValue, Timeouts, durationString, isoUtcTime } from "../common/schema";

const absolutePath = (what: string) => z.string().regex(/^\//, `${what} must be an absolute path`);

export const DatasetInput = z
    .strictObject({
        datasetId: z
            .string()
            .regex(/^d-[a-z0-9]+$/, 'datasetId must look like "d-xxxx"')
            .optional()
            .describe("PAI dataset id; exclusive with `uri`."),
        datasetVersion: z.string().min(1).optional().describe('Dataset version (requires `datasetId`), default "v1".'),
        uri: z
            .string()
            .regex(/^(oss|nas|cpfs|bmcpfs):\/\/.+/, "uri must start with oss://, nas://, cpfs:// or bmcpfs://")
            .optional()
            .describe("Storage directory mounted directly; exclusive with `datasetId`."),
        mountPath: absolutePath("mountPath").optional().describe("Mount path in the container, e.g. /mnt/data."),
        mountAccess: z.enum(["RW", "RO"]).optional().describe('"RW" (default) or "RO".'),
        options: z
            .string()
            .refine((s) => {
                try {
                    return typeof JSON.parse(s) === "object";
                } catch {
                    return false;
                }
            }, "options must be a JSON object string")
            .optional()
            .describe("OSS mount options as a JSON string; exclusive with `optionType`."),
        optionType: z
            .enum(["FastReadWrite", "IncrementalReadWrite", "ConsistentReadWrite", "ReadOnly"])
            .optional()
            .describe("Deprecated preset of mount options; use `options`."),
        dynamic: z.boolean().optional().describe("Dynamic mount (OSS, read-only, listed after static datasets, needs `dynamicMount.enable`)."),
    })
    .superRefine((d, ctx) => {
        if (!!d.datasetId === !!d.uri) {
            ctx.addIssue({ code: "custom", message: "exactly one of datasetId or uri is required", path: [d.datasetId ? "uri" : "datasetId"] });
        }
        if (d.datasetVersion && !d.datasetId) {
            ctx.addIssue({ code: "custom", message: "datasetVersion requires datasetId", path: ["datasetVersion"] });
        }
        if (d.options && d.optionType) {
            ctx.addIssue({ code: "custom", message: "options and optionType are mutually exclusive", path: ["optionType"] });
        }
        if (d.dynamic && (!d.uri || !d.uri.startsWith("oss://"))) {
            ctx.addIssue({ code: "custom", message: "dynamic mounts must be OSS uris", path: ["dynamic"] });
        }
        if (d.dynamic && d.mountAccess === "RW") {
            ctx.addIssue({ code: "custom", message: "dynamic mounts are read-only", path: ["mountAccess"] });
        }
    })
    // After the refinement: a refinement clones the schema and the clone has no metadata.
    .meta({ typeName: "DatasetArgs", description: "A dataset or storage directory mounted into the notebook (CreateInstance `Datasets[]`)." });

export const CloudDiskInput = z
    .strictObject({
        capacity: z
            .string()
            .regex(/^\d+Gi$/, 'capacity must look like "100Gi"')
            .optional()
            .describe('Size, e.g. "100Gi"; can grow, never shrink.'),
        mountPath: absolutePath("mountPath").optional(),
        path: z.string().optional().describe("Sub-path of the disk to mount."),
        subType: z.enum(["rootfs"]).optional().describe('"rootfs": the system disk holding the environment.'),
    })
    .meta({ typeName: "CloudDiskArgs" });

const ForwardInfoInput = z
    .strictObject({
        enable: z.boolean().optional(),
        name: z.string().optional().describe('e.g. "ssh"'),
        containerName: z.string().optional(),
        forwardPort: z
            .string()
            .regex(/^\d{1,5}$/, "forwardPort must be a port number")
            .optional(),
        externalPort: z
            .string()
            .regex(/^\d{1,5}$/, "externalPort must be a port number")
            .optional(),
        accessType: z.array(z.enum(["intranet", "internet"])).optional(),
        natGatewayId: z.string().optional(),
        eipAllocationId: z.string().optional(),
        nlbGatewayId: z.string().optional(),
        sshPublicKey: field(z.string().optional(), { wireName: "SSHPublicKey" }),
    })
    .meta({ typeName: "ForwardInfoArgs", description: "A port exposed from the notebook (e.g. SSH)." });

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

export const UserVpcInput = z
    .strictObject({
        vpcId: z
            .string()
            .regex(/^vpc-[a-z0-9]+$/, 'vpcId must look like "vpc-xxxx"')
            .describe("VPC id."),
        vSwitchId: z
            .string()
            .regex(/^vsw-[a-z0-9]+$/, 'vSwitchId must look like "vsw-xxxx"')
            .optional(),
        securityGroupId: z
            .string()
            .regex(/^sg-[a-z0-9]+$/, 'securityGroupId must look like "sg-xxxx"')
            .optional(),
        extendedCidrs: field(z.array(z.string().regex(CIDR, "extendedCidrs entries must be CIDR blocks such as 10.0.0.0/16")).optional(), {
            wireName: "ExtendedCIDRs",
            description: "CIDR blocks reachable through the VPC.",
        }),
        defaultRoute: z.enum(["eth0", "eth1"]).optional().describe('"eth0" (default NIC) or "eth1" (user ENI).'),
        forwardInfos: z.array(ForwardInfoInput).optional().describe("Port exposure rules (e.g. SSH)."),
    })
    .meta({ typeName: "UserVpcArgs" });

const RequestedResourceInput = z
    .strictObject({
        cpu: field(
            z
                .string()
                .regex(/^\d+(\.\d+)?$/, 'requestedResource.cpu must be a number of cores such as "4"')
                .optional(),
            { wireName: "CPU", description: 'Cores, e.g. "4".' },
        ),
        memory: z
            .string()
            .regex(
                /^\d+(\.\d+)?(GB|Gi)$/,
                'requestedResource.memory needs a unit, e.g. "16GB" (a bare number is accepted by the API but the instance then fails to start)',
            )
            .optional(),
        sharedMemory: z
            .string()
            .regex(/^\d+(\.\d+)?(GB|Gi)$/, 'requestedResource.sharedMemory needs a unit, e.g. "16GB"')
            .optional(),
        gpu: field(z.string().regex(/^\d+$/, 'requestedResource.gpu must be a whole number such as "1"').optional(), {
            wireName: "GPU",
            description: 'Whole GPUs, e.g. "1".',
        }),
        gpuType: field(z.string().optional(), { wireName: "GPUType", description: 'e.g. "V100", "A10"' }),
    })
    .meta({ typeName: "RequestedResourceArgs", description: "Resources requested from a quota (subscription instances)." });

const CredentialConfigInput = z
    .strictObject({
        enable: z.boolean().optional(),
        aliyunEnvRoleKey: z.string().optional(),
        configs: z
            .array(
                z.strictObject({
                    key: z.string().min(1),
                    type: z.enum(["Role", "RoleChain"]),
                    roles: z
                        .array(
                            z.strictObject({
                                roleArn: z.string().regex(/^acs:ram::\d+:role\/.+$/, 'roleArn must look like "acs:ram::<uid>:role/<name>"'),
                                roleType: z.enum(["service", "user"]),
                                assumeRoleFor: z.string().optional(),
                                policy: z.string().optional(),
                            }),
                        )
                        .optional(),
                }),
            )
            .optional(),
    })
    .meta({ typeName: "CredentialConfigArgs" });

export const ShutdownTimerInput = z
    .strictObject({
        dueTime: isoUtcTime.optional().describe('Absolute stop time, ISO-8601 UTC ("2026-01-12T18:00:00Z").'),
        remainingTime: durationString("shutdownTimer.remainingTime").optional().describe('Stop this long after the timer is applied, e.g. "8h".'),
    })
    .refine((t) => !!t.dueTime !== !!t.remainingTime, "give exactly one of dueTime or remainingTime")
    .meta({
        typeName: "ShutdownTimerArgs",
        description:
            "Scheduled stop: give exactly one of `dueTime` or `remainingTime`. A timer that fired is not drift: the instance stays stopped until this input changes.",
    });

export const IdleCullerInput = z
    .strictObject({
        cpuPercentThreshold: z.number().int().min(1).max(100).optional().describe("Idle when CPU% is below this (1-100), default 20."),
        gpuPercentThreshold: z.number().int().min(1).max(100).optional().describe("GPU instances only: idle when GPU% is also below this (1-100)."),
        maxIdleTimeInMinutes: z
            .number()
            .int()
            .min(1, "maxIdleTimeInMinutes must be at least 1")
            .max(10080, "maxIdleTimeInMinutes must be at most 10080 (7 days)")
            .describe("Stop after idling this long."),
    })
    .meta({ typeName: "IdleCullerArgs", description: "Idle auto-stop policy." });

export const AdoptInput = z
    .strictObject({
        instanceId: z
            .string()
            .regex(/^dsw-[a-z0-9]+$/, 'adopt.instanceId must look like "dsw-xxxx"')
            .optional(),
        byName: z.boolean().optional().describe("Take over the instance with exactly `instanceName` in the workspace."),
    })
    .refine((a) => !!a.instanceId !== (a.byName === true), "give exactly one of adopt.instanceId or adopt.byName: true")
    .meta({
        typeName: "AdoptArgs",
        description: "Take over an existing instance instead of creating one (`pulumi import` does not work for dynamic resources).",
    });

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const DswInstanceInputs = z
    .strictObject({
        workspaceId: input(z.string().regex(/^\d+$/, "workspaceId must be a numeric workspace id").optional(), {
            policy: "replace",
            description: "PAI workspace id. Default: the caller's default workspace. Changing it replaces the instance.",
        }),
        instanceName: input(
            z.string({ error: "instanceName is required" }).regex(/^[A-Za-z0-9_]{1,27}$/, "instanceName must be 1-27 letters, digits or underscores"),
            { policy: "update", description: "Name, unique in the workspace: 1-27 letters, digits and underscores." },
        ),
        ecsSpec: input(
            z
                .string()
                .regex(/^ecs\.[a-z0-9-]+\.[a-z0-9]+$/, 'ecsSpec must be an ECS instance type such as "ecs.g6.xlarge"')
                .optional(),
            {
                policy: "stopThenUpdate",
                description:
                    'Pay-as-you-go ECS instance type, e.g. "ecs.gn7i-c8g1.2xlarge"; exclusive with `resourceId`. Changing it stops the instance first.',
            },
        ),
        resourceId: input(z.string().min(1).optional(), {
            policy: "replace",
            description: "Subscription quota / resource group id (needs `requestedResource`). Changing it replaces the instance.",
        }),
        requestedResource: input(RequestedResourceInput.optional(), {
            policy: "stopThenUpdate",
            description: "Resources requested from the quota (subscription).",
        }),
        priority: input(z.number().int().min(1, "priority must be 1-9").max(9, "priority must be 1-9").optional(), {
            policy: "update",
            description: "Scheduling priority on a quota, 1 (lowest) to 9.",
        }),
        oversoldType: input(z.enum(["ForbiddenQuotaOverSold", "ForceQuotaOverSold", "AcceptQuotaOverSold"]).optional(), {
            policy: "stopThenUpdate",
            description: "Use guaranteed quota only, only idle quota, or accept idle quota.",
        }),
        imageId: input(
            z
                .string()
                .regex(/^image-[a-z0-9]+$/, 'imageId must look like "image-xxxx"')
                .optional(),
            {
                policy: "stopThenUpdate",
                description: "Image id (`image-…`); exclusive with `imageUrl`.",
            },
        ),
        imageUrl: input(
            z
                .string()
                .regex(/^[a-z0-9.-]+(:\d+)?\/\S+$/, "imageUrl must be a registry address such as registry.cn-hangzhou.aliyuncs.com/ns/repo:tag")
                .optional(),
            { policy: "stopThenUpdate", description: 'Image address, e.g. "registry.cn-hangzhou.aliyuncs.com/pai-dlc/pytorch:2.1-gpu".' },
        ),
        imageAuth: input(
            z
                .string()
                .refine(
                    (s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, "base64").toString("utf8").includes(":"),
                    "imageAuth must be base64 of user:password",
                )
                .optional(),
            { policy: "stopThenUpdate", secret: true, description: "base64 of `user:password` for a private registry. Stored as a secret." },
        ),
        datasets: input(z.array(DatasetInput).optional(), {
            policy: "stopThenUpdate",
            description: "Datasets and storage directories mounted into the notebook.",
        }),
        dynamicMount: input(
            field(
                z.strictObject({
                    enable: z.boolean().optional(),
                    mountPoints: z.array(z.strictObject({ rootPath: absolutePath("rootPath"), options: z.string().optional() })).optional(),
                }),
                { typeName: "DynamicMountArgs", description: "Roots under which dynamic datasets are mounted." },
            ).optional(),
            { policy: "stopThenUpdate" },
        ),
        cloudDisks: input(z.array(CloudDiskInput).optional(), { policy: "stopThenUpdate", description: "Cloud disks; only capacity and subType can change." }),
        workspaceSource: input(z.string().optional(), {
            policy: "stopThenUpdate",
            description: 'What backs /mnt/workspace: "rootfsCloudDisk", a dataset mount path or a dataset id.',
        }),
        userVpc: input(UserVpcInput.optional(), { policy: "stopThenUpdate", description: "Your VPC, attached through an ENI." }),
        accessibility: input(z.enum(["PRIVATE", "PUBLIC"]).optional(), { policy: "update", description: '"PRIVATE" (default) or "PUBLIC" in the workspace.' }),
        environmentVariables: input(
            z.record(z.string().regex(envName, "environment variable names must match [A-Za-z_][A-Za-z0-9_]*"), z.string()).optional(),
            { policy: "stopThenUpdate", secret: true, description: "Injected into the container. Stored as a secret (they often carry tokens)." },
        ),
        labels: input(z.record(LabelKey, LabelValue).optional(), {
            policy: "update",
            sentBy: "UpdateInstanceLabels / DeleteInstanceLabels",
            description: "Custom labels (key 1-128, value 0-128 characters). The provider adds `pulumi-notebooks-owner` itself.",
        }),
        tags: input(z.record(LabelKey, LabelValue).optional(), {
            policy: "replace",
            wireName: "Tag",
            sentBy: "CreateInstance (Tag)",
            description: "Resource tags. Changing them replaces the instance (the API cannot update tags).",
        }),
        userId: input(z.string().regex(/^\d+$/, "userId must be a numeric Alibaba Cloud user id").optional(), {
            policy: "update",
            description: "Owner's Alibaba Cloud user id, to create on behalf of another user.",
        }),
        driver: input(
            z
                .string()
                .regex(/^\d+\.\d+(\.\d+)?$/, 'driver must be an NVIDIA driver version such as "535.54.03"')
                .optional(),
            {
                policy: "stopThenUpdate",
                description: 'NVIDIA driver version for GPU instances, e.g. "535.54.03".',
            },
        ),
        affinity: input(
            field(z.strictObject({ cpu: field(z.strictObject({ enable: z.boolean() }), { wireName: "CPU" }).optional() }), {
                typeName: "AffinityArgs",
            }).optional(),
            { policy: "stopThenUpdate", description: "CPU pinning (subscription instances)." },
        ),
        credentialConfig: input(CredentialConfigInput.optional(), {
            policy: "stopThenUpdate",
            secret: true,
            description: "RAM roles whose credentials are injected into the container. Stored as a secret.",
        }),
        userCommand: input(
            field(
                z.strictObject({
                    onStart: z.strictObject({ content: z.string().max(16384, "userCommand.onStart.content must be at most 16 KiB") }).optional(),
                }),
                { typeName: "UserCommandArgs" },
            ).optional(),
            { policy: "stopThenUpdate", description: "Script run at every start." },
        ),
        spotSpec: input(
            field(
                z.strictObject({
                    spotStrategy: z.string().optional(),
                    spotPriceLimit: z.string().optional(),
                    spotDiscountLimit: z.string().optional(),
                    spotDuration: z.string().optional(),
                }),
                { typeName: "SpotSpecArgs" },
            ).optional(),
            { policy: "stopThenUpdate", description: "Preemptible (spot) instance settings." },
        ),
        assignNodeSpec: input(
            field(
                z.strictObject({
                    nodeNames: z.string().min(1).optional().describe('Node to schedule the notebook on, e.g. "node-a".'),
                    antiAffinityNodeNames: z.string().min(1).optional().describe('Node to keep the notebook off, e.g. "node-b".'),
                }),
                { typeName: "AssignNodeSpecArgs" },
            ).optional(),
            { policy: "stopThenUpdate", description: "Node pinning on a dedicated quota (CreateInstanceRequestAssignNodeSpec; semantics unconfirmed)." },
        ),
        status: input(z.enum(["Running", "Stopped"]).optional(), {
            policy: "update",
            sentBy: "StartInstance / StopInstance",
            description: 'Desired run state: "Running" (default) or "Stopped".',
        }),
        shutdownTimer: input(ShutdownTimerInput.optional(), { policy: "update", sentBy: "CreateInstanceShutdownTimer" }),
        idleCuller: input(IdleCullerInput.optional(), { policy: "update", sentBy: "CreateIdleInstanceCuller" }),
        timeouts: input(Timeouts.optional(), { policy: "ignore" }),
        failedPolicy: input(FailedPolicy.optional(), { policy: "ignore" }),
        adopt: input(AdoptInput.optional(), { policy: "ignore" }),
        credentialsProfile: input(credentialsProfileName(), {
            policy: "ignore",
            description:
                "Credentials profile for this instance: a profile of ~/.aliyun/config.json, else a section of ~/.alibabacloud/credentials; " +
                "ahead of the stack's keys, so one stack can span accounts. Changing it does not move the instance: the new profile must see it.",
        }),
    })
    .superRefine((v, ctx) => {
        const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
        if (!!v.ecsSpec === !!v.resourceId) {
            issue(v.ecsSpec ? "resourceId" : "ecsSpec", "exactly one of ecsSpec (pay-as-you-go) or resourceId (subscription) is required");
        }
        if (v.resourceId && !v.requestedResource) {
            issue("requestedResource", "requestedResource is required with resourceId");
        }
        if (v.ecsSpec && v.requestedResource) {
            issue("requestedResource", "requestedResource applies to subscription instances (resourceId) only");
        }
        if (!!v.imageId === !!v.imageUrl) {
            // With neither, name imageUrl: most programs give an image address, not a DSW image id.
            issue("imageUrl", v.imageId ? "give imageId or imageUrl, not both" : "an image is required: set imageUrl (a registry address) or imageId");
        }
        if (v.affinity?.cpu?.enable && !v.resourceId) {
            issue("affinity", "CPU affinity is available for subscription (resourceId) instances only");
        }
        const gpu = isGpu(v);
        if (v.idleCuller?.gpuPercentThreshold !== undefined && !gpu) {
            issue("idleCuller", "gpuPercentThreshold applies to GPU instances only");
        }
        if (v.driver && !gpu) {
            issue("driver", "driver applies to GPU instances only");
        }
        const paths = (v.datasets ?? []).map((d) => d.mountPath).filter((p): p is string => !!p);
        const dup = paths.find((p, i) => paths.indexOf(p) !== i);
        if (dup) {
            issue("datasets", `two datasets use mountPath ${dup}`);
        }
        const ds = v.datasets ?? [];
        const firstDynamic = ds.findIndex((d) => d.dynamic);
        if (firstDynamic >= 0) {
            if (ds.slice(firstDynamic).some((d) => !d.dynamic)) {
                issue("datasets", "dynamic datasets must come after static ones");
            }
            if (!v.dynamicMount?.enable) {
                issue("dynamicMount", "dynamic datasets need dynamicMount.enable = true");
            }
        }
        if ((v.cloudDisks ?? []).filter((d) => d.subType === "rootfs").length > 1) {
            issue("cloudDisks", "at most one cloud disk can have subType rootfs");
        }
        if (Object.keys(v.labels ?? {}).length > 20) {
            issue("labels", "at most 20 labels");
        }
        if (Object.keys(v.tags ?? {}).length > 20) {
            issue("tags", "at most 20 tags");
        }
    });

export type DswInstanceInputs = z.infer<typeof DswInstanceInputs>;

const GPU_FAMILY = /^ecs\.(gn|vgn|ebmgn|sgn)/;

export function isGpu(v: { ecsSpec?: string; requestedResource?: { gpu?: string } }): boolean {
    return (v.ecsSpec !== undefined && GPU_FAMILY.test(v.ecsSpec)) || Number(v.requestedResource?.gpu ?? 0) > 0;
}
