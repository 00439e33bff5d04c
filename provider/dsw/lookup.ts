/**
 * `dsw.getInstances`: every ListInstances filter (docs/dsw-api.md §5.3) in camelCase, validated before the
 * call, walking all pages (100 per page) unless a page is asked for.
 */
import { z } from "zod";
import { parseLookupArgs } from "../common/schema";
import { withoutUndefined } from "../common/resource";
import { DswClient } from "./client";
import { fromWire } from "./mapping";
import { LIST_PAGE_SIZE } from "./readCache";
import type { GetInstancesResult, InstanceSummary } from "./lookupResult";

export type { GetInstancesResult, InstanceSummary };

const millis = (what: string) => z.number().int().min(0, `${what} must be >= 0`).optional();

export const GetInstancesArgs = z
    .strictObject({
        workspaceId: z.string().optional().describe('Workspace id, or "ALL" for every workspace; default: the default workspace.'),
        instanceName: z.string().optional().describe("Case-insensitive substring of the name."),
        resourceId: z.string().optional().describe('Quota id; "ALL" for every instance; default: pay-as-you-go only.'),
        status: z.string().optional().describe("One status (the API takes a single value)."),
        paymentType: z.enum(["PayAsYouGo", "Subscription"]).optional(),
        accessibility: z.enum(["PRIVATE", "PUBLIC"]).optional(),
        acceleratorType: z.enum(["CPU", "GPU"]).optional(),
        instanceId: z
            .string()
            .regex(/^dsw-[a-z0-9]+$/, "instance ids look like dsw-xxxx")
            .optional()
            .describe("One instance id (the API takes a single value)."),
        labels: z
            .record(z.string(), z.string())
            .refine((m) => Object.keys(m).length <= 4, "at most 4 labels")
            .optional(),
        tags: z
            .record(z.string(), z.string())
            .refine((m) => Object.keys(m).length <= 4, "at most 4 tags")
            .optional(),
        createUserId: z.string().optional(),
        gpuType: z.string().optional(),
        minCpu: millis("minCpu").describe("In cores x 1000 (1000 = 1 core)."),
        maxCpu: millis("maxCpu"),
        minGpu: millis("minGpu").describe("In GPUs x 1000."),
        maxGpu: millis("maxGpu"),
        minMemory: millis("minMemory").describe("GB."),
        maxMemory: millis("maxMemory"),
        minGpuMemory: millis("minGpuMemory").describe("GB per card."),
        maxGpuMemory: millis("maxGpuMemory"),
        imageName: z.string().optional(),
        oversoldInfo: z.enum(["ForbiddenQuotaOverSold", "ForceQuotaOverSold", "PendingQuotaOverSold"]).optional(),
        oversoldType: z.enum(["ForbiddenQuotaOverSold", "ForceQuotaOverSold", "AcceptQuotaOverSold"]).optional(),
        createTimeAfter: z.string().optional().describe("ISO-8601 time."),
        createTimeBefore: z.string().optional(),
        sortBy: z.enum(["Priority", "GmtCreateTime", "GmtModifiedTime"]).optional(),
        order: z.enum(["ASC", "DESC"]).optional(),
        pageNumber: z.number().int().min(1).optional().describe("Fetch only this page (default: walk every page)."),
        pageSize: z.number().int().min(1).max(100, "pageSize must be at most 100").optional(),
        credentialsProfile: z
            .string()
            .optional()
            .describe("Credentials profile to list with (as `dsw.Instance.credentialsProfile`); not a filter. Default: the stack's credentials."),
    })
    .refine((a) => !a.sortBy === !a.order, "sortBy and order must be given together");
export type GetInstancesArgs = z.input<typeof GetInstancesArgs>;

/**
 * Fields a lookup leaves out: they carry secrets (a Jupyter token in an environment variable,
 * registry credentials), and a lookup's result is stored in state and shown by
 * `pulumi stack output` in plain text.
 */
export const SECRET_SUMMARY_FIELDS = ["EnvironmentVariables", "ImageAuth", "CredentialConfig"] as const;

/** Counters and countdowns that change by themselves: left out so an exported lookup is stable between previews. */
const VOLATILE_FIELDS = ["AccumulatedRunningTimeInMs"];

function summaryOf(i: Record<string, unknown>): InstanceSummary {
    const rest = Object.fromEntries(
        Object.entries(i).filter(([k]) => !(SECRET_SUMMARY_FIELDS as readonly string[]).includes(k) && !VOLATILE_FIELDS.includes(k)),
    );
    const timer = rest.InstanceShutdownTimer as Record<string, unknown> | undefined;
    if (timer) rest.InstanceShutdownTimer = { ...timer, RemainingTimeInMs: undefined };
    const culler = rest.IdleInstanceCuller as Record<string, unknown> | undefined;
    if (culler) rest.IdleInstanceCuller = { ...culler, IdleTimeInMinutes: undefined };
    return withoutUndefined(fromWire(rest)) as InstanceSummary;
}

export async function getInstances(client: DswClient, raw: GetInstancesArgs): Promise<GetInstancesResult> {
    const a = parseLookupArgs(GetInstancesArgs, raw);
    const query: Record<string, string | number | undefined> = {
        WorkspaceId: a.workspaceId,
        InstanceName: a.instanceName,
        ResourceId: a.resourceId,
        // InstanceId and Status are one string each in the official ListInstancesRequest model.
        Status: a.status,
        PaymentType: a.paymentType,
        Accessibility: a.accessibility,
        AcceleratorType: a.acceleratorType,
        InstanceId: a.instanceId,
        Labels: a.labels ? JSON.stringify(a.labels) : undefined,
        Tag: a.tags ? JSON.stringify(Object.entries(a.tags).map(([Key, Value]) => ({ Key, Value }))) : undefined,
        CreateUserId: a.createUserId,
        GpuType: a.gpuType,
        MinCpu: a.minCpu,
        MaxCpu: a.maxCpu,
        MinGpu: a.minGpu,
        MaxGpu: a.maxGpu,
        MinMemory: a.minMemory,
        MaxMemory: a.maxMemory,
        MinGpuMemory: a.minGpuMemory,
        MaxGpuMemory: a.maxGpuMemory,
        ImageName: a.imageName,
        OversoldInfo: a.oversoldInfo,
        OversoldType: a.oversoldType,
        CreateTimeAfter: a.createTimeAfter,
        CreateTimeBefore: a.createTimeBefore,
        SortBy: a.sortBy,
        Order: a.order,
    };
    const size = a.pageSize ?? LIST_PAGE_SIZE;
    const summaries: InstanceSummary[] = [];
    let total: number;
    for (let page = a.pageNumber ?? 1; ; page++) {
        const r = await client.listInstances({ ...query, PageNumber: page, PageSize: size });
        total = r.total;
        summaries.push(...r.instances.map(summaryOf));
        if (a.pageNumber !== undefined || r.instances.length < size || page * size >= r.total) {
            break;
        }
    }
    return { instances: summaries, totalCount: total };
}
