/**
 * The top-level fields each DSW read operation answers with, as the official response models list
 * them (aliyun/alibabacloud-python-sdk, pai-dsw-20220101: `GetInstanceResponseBody` and
 * `ListInstancesResponseBodyInstances`). The emulator answers with these and nothing more, so a
 * client that relies on a field an operation does not return fails here as it would on the cloud.
 * Kept apart from provider/dsw/fields.ts on purpose: tests/unit/field-table.spec.ts compares both.
 */
const COMMON = [
    "AcceleratorType",
    "Accessibility",
    "AccumulatedRunningTimeInMs",
    "Affinity",
    "CloudDisks",
    "CredentialConfig",
    "Datasets",
    "Driver",
    "DynamicMount",
    "EcsSpec",
    "EnvironmentVariables",
    "GmtCreateTime",
    "GmtModifiedTime",
    "IdleInstanceCuller",
    "ImageAuth",
    "ImageId",
    "ImageName",
    "ImageUrl",
    "InstanceId",
    "InstanceName",
    "InstanceShutdownTimer",
    "InstanceSnapshotList",
    "InstanceUrl",
    "JupyterlabUrl",
    "Labels",
    "LatestSnapshot",
    "PaymentType",
    "Priority",
    "ReasonCode",
    "ReasonMessage",
    "RequestedResource",
    "ResourceId",
    "ResourceName",
    "ServiceConfig",
    "Status",
    "Tags",
    "TerminalUrl",
    "UserId",
    "UserName",
    "UserVpc",
    "WebIDEUrl",
    "WorkspaceId",
    "WorkspaceName",
    "WorkspaceSource",
] as const;

/** GetInstance: the instance fields (the envelope's RequestId/Success/Code/... are added by the route). */
export const GET_INSTANCE_FIELDS: ReadonlySet<string> = new Set([...COMMON, "MigrationOptions", "NodeErrorRecovery", "PodIps", "ProxyPath", "UserCommandId"]);

/** One item of ListInstances' `Instances`. */
export const LIST_INSTANCE_FIELDS: ReadonlySet<string> = new Set([...COMMON, "OversoldInfo", "OversoldType"]);

export function pick(out: Record<string, unknown>, fields: ReadonlySet<string>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(out).filter(([k]) => fields.has(k)));
}
