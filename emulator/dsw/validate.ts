/**
 * Server-side validation of CreateInstance / UpdateInstance bodies, as the emulator checklist in
 * docs/dsw-api.md §7 lists it. Every failure is a 400 `ValidationError` naming the field.
 */
import { dswValidation } from "./envelope";
import { ECS_CATALOG } from "./catalog";
import { DswCloudDisk, DswConfigChanges, DswDataset, DswInstanceConfig, DswRequestedResource, DswUserVpc } from "./model";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function str(body: Obj, field: string, path = field): string | undefined {
    const v = body[field];
    if (v === undefined) {
        return undefined;
    }
    if (typeof v !== "string") {
        throw dswValidation(`${path} must be a string.`);
    }
    return v;
}

function bool(body: Obj, field: string, path = field): boolean | undefined {
    const v = body[field];
    if (v === undefined) {
        return undefined;
    }
    if (typeof v !== "boolean") {
        throw dswValidation(`${path} must be a boolean.`);
    }
    return v;
}

function oneOf(body: Obj, field: string, allowed: readonly string[], path = field): string | undefined {
    const v = str(body, field, path);
    if (v !== undefined && !allowed.includes(v)) {
        throw dswValidation(`${path} must be one of ${allowed.join(", ")}; got "${v}".`);
    }
    return v;
}

function objArray(body: Obj, field: string): Obj[] | undefined {
    const v = body[field];
    if (v === undefined) {
        return undefined;
    }
    if (!Array.isArray(v) || !v.every(isObj)) {
        throw dswValidation(`${field} must be an array of objects.`);
    }
    return v as Obj[];
}

function obj(body: Obj, field: string, path = field): Obj | undefined {
    const v = body[field];
    if (v === undefined) {
        return undefined;
    }
    if (!isObj(v)) {
        throw dswValidation(`${path} must be an object.`);
    }
    return v;
}

export const INSTANCE_NAME = /^[A-Za-z0-9_]{1,27}$/;
const CAPACITY = /^\d+(Gi|G|GB)?$/;

export function validateLabels(labels: Obj[] | undefined, field: string): Array<{ Key: string; Value: string }> {
    return (labels ?? []).map((l, i) => {
        const key = str(l, "Key", `${field}[${i}].Key`);
        const value = str(l, "Value", `${field}[${i}].Value`) ?? "";
        if (!key || key.length > 128) {
            throw dswValidation(`${field}[${i}].Key must be 1-128 characters.`);
        }
        if (value.length > 128) {
            throw dswValidation(`${field}[${i}].Value must be at most 128 characters.`);
        }
        if (/^(aliyun|acs:)/i.test(key) || /https?:\/\//i.test(key) || /https?:\/\//i.test(value)) {
            throw dswValidation(`${field}[${i}] must not start with aliyun/acs: or contain http:// or https://.`);
        }
        return { Key: key, Value: value };
    });
}

function validateDatasets(datasets: Obj[] | undefined): DswDataset[] | undefined {
    return datasets?.map((d, i) => {
        const p = `Datasets[${i}]`;
        const id = str(d, "DatasetId", `${p}.DatasetId`);
        const uri = str(d, "Uri", `${p}.Uri`);
        if (id && uri) {
            throw dswValidation(`${p}: DatasetId and Uri are mutually exclusive.`);
        }
        if (!id && !uri) {
            throw dswValidation(`${p}: one of DatasetId or Uri is required.`);
        }
        if (uri && !/^(oss|nas|cpfs|bmcpfs):\/\//.test(uri)) {
            throw dswValidation(`${p}.Uri must start with oss://, nas://, cpfs:// or bmcpfs://.`);
        }
        const version = str(d, "DatasetVersion", `${p}.DatasetVersion`);
        if (version && !id) {
            throw dswValidation(`${p}.DatasetVersion requires DatasetId.`);
        }
        const mount = str(d, "MountPath", `${p}.MountPath`);
        if (mount !== undefined && !mount.startsWith("/")) {
            throw dswValidation(`${p}.MountPath must be an absolute path.`);
        }
        const mountAccess = oneOf(d, "MountAccess", ["RW", "RO"], `${p}.MountAccess`);
        const options = str(d, "Options", `${p}.Options`);
        const optionType = oneOf(d, "OptionType", ["FastReadWrite", "IncrementalReadWrite", "ConsistentReadWrite", "ReadOnly"], `${p}.OptionType`);
        if (options && optionType) {
            throw dswValidation(`${p}: Options and OptionType are mutually exclusive.`);
        }
        const dynamic = bool(d, "Dynamic", `${p}.Dynamic`);
        return {
            ...d,
            DatasetId: id,
            Uri: uri,
            DatasetVersion: version,
            MountPath: mount,
            MountAccess: mountAccess,
            Options: options,
            OptionType: optionType,
            Dynamic: dynamic,
        };
    });
}

function validateCloudDisks(disks: Obj[] | undefined): DswCloudDisk[] | undefined {
    return disks?.map((d, i) => {
        const cap = str(d, "Capacity", `CloudDisks[${i}].Capacity`);
        if (cap !== undefined && !CAPACITY.test(cap)) {
            throw dswValidation(`CloudDisks[${i}].Capacity must look like "100Gi".`);
        }
        return {
            ...d,
            Capacity: cap,
            MountPath: str(d, "MountPath", `CloudDisks[${i}].MountPath`),
            Path: str(d, "Path", `CloudDisks[${i}].Path`),
            SubType: oneOf(d, "SubType", ["rootfs", "datadisk"], `CloudDisks[${i}].SubType`),
        };
    });
}

function validateVpc(vpc: Obj | undefined): DswUserVpc | undefined {
    if (!vpc) {
        return undefined;
    }
    const vpcId = str(vpc, "VpcId", "UserVpc.VpcId");
    const vSwitchId = str(vpc, "VSwitchId", "UserVpc.VSwitchId");
    const securityGroupId = str(vpc, "SecurityGroupId", "UserVpc.SecurityGroupId");
    const defaultRoute = oneOf(vpc, "DefaultRoute", ["eth0", "eth1"], "UserVpc.DefaultRoute");
    const cidrs = vpc.ExtendedCIDRs;
    if (cidrs !== undefined && (!Array.isArray(cidrs) || !cidrs.every((c) => typeof c === "string"))) {
        throw dswValidation("UserVpc.ExtendedCIDRs must be an array of strings.");
    }
    const fwd = vpc.ForwardInfos;
    if (fwd !== undefined && (!Array.isArray(fwd) || !fwd.every(isObj))) {
        throw dswValidation("UserVpc.ForwardInfos must be an array of objects.");
    }
    return {
        ...vpc,
        VpcId: vpcId,
        VSwitchId: vSwitchId,
        SecurityGroupId: securityGroupId,
        DefaultRoute: defaultRoute,
        ExtendedCIDRs: cidrs,
        ForwardInfos: fwd,
    };
}

function validateRequestedResource(rr: Obj | undefined): DswRequestedResource | undefined {
    if (!rr) {
        return undefined;
    }
    const field = (f: string) => str(rr, f, `RequestedResource.${f}`);
    return { ...rr, CPU: field("CPU"), Memory: field("Memory"), SharedMemory: field("SharedMemory"), GPU: field("GPU"), GPUType: field("GPUType") };
}

function validateEnv(body: Obj): Record<string, string> | undefined {
    const env = obj(body, "EnvironmentVariables");
    if (!env) return undefined;
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) {
        if (typeof v !== "string") throw dswValidation("EnvironmentVariables must map strings to strings.");
        strings[k] = v;
    }
    return strings;
}

/** The fields of `changes` that were given, so a merge into a record leaves the others alone. */
function given(changes: DswConfigChanges): DswConfigChanges {
    return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}

/** Fields both create and update accept, checked the same way; the given ones, typed. */
function validateCommon(body: Obj): DswConfigChanges {
    const spec = str(body, "EcsSpec");
    if (spec !== undefined && !ECS_CATALOG[spec]) {
        throw dswValidation(`EcsSpec "${spec}" is not a supported instance type.`);
    }
    // Unconfirmed wording: the type is listed (ListEcsSpecs) but IsAvailable is false.
    if (spec !== undefined && !ECS_CATALOG[spec].isAvailable) {
        throw dswValidation(`EcsSpec "${spec}" is out of stock in this region.`);
    }
    const imageId = str(body, "ImageId");
    const imageUrl = str(body, "ImageUrl");
    const auth = str(body, "ImageAuth");
    if (auth !== undefined && !/^[A-Za-z0-9+/]+={0,2}$/.test(auth)) {
        throw dswValidation("ImageAuth must be base64 of user:password.");
    }
    const datasets = validateDatasets(objArray(body, "Datasets"));
    const cloudDisks = validateCloudDisks(objArray(body, "CloudDisks"));
    const userVpc = validateVpc(obj(body, "UserVpc"));
    const requestedResource = validateRequestedResource(obj(body, "RequestedResource"));
    const env = validateEnv(body);
    const accessibility = oneOf(body, "Accessibility", ["PRIVATE", "PUBLIC"]);
    const oversold = oneOf(body, "OversoldType", ["ForbiddenQuotaOverSold", "ForceQuotaOverSold", "AcceptQuotaOverSold"]);
    const priority = body.Priority;
    if (priority !== undefined && (typeof priority !== "number" || !Number.isInteger(priority) || priority < 1 || priority > 9)) {
        throw dswValidation("Priority must be an integer from 1 to 9.");
    }
    const workspaceSource = str(body, "WorkspaceSource");
    const driver = str(body, "Driver");
    const [dynamicMount, affinity, credentialConfig, , spotSpec] = ["DynamicMount", "Affinity", "CredentialConfig", "UserCommand", "SpotSpec"].map((f) =>
        obj(body, f),
    );
    const assign = obj(body, "AssignNodeSpec");
    const assignNodeSpec = assign && {
        ...assign,
        NodeNames: str(assign, "NodeNames", "AssignNodeSpec.NodeNames"),
        AntiAffinityNodeNames: str(assign, "AntiAffinityNodeNames", "AssignNodeSpec.AntiAffinityNodeNames"),
    };
    const uc = obj(body, "UserCommand");
    const onStart = uc ? obj(uc, "OnStart", "UserCommand.OnStart") : undefined;
    const userCommand = uc && { ...uc, OnStart: onStart && { ...onStart, Content: str(onStart, "Content", "UserCommand.OnStart.Content") } };
    return given({
        InstanceName: str(body, "InstanceName"),
        EcsSpec: spec,
        ResourceId: str(body, "ResourceId"),
        RequestedResource: requestedResource,
        ImageId: imageId,
        ImageUrl: imageUrl,
        ImageAuth: auth,
        Datasets: datasets,
        CloudDisks: cloudDisks,
        UserVpc: userVpc,
        EnvironmentVariables: env,
        Accessibility: accessibility,
        OversoldType: oversold,
        Priority: priority,
        WorkspaceSource: workspaceSource,
        Driver: driver,
        DynamicMount: dynamicMount,
        Affinity: affinity,
        CredentialConfig: credentialConfig,
        UserCommand: userCommand,
        SpotSpec: spotSpec,
        AssignNodeSpec: assignNodeSpec,
    });
}

export interface DswCreateRequest {
    config: DswInstanceConfig;
    workspaceId?: string;
    /** The owner the request names (UserId), else the caller. */
    userId?: string;
    labels: Array<{ Key: string; Value: string }>;
    tags: Array<{ Key: string; Value: string }>;
}

export function validateCreate(body: Obj): DswCreateRequest {
    const name = str(body, "InstanceName");
    if (name === undefined) {
        throw dswValidation("InstanceName is required.");
    }
    if (!INSTANCE_NAME.test(name)) {
        throw dswValidation("InstanceName must be 1-27 characters of letters, digits and underscores.");
    }
    const workspaceId = str(body, "WorkspaceId");
    if (body.ImageId === undefined && body.ImageUrl === undefined) {
        throw dswValidation("One of ImageId or ImageUrl is required.");
    }
    if (body.EcsSpec === undefined && body.ResourceId === undefined) {
        throw dswValidation("One of EcsSpec (pay-as-you-go) or ResourceId (subscription) is required.");
    }
    if (body.EcsSpec !== undefined && body.ResourceId !== undefined) {
        throw dswValidation("EcsSpec and ResourceId are mutually exclusive.");
    }
    str(body, "ResourceId");
    if (body.ResourceId !== undefined && body.RequestedResource === undefined) {
        throw dswValidation("RequestedResource is required with ResourceId.");
    }
    const config = { ...validateCommon(body), InstanceName: name };
    const labels = validateLabels(objArray(body, "Labels"), "Labels");
    const tags = validateLabels(objArray(body, "Tag"), "Tag");
    return { config, workspaceId, userId: typeof body.UserId === "string" ? body.UserId : undefined, labels, tags };
}

/** Update body fields that only apply to a stopped instance (reference §5.4 working assumption). */
export const RESTART_REQUIRED_FIELDS = [
    "EcsSpec",
    "RequestedResource",
    "ImageId",
    "ImageUrl",
    "ImageAuth",
    "Datasets",
    "DynamicMount",
    "CloudDisks",
    "UserVpc",
    "EnvironmentVariables",
    "Driver",
    "UserCommand",
    "WorkspaceSource",
    "CredentialConfig",
    "Affinity",
    "SpotSpec",
    "AssignNodeSpec",
    "DisassociateDatasets",
    "DisassociateVpc",
    "DisassociateForwardInfos",
    "DisassociateDriver",
    "DisassociateCredential",
    "DisassociateEnvironmentVariables",
    "DisassociateUserCommand",
    "DisassociateSpot",
    "DisassociateAssignNode",
] as const;

/** Each Disassociate flag and the configuration fields it removes. */
export const DISASSOCIATE: Readonly<Record<string, ReadonlyArray<Exclude<keyof DswInstanceConfig, "InstanceName">>>> = {
    DisassociateDatasets: ["Datasets"],
    DisassociateVpc: ["UserVpc"],
    DisassociateDriver: ["Driver"],
    DisassociateCredential: ["CredentialConfig"],
    DisassociateEnvironmentVariables: ["EnvironmentVariables"],
    DisassociateUserCommand: ["UserCommand"],
    DisassociateSpot: ["SpotSpec"],
    DisassociateAssignNode: ["AssignNodeSpec"],
};

/** An UpdateInstance request: the configuration it changes and the flags it sets (Disassociate*, StartInstance). */
export interface DswUpdateRequest {
    changes: DswConfigChanges;
    flags: ReadonlySet<string>;
}

export function validateUpdate(body: Obj): DswUpdateRequest {
    const name = str(body, "InstanceName");
    if (name !== undefined && !INSTANCE_NAME.test(name)) {
        throw dswValidation("InstanceName must be 1-27 characters of letters, digits and underscores.");
    }
    const changes = validateCommon(body);
    // ResourceId is fixed at create: the update leaves it as it was.
    delete changes.ResourceId;
    const flags = new Set<string>();
    for (const f of [...Object.keys(DISASSOCIATE), "DisassociateForwardInfos", "StartInstance"]) {
        if (bool(body, f) === true) flags.add(f);
    }
    return { changes, flags };
}

export function validateTimer(body: Obj, now: number): number {
    const due = str(body, "DueTime");
    const remaining = body.RemainingTimeInMs;
    if (due !== undefined && remaining !== undefined) {
        throw dswValidation("Specify either DueTime or RemainingTimeInMs, not both.");
    }
    if (due !== undefined) {
        const t = Date.parse(due);
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(due) || Number.isNaN(t)) {
            throw dswValidation("DueTime must be an ISO-8601 UTC time such as 2021-01-12T14:36:01Z.");
        }
        if (t <= now) {
            throw dswValidation("DueTime must be in the future.");
        }
        return t;
    }
    if (remaining !== undefined) {
        if (!Number.isInteger(remaining) || (remaining as number) <= 0) {
            throw dswValidation("RemainingTimeInMs must be a positive integer.");
        }
        return now + (remaining as number);
    }
    throw dswValidation("One of DueTime or RemainingTimeInMs is required.");
}

export function validateCuller(body: Obj): { cpuPercentThreshold: number; gpuPercentThreshold?: number; maxIdleTimeInMinutes: number } {
    const pct = (f: string): number | undefined => {
        const v = body[f];
        if (v === undefined) {
            return undefined;
        }
        if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 100) {
            throw dswValidation(`${f} must be an integer from 1 to 100.`);
        }
        return v as number;
    };
    const cpu = pct("CpuPercentThreshold");
    const gpu = pct("GpuPercentThreshold");
    const max = body.MaxIdleTimeInMinutes;
    if (max === undefined || !Number.isInteger(max) || (max as number) < 1) {
        throw dswValidation("MaxIdleTimeInMinutes must be a positive integer.");
    }
    return { cpuPercentThreshold: cpu ?? 20, gpuPercentThreshold: gpu, maxIdleTimeInMinutes: max as number };
}
