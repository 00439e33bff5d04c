/**
 * `dsw.getEcsSpecs`: ListEcsSpecs (`GET /api/v2/ecsspecs`) with every parameter of Alibaba's
 * `ListEcsSpecsRequest` (pai-dsw-20220101) in camelCase, checked before the call, walking every
 * page unless a page is asked for; every field of `ListEcsSpecsResponseBodyEcsSpecs` in camelCase.
 */
import { z } from "zod";
import { parseLookupArgs } from "../common/schema";
import { DswClient } from "./client";
import type { EcsSpec, GetEcsSpecsResult } from "./ecsSpecResult";

export type { EcsSpec, GetEcsSpecsResult };

export const GetEcsSpecsArgs = z.strictObject({
    acceleratorType: z.enum(["CPU", "GPU"]).describe("CPU or GPU instance types (the API requires one)."),
    instanceTypes: z
        .array(z.string().regex(/^ecs\.[a-z0-9.-]+$/, "instance types look like ecs.g6.xlarge"))
        .min(1)
        .optional()
        .describe("Only these instance types."),
    resourceType: z.enum(["ECS", "Lingjun"]).optional().describe('Default "ECS".'),
    sortBy: z.enum(["CPU", "GPU", "Memory", "GmtCreateTime"]).optional(),
    order: z.enum(["asc", "desc"]).optional(),
    pageNumber: z.number().int().min(1).optional().describe("Fetch only this page (default: walk every page)."),
    pageSize: z.number().int().min(1).max(100, "pageSize must be at most 100").optional(),
    credentialsProfile: z
        .string()
        .optional()
        .describe("Credentials profile to list with (as `dsw.Instance.credentialsProfile`); not a filter. Default: the stack's credentials."),
});
export type GetEcsSpecsArgs = z.input<typeof GetEcsSpecsArgs>;

const num = z.number().nullish();
const str = z.string().nullish();
const EcsSpecWire = z.looseObject({
    InstanceType: z.string(),
    AcceleratorType: str,
    CPU: num,
    Memory: num,
    GPU: num,
    GPUType: str,
    GPUMemorySize: num,
    SystemDiskCapacity: num,
    InstanceBandwidthRx: num,
    Price: num,
    Currency: str,
    IsAvailable: z.boolean().nullish(),
    SpotStockStatus: str,
    Labels: z.array(z.looseObject({ Key: z.string(), Value: z.string().nullish() })).nullish(),
});
const ListEcsSpecsResponse = z.looseObject({ TotalCount: z.number().nullish(), EcsSpecs: z.array(EcsSpecWire).nullish() });

function specOf(w: z.infer<typeof EcsSpecWire>): EcsSpec {
    return {
        instanceType: w.InstanceType,
        acceleratorType: w.AcceleratorType ?? "",
        cpu: w.CPU ?? 0,
        memory: w.Memory ?? 0,
        gpu: w.GPU ?? 0,
        gpuType: w.GPUType ?? "",
        gpuMemorySize: w.GPUMemorySize ?? 0,
        systemDiskCapacity: w.SystemDiskCapacity ?? 0,
        instanceBandwidthRx: w.InstanceBandwidthRx ?? 0,
        price: w.Price ?? 0,
        currency: w.Currency ?? "",
        isAvailable: w.IsAvailable ?? false,
        spotStockStatus: w.SpotStockStatus ?? "",
        labels: Object.fromEntries((w.Labels ?? []).map((l) => [l.Key, l.Value ?? ""])),
    };
}

export async function getEcsSpecs(client: DswClient, raw: GetEcsSpecsArgs): Promise<GetEcsSpecsResult> {
    const a = parseLookupArgs(GetEcsSpecsArgs, raw);
    const base: Array<[string, string]> = [["AcceleratorType", a.acceleratorType]];
    if (a.instanceTypes) base.push(["InstanceTypes", a.instanceTypes.join(",")]);
    if (a.resourceType) base.push(["ResourceType", a.resourceType]);
    if (a.sortBy) base.push(["SortBy", a.sortBy]);
    if (a.order) base.push(["Order", a.order]);
    const size = a.pageSize ?? 100;
    const specs: EcsSpec[] = [];
    let total: number;
    for (let page = a.pageNumber ?? 1; ; page++) {
        const query: Array<[string, string]> = [...base, ["PageNumber", String(page)], ["PageSize", String(size)]];
        const r = await client.transport.send({ operation: "ListEcsSpecs", method: "GET", path: "/api/v2/ecsspecs", query }, ListEcsSpecsResponse);
        const items = r.EcsSpecs ?? [];
        total = r.TotalCount ?? items.length;
        specs.push(...items.map(specOf));
        if (a.pageNumber !== undefined || items.length < size || page * size >= total) break;
    }
    return { ecsSpecs: specs, totalCount: total };
}
