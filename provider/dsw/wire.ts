/**
 * zod schemas of DSW 2022-01-01 responses (docs/dsw-api.md §3–§5, the ListInstances page of §10). Objects are loose:
 * fields the service adds later pass through untouched, fields we rely on are typed. Which
 * operation returns each field, and from which official model, is in fields.ts.
 */
import { z } from "zod";

export const Envelope = z.looseObject({
    RequestId: z.string().optional(),
    Success: z.boolean().optional(),
    Code: z.string().nullish(),
    Message: z.string().nullish(),
    HttpStatusCode: z.number().nullish(),
});

export const InstanceIdResponse = Envelope.extend({ InstanceId: z.string() });

const Label = z.looseObject({ Key: z.string(), Value: z.string().nullish() });

export const ShutdownTimerWire = z.looseObject({
    InstanceId: z.string().optional(),
    DueTime: z.string().optional(),
    RemainingTimeInMs: z.number().optional(),
    GmtCreateTime: z.string().optional(),
    GmtModifiedTime: z.string().optional(),
});

export const IdleCullerWire = z.looseObject({
    InstanceId: z.string().optional(),
    CpuPercentThreshold: z.number().optional(),
    GpuPercentThreshold: z.number().optional(),
    MaxIdleTimeInMinutes: z.number().optional(),
    IdleTimeInMinutes: z.number().optional(),
});

const SnapshotWire = z.looseObject({
    ImageId: z.string().optional(),
    ImageName: z.string().optional(),
    ImageUrl: z.string().optional(),
    RepositoryUrl: z.string().optional(),
    Status: z.string().optional(),
    ReasonCode: z.string().optional(),
    ReasonMessage: z.string().optional(),
    GmtCreateTime: z.string().optional(),
    GmtModifiedTime: z.string().optional(),
});

export const InstanceWire = z.looseObject({
    InstanceId: z.string(),
    InstanceName: z.string().optional(),
    WorkspaceId: z.string().optional(),
    WorkspaceName: z.string().optional(),
    Status: z.string(),
    ReasonCode: z.string().nullish(),
    ReasonMessage: z.string().nullish(),
    EcsSpec: z.string().nullish(),
    ResourceId: z.string().nullish(),
    ResourceName: z.string().nullish(),
    PaymentType: z.string().nullish(),
    AcceleratorType: z.string().nullish(),
    Priority: z.number().nullish(),
    ImageId: z.string().nullish(),
    ImageName: z.string().nullish(),
    ImageUrl: z.string().nullish(),
    ImageAuth: z.string().nullish(),
    RequestedResource: z.record(z.string(), z.unknown()).nullish(),
    Datasets: z.array(z.record(z.string(), z.unknown())).nullish(),
    DynamicMount: z.record(z.string(), z.unknown()).nullish(),
    CloudDisks: z.array(z.record(z.string(), z.unknown())).nullish(),
    WorkspaceSource: z.string().nullish(),
    UserVpc: z.record(z.string(), z.unknown()).nullish(),
    Accessibility: z.string().nullish(),
    EnvironmentVariables: z.record(z.string(), z.unknown()).nullish(),
    Labels: z.array(Label).nullish(),
    Tags: z.array(z.looseObject({ TagKey: z.string(), TagValue: z.string().nullish() })).nullish(),
    UserId: z.string().nullish(),
    UserName: z.string().nullish(),
    Driver: z.string().nullish(),
    Affinity: z.record(z.string(), z.unknown()).nullish(),
    CredentialConfig: z.record(z.string(), z.unknown()).nullish(),
    OversoldType: z.string().nullish(),
    UserCommandId: z.string().nullish(),
    InstanceUrl: z.string().nullish(),
    JupyterlabUrl: z.string().nullish(),
    WebIDEUrl: z.string().nullish(),
    TerminalUrl: z.string().nullish(),
    AccumulatedRunningTimeInMs: z.number().nullish(),
    GmtCreateTime: z.string().nullish(),
    GmtModifiedTime: z.string().nullish(),
    InstanceShutdownTimer: ShutdownTimerWire.nullish(),
    IdleInstanceCuller: IdleCullerWire.nullish(),
    LatestSnapshot: SnapshotWire.nullish(),
    InstanceSnapshotList: z.array(SnapshotWire).nullish(),
});
export type InstanceWire = z.infer<typeof InstanceWire>;

export const GetInstanceResponse = Envelope.and(InstanceWire);

export const ListInstancesResponse = Envelope.extend({
    TotalCount: z.number(),
    Instances: z.array(InstanceWire).nullish(),
});

export const ErrorBody = z.looseObject({
    Code: z.string().optional(),
    code: z.string().optional(),
    Message: z.string().optional(),
    message: z.string().optional(),
    RequestId: z.string().optional(),
    requestId: z.string().optional(),
});
