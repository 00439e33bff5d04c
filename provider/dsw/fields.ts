/**
 * Which DSW response carries each field the provider reads, and where that is written down.
 *
 * Sources: the official response models of the 2022-01-01 SDKs (aliyun/alibabacloud-python-sdk
 * `pai-dsw-20220101/alibabacloud_pai_dsw20220101/models/_get_instance_response_body.py`,
 * `GetInstanceResponseBody`, and `ListInstancesResponseBodyInstances` in the same package), the seed
 * (ListInstances, docs/dsw-api.md §5.3, §10) and docs/dsw-api.md §3–§5.
 *
 * A read is served by GetInstance or by a ListInstances item (readCache.ts batches refreshes), so:
 * - an input is compared for drift only when **both** carry it (`driftable`); one that only one of
 *   them returns, or neither, is write-only and never drifts (`SpotSpec`, `OversoldType`);
 * - an output that only GetInstance carries keeps its previous value when a listing served the read.
 *
 * tests/unit/field-table.spec.ts holds this table, the wire schema (wire.ts) and the emulator's
 * answers to each other.
 */

export type DswReadOp = "GetInstance" | "ListInstances";

export interface DswField {
    /** Operations whose response carries the field. */
    in: readonly DswReadOp[];
    source: string;
}

const GET = "GetInstanceResponseBody";
const LIST = "ListInstancesResponseBodyInstances";
const both = (extra = ""): DswField => ({ in: ["GetInstance", "ListInstances"], source: `${GET}, ${LIST}${extra}` });

export const DSW_FIELDS = {
    InstanceId: both(),
    InstanceName: both(),
    WorkspaceId: both(),
    WorkspaceName: both(),
    Status: both("; statuses: dsw.md §6"),
    ReasonCode: both(),
    ReasonMessage: both(),
    EcsSpec: both(),
    ResourceId: both(),
    ResourceName: both(),
    PaymentType: both(),
    AcceleratorType: both(),
    Priority: both(),
    ImageId: both(),
    ImageName: both(),
    ImageUrl: both(),
    ImageAuth: both(" (masked: password hidden)"),
    RequestedResource: both(),
    Datasets: both(),
    DynamicMount: both(),
    CloudDisks: both(),
    WorkspaceSource: both(),
    UserVpc: both(),
    Accessibility: both(),
    EnvironmentVariables: both(),
    Labels: both(),
    Tags: both(),
    UserId: both(),
    UserName: both(),
    Driver: both(),
    Affinity: both(),
    CredentialConfig: both(),
    InstanceUrl: both(),
    JupyterlabUrl: both(),
    WebIDEUrl: both(),
    TerminalUrl: both(),
    AccumulatedRunningTimeInMs: both(),
    GmtCreateTime: both(),
    GmtModifiedTime: both(),
    InstanceShutdownTimer: both(),
    IdleInstanceCuller: both(),
    LatestSnapshot: both(),
    InstanceSnapshotList: both(),
    UserCommandId: { in: ["GetInstance"], source: `${GET} only (absent from ${LIST})` },
    OversoldType: { in: ["ListInstances"], source: `${LIST} only (absent from ${GET}); also a ListInstances filter` },
} as const satisfies Record<string, DswField>;

export type DswWireField = keyof typeof DSW_FIELDS;

/** Request fields no response returns: sent on create/update, never read back. */
export const DSW_WRITE_ONLY = {
    SpotSpec: "CreateInstance/UpdateInstance request only; in neither GetInstanceResponseBody nor ListInstancesResponseBodyInstances",
    OversoldType: "returned by ListInstances items only, so a read served by GetInstance cannot see it",
    UserCommand: "request only; responses carry UserCommandId (GetInstance)",
    AssignNodeSpec: "CreateInstanceRequest/UpdateInstanceRequest only; in neither response model",
} as const;

/** Whether a read served by `op` carries `field`. */
export function carries(op: DswReadOp, field: DswWireField): boolean {
    return (DSW_FIELDS[field].in as readonly DswReadOp[]).includes(op);
}

/** A field both read paths return: the only kind drift may be computed from. */
export function driftable(field: DswWireField): boolean {
    return carries("GetInstance", field) && carries("ListInstances", field);
}
