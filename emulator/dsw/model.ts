/**
 * DSW instance records and their wire form (GetInstance / ListInstances items), following
 * docs/dsw-api.md §5.2 and the ListInstances page's response table (§5.3, §10); the fields per operation are those of the
 * official response models (./responseFields.ts).
 */
import { ECS_SPECS, EcsSpecInfo } from "./catalog";
import { GET_INSTANCE_FIELDS, LIST_INSTANCE_FIELDS, pick } from "./responseFields";

export const DSW_STATUSES = [
    "Creating",
    "Queuing",
    "ResourceAllocating",
    "EnvPreparing",
    "Starting",
    "Running",
    "Updating",
    "Saving",
    "Saved",
    "SaveFailed",
    "Stopping",
    "Stopped",
    "Failed",
    "Recovering",
    "Deleting",
] as const;
export type DswStatus = (typeof DSW_STATUSES)[number];

/** Statuses an instance passes through on its way somewhere else. */
export const DSW_TRANSITIONAL: ReadonlySet<string> = new Set([
    "Creating",
    "Queuing",
    "ResourceAllocating",
    "EnvPreparing",
    "Starting",
    "Updating",
    "Saving",
    "Stopping",
    "Recovering",
]);
/**
 * Statuses in which the instance holds no compute and may be started or fully updated (Failed
 * included). Not the provider's STOPPED_LIKE (provider/dsw/statuses.ts), which is the "Stopped" of
 * desired state and so leaves Failed out: two different questions, two names.
 */
export const DSW_HOLDS_NO_COMPUTE: ReadonlySet<string> = new Set(["Stopped", "Failed", "Saved", "SaveFailed"]);

export interface DswPlanStep {
    status: DswStatus | "__deleted";
    at: number;
    reasonCode?: string;
    reasonMessage?: string;
}

/** Fields the service echoes as sent beside the ones modelled here (validate.ts checks them). */
type AsSent = { [field: string]: unknown };

export interface DswRequestedResource extends AsSent {
    CPU?: string;
    Memory?: string;
    SharedMemory?: string;
    GPU?: string;
    GPUType?: string;
}

export interface DswDataset extends AsSent {
    DatasetId?: string;
    Uri?: string;
    DatasetVersion?: string;
    MountPath?: string;
    MountAccess?: string;
    Options?: string;
    OptionType?: string;
    Dynamic?: boolean;
}

export interface DswCloudDisk extends AsSent {
    Capacity?: string;
    MountPath?: string;
    Path?: string;
    SubType?: string;
}

export interface DswUserVpc extends AsSent {
    VpcId?: string;
    VSwitchId?: string;
    SecurityGroupId?: string;
    DefaultRoute?: string;
    ExtendedCIDRs?: string[];
    ForwardInfos?: AsSent[];
}

export interface DswUserCommand extends AsSent {
    OnStart?: { Content?: string };
}

export interface DswAssignNodeSpec extends AsSent {
    NodeNames?: string;
    AntiAffinityNodeNames?: string;
}

/**
 * An instance's configuration: the CreateInstance / UpdateInstance fields it keeps, in wire names
 * (docs/dsw-api.md §5.1, §5.4). Labels, tags, the workspace and the owner are the record's own fields.
 */
export interface DswInstanceConfig {
    InstanceName: string;
    EcsSpec?: string;
    ResourceId?: string;
    RequestedResource?: DswRequestedResource;
    ImageId?: string;
    ImageUrl?: string;
    ImageAuth?: string;
    Datasets?: DswDataset[];
    CloudDisks?: DswCloudDisk[];
    UserVpc?: DswUserVpc;
    EnvironmentVariables?: Record<string, string>;
    Accessibility?: string;
    OversoldType?: string;
    Priority?: number;
    WorkspaceSource?: string;
    Driver?: string;
    DynamicMount?: AsSent;
    Affinity?: AsSent;
    CredentialConfig?: AsSent;
    UserCommand?: DswUserCommand;
    SpotSpec?: AsSent;
    AssignNodeSpec?: DswAssignNodeSpec;
}

/** The fields an UpdateInstance may change (all but the name are optional there too). */
export type DswConfigChanges = Partial<DswInstanceConfig>;

export interface DswInstanceRecord {
    instanceId: string;
    /** Access key id of the tenant that owns it (tenant isolation key). */
    tenantKey: string;
    userId: string;
    userName: string;
    workspaceId: string;
    workspaceName: string;
    config: DswInstanceConfig;
    labels: Array<{ Key: string; Value: string }>;
    tags: Array<{ Key: string; Value: string }>;
    status: DswStatus;
    reasonCode: string;
    reasonMessage: string;
    /** Future status changes, oldest first. */
    plan: DswPlanStep[];
    gmtCreate: number;
    gmtModified: number;
    accumulatedRunningMs: number;
    runningSince?: number;
    timer?: { dueTime: number; gmtCreate: number; gmtModified: number };
    culler?: { cpuPercentThreshold: number; gpuPercentThreshold?: number; maxIdleTimeInMinutes: number };
    /** Set by the admin API: since when the instance's utilisation is below every threshold. */
    idleSince?: number;
    /**
     * The culler's IdleTimeInMinutes as it was when the instance last stopped. Assumed
     * (unconfirmed): DSW keeps reporting the idle time reached, so a stop by the culler reads
     * IdleTimeInMinutes >= MaxIdleTimeInMinutes while any other stop reads less. This is how the
     * provider recognises a culler stop (provider/dsw/schedules.ts).
     */
    idleMinutesAtStop?: number;
    userCommandId?: string;
    /** Numeric suffix used in generated URLs (`dsw-<n>`). */
    urlNumber: number;
}

// The ECS specs are the region catalog's (catalog.ts): ListEcsSpecs lists them, CreateInstance accepts only them.
export { ECS_SPECS, type EcsSpecInfo } from "./catalog";

/** CPU/GPU/memory of an instance, from its ECS spec or its requested quota resources. */
export function resourcesOf(rec: DswInstanceRecord): EcsSpecInfo {
    const spec = rec.config.EcsSpec !== undefined ? ECS_SPECS[rec.config.EcsSpec] : undefined;
    if (spec) {
        return spec;
    }
    const rr = rec.config.RequestedResource ?? {};
    const num = (v: unknown) => {
        const n = parseFloat(String(v ?? "0"));
        return Number.isFinite(n) ? n : 0;
    };
    return {
        cpu: num(rr.CPU),
        memoryGB: num(rr.Memory),
        gpu: num(rr.GPU),
        gpuType: typeof rr.GPUType === "string" ? rr.GPUType : "",
        gpuMemoryGB: 0,
    };
}

function iso(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Base64 `user:password` with the password part replaced by `******` (GetInstance masks it). */
export function maskImageAuth(value: unknown): string | undefined {
    if (typeof value !== "string" || value === "") {
        return undefined;
    }
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    const user = i < 0 ? decoded : decoded.slice(0, i);
    return Buffer.from(`${user}:******`, "utf8").toString("base64");
}

/** Strips secrets the service never echoes (STS tokens inside CredentialConfig). */
function maskCredentialConfig(value: unknown): unknown {
    if (!value || typeof value !== "object") {
        return value;
    }
    const copy = JSON.parse(JSON.stringify(value)) as { Configs?: Array<{ Roles?: Array<{ UserInfo?: Record<string, unknown> }> }> };
    for (const c of copy.Configs ?? []) {
        for (const r of c.Roles ?? []) {
            if (r.UserInfo && typeof r.UserInfo.SecurityToken === "string") {
                r.UserInfo.SecurityToken = "********";
            }
        }
    }
    return copy;
}

export interface WireContext {
    now: number;
    region: string;
    /** Emulated length of one second (for IdleTimeInMinutes). */
    secondMs: number;
    /** ListInstances omits a few GetInstance-only fields. */
    forList: boolean;
}

export function toWire(rec: DswInstanceRecord, ctx: WireContext): Record<string, unknown> {
    const c = rec.config;
    const res = resourcesOf(rec);
    const gw = `https://dsw-gateway-${ctx.region}.emulator.local/dsw-${rec.urlNumber}`;
    const running = rec.status === "Running";
    const accumulated = rec.accumulatedRunningMs + (rec.runningSince !== undefined ? ctx.now - rec.runningSince : 0);
    const out: Record<string, unknown> = {
        InstanceId: rec.instanceId,
        InstanceName: c.InstanceName,
        WorkspaceId: rec.workspaceId,
        WorkspaceName: rec.workspaceName,
        Status: rec.status,
        ReasonCode: rec.reasonCode,
        ReasonMessage: rec.reasonMessage,
        EcsSpec: c.EcsSpec ?? "",
        ResourceId: c.ResourceId ?? "",
        ResourceName: c.EcsSpec ? c.EcsSpec : `${res.cpu}C${res.memoryGB}G`,
        PaymentType: c.EcsSpec ? "PayAsYouGo" : "Subscription",
        AcceleratorType: res.gpu > 0 ? "GPU" : "CPU",
        Priority: c.Priority ?? 1,
        ImageId: c.ImageId ?? "",
        ImageName: imageName(c),
        ImageUrl: c.ImageUrl ?? "",
        Datasets: c.Datasets ?? [],
        CloudDisks: c.CloudDisks ?? [],
        WorkspaceSource: c.WorkspaceSource ?? "",
        Accessibility: c.Accessibility ?? "PRIVATE",
        EnvironmentVariables: c.EnvironmentVariables ?? {},
        Labels: rec.labels,
        Tags: rec.tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })),
        UserId: rec.userId,
        UserName: rec.userName,
        Driver: c.Driver ?? "",
        InstanceUrl: `https://dsw-${ctx.region}.emulator.local/notebook.htm?instance=${rec.urlNumber}#/`,
        JupyterlabUrl: running ? `${gw}/lab/` : "",
        WebIDEUrl: running ? `${gw}/ide/` : "",
        TerminalUrl: running ? `${gw}/tty/` : "",
        AccumulatedRunningTimeInMs: accumulated,
        GmtCreateTime: iso(rec.gmtCreate),
        GmtModifiedTime: iso(rec.gmtModified),
        InstanceSnapshotList: [],
        OversoldType: c.OversoldType ?? "",
        ServiceConfig: { JupyterServerPassword: "", JupyterServerAuth: "", CodeServerPassword: "", CodeServerAuth: "" },
    };
    const optional: Array<[string, unknown]> = [
        ["RequestedResource", c.RequestedResource],
        ["DynamicMount", c.DynamicMount],
        ["Affinity", c.Affinity],
        ["CredentialConfig", maskCredentialConfig(c.CredentialConfig)],
        ["SpotSpec", c.SpotSpec],
        ["ImageAuth", maskImageAuth(c.ImageAuth)],
    ];
    for (const [k, v] of optional) {
        if (v !== undefined) {
            out[k] = v;
        }
    }
    if (c.UserVpc !== undefined) {
        out.UserVpc = { ForwardInfos: [], ExtendedCIDRs: [], ...c.UserVpc, Ip: running ? "172.16.0.10" : "" };
    }
    if (rec.timer) {
        out.InstanceShutdownTimer = timerWire(rec, ctx.now);
    }
    if (rec.culler) {
        out.IdleInstanceCuller = cullerWire(rec, ctx);
    }
    if (!ctx.forList) {
        out.UserCommandId = rec.userCommandId ?? "";
        out.MigrationOptions = {};
        out.ProxyPath = `dsw-${rec.urlNumber}/proxy/`;
        out.PodIps = running ? [{ InterfaceName: "eth0", Ip: "172.16.0.10", Type: "primary" }] : [];
        out.NodeErrorRecovery = { hasNodeError: false, enableAutoSwitchOnNodeError: false, autoSwitchCountdownSeconds: 0 };
        out.Datasets = (c.Datasets ?? []).map((d) => ({
            ...d,
            ActualMountAccess: d.MountAccess ?? "RW",
        }));
    } else {
        out.OversoldInfo = c.OversoldType === "ForceQuotaOverSold" ? "ForceQuotaOverSold" : "";
    }
    return pick(out, ctx.forList ? LIST_INSTANCE_FIELDS : GET_INSTANCE_FIELDS);
}

export function timerWire(rec: DswInstanceRecord, now: number): Record<string, unknown> | undefined {
    if (!rec.timer) {
        return undefined;
    }
    return {
        InstanceId: rec.instanceId,
        DueTime: iso(rec.timer.dueTime),
        RemainingTimeInMs: Math.max(0, rec.timer.dueTime - now),
        GmtCreateTime: iso(rec.timer.gmtCreate),
        GmtModifiedTime: iso(rec.timer.gmtModified),
    };
}

export function cullerWire(rec: DswInstanceRecord, ctx: { now: number; secondMs: number }): Record<string, unknown> | undefined {
    if (!rec.culler) {
        return undefined;
    }
    const idleMinutes =
        rec.status === "Running"
            ? rec.idleSince !== undefined
                ? Math.floor((ctx.now - rec.idleSince) / (60 * ctx.secondMs))
                : 0
            : (rec.idleMinutesAtStop ?? 0);
    const out: Record<string, unknown> = {
        InstanceId: rec.instanceId,
        CpuPercentThreshold: rec.culler.cpuPercentThreshold,
        MaxIdleTimeInMinutes: rec.culler.maxIdleTimeInMinutes,
        IdleTimeInMinutes: idleMinutes,
    };
    if (rec.culler.gpuPercentThreshold !== undefined) {
        out.GpuPercentThreshold = rec.culler.gpuPercentThreshold;
    }
    return out;
}

function imageName(c: DswInstanceConfig): string {
    if (c.ImageUrl) {
        const last = c.ImageUrl.split("/").pop() ?? "";
        const i = last.indexOf(":");
        return i < 0 ? last : last.slice(i + 1);
    }
    return c.ImageId ?? "";
}
