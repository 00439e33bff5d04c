/**
 * ListEcsSpecs (`GET /api/v2/ecsspecs`) over the region catalog (catalog.ts). The query is that
 * of Alibaba's `ListEcsSpecsRequest` (pai-dsw-20220101): AcceleratorType (required, CPU|GPU),
 * InstanceTypes (comma-separated), ResourceType (ECS|Lingjun, default ECS), SortBy (CPU, GPU,
 * Memory, GmtCreateTime), Order (asc|desc), PageNumber (from 1), PageSize. Every parameter
 * filters or is refused; none is ignored.
 */
import { ECS_CATALOG, EcsSpecEntry, ecsSpecWire } from "./catalog";
import { dswValidation } from "./envelope";

const SORT_BY = ["CPU", "GPU", "Memory", "GmtCreateTime"] as const;

function positiveInt(q: Record<string, string>, name: string, dflt: number, max = Infinity): number {
    const v = q[name];
    if (v === undefined) return dflt;
    const n = Number(v);
    if (v.trim() === "" || !Number.isInteger(n) || n < 1 || n > max)
        throw dswValidation(`${name} must be an integer from 1${max === Infinity ? "" : ` to ${max}`}.`);
    return n;
}

function sortValue(s: EcsSpecEntry, by: (typeof SORT_BY)[number]): number {
    if (by === "CPU") return s.cpu;
    if (by === "GPU") return s.gpu;
    if (by === "Memory") return s.memoryGB;
    return s.introduced;
}

export function listEcsSpecs(q: Record<string, string>): { TotalCount: number; EcsSpecs: Array<Record<string, unknown>> } {
    const accel = q.AcceleratorType;
    if (accel === undefined || accel === "") throw dswValidation("AcceleratorType is required.");
    if (accel !== "CPU" && accel !== "GPU") throw dswValidation("AcceleratorType must be CPU or GPU.");
    const resourceType = q.ResourceType ?? "ECS";
    if (resourceType !== "ECS" && resourceType !== "Lingjun") throw dswValidation("ResourceType must be ECS or Lingjun.");
    const sortBy = q.SortBy;
    if (sortBy !== undefined && !(SORT_BY as readonly string[]).includes(sortBy)) throw dswValidation(`SortBy must be one of ${SORT_BY.join(", ")}.`);
    const order = (q.Order ?? "asc").toLowerCase();
    if (order !== "asc" && order !== "desc") throw dswValidation("Order must be asc or desc.");
    const pageNumber = positiveInt(q, "PageNumber", 1);
    const pageSize = positiveInt(q, "PageSize", 10, 100);
    const types = q.InstanceTypes === undefined ? undefined : new Set(q.InstanceTypes.split(",").map((t) => t.trim()));
    let matched = Object.entries(ECS_CATALOG).filter(
        ([type, s]) => s.acceleratorType === accel && s.resourceType === resourceType && (types === undefined || types.has(type)),
    );
    if (sortBy !== undefined) {
        const sign = order === "asc" ? 1 : -1;
        const by = sortBy as (typeof SORT_BY)[number];
        matched = [...matched].sort(([ta, a], [tb, b]) => sign * (sortValue(a, by) - sortValue(b, by)) || (ta < tb ? -1 : 1));
    }
    const start = (pageNumber - 1) * pageSize;
    return { TotalCount: matched.length, EcsSpecs: matched.slice(start, start + pageSize).map(([type]) => ecsSpecWire(type)) };
}
