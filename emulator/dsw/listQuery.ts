/**
 * ListInstances' query parameters (the ListInstances page's request table, docs/dsw-api.md §5.3), parsed and
 * checked into a typed query: paging, sort, and the filter predicate. The backend applies it to
 * the caller's instances.
 */
import { decimalNumber, intParam as strictInt } from "../params";
import { dswValidation } from "./envelope";
import { DswInstanceRecord, resourcesOf } from "./model";

export interface DswListQuery {
    /** As given: "" (the default workspace), "ALL" or an id. */
    workspaceId: string;
    page: number;
    size: number;
    order: "ASC" | "DESC";
    sortKey: (r: DswInstanceRecord) => number;
    matches: (r: DswInstanceRecord) => boolean;
}

const SORT_KEYS: Record<string, (r: DswInstanceRecord) => number> = {
    Priority: (r) => Number(r.config.Priority ?? 1),
    GmtCreateTime: (r) => r.gmtCreate,
    gmtCreate: (r) => r.gmtCreate,
    GmtModifiedTime: (r) => r.gmtModified,
};

export function parseListQuery(q: Record<string, string>): DswListQuery {
    const page = intParam(q.PageNumber, "PageNumber", 1, 1, 100000);
    const size = intParam(q.PageSize, "PageSize", 10, 1, 100);
    if ((q.SortBy && !q.Order) || (!q.SortBy && q.Order)) {
        throw dswValidation("SortBy and Order must be specified together.");
    }
    const sortBy = q.SortBy ?? "GmtModifiedTime";
    if (!SORT_KEYS[sortBy]) {
        throw dswValidation(`SortBy must be one of Priority, GmtCreateTime, GmtModifiedTime; got "${sortBy}".`);
    }
    const order = (q.Order ?? "DESC").toUpperCase();
    if (order !== "ASC" && order !== "DESC") {
        throw dswValidation(`Order must be ASC or DESC; got "${q.Order}".`);
    }
    return { workspaceId: q.WorkspaceId ?? "", page, size, order, sortKey: SORT_KEYS[sortBy], matches: listFilter(q) };
}

function intParam(value: string | undefined, name: string, dflt: number, min: number, max: number): number {
    return strictInt(value, { dflt, min, max, emptyIsAbsent: true }, () => dswValidation(`${name} must be an integer from ${min} to ${max}.`));
}

function numParam(value: string | undefined, name: string): number | undefined {
    if (value === undefined || value === "") {
        return undefined;
    }
    const n = decimalNumber(value);
    if (n === undefined) {
        throw dswValidation(`${name} must be a decimal number.`);
    }
    return n;
}

function timeParam(value: string | undefined, name: string): number | undefined {
    if (value === undefined || value === "") {
        return undefined;
    }
    const t = Date.parse(value);
    if (Number.isNaN(t)) {
        throw dswValidation(`${name} must be an ISO-8601 time such as 2024-01-12T14:36:01Z.`);
    }
    return t;
}

function jsonParam<T>(value: string | undefined, name: string, check: (v: unknown) => v is T): T | undefined {
    if (value === undefined || value === "") {
        return undefined;
    }
    let v: unknown;
    try {
        v = JSON.parse(value);
    } catch {
        throw dswValidation(`${name} must be a JSON string.`);
    }
    if (!check(v)) {
        throw dswValidation(`${name} has the wrong shape.`);
    }
    return v;
}

const isStringMap = (v: unknown): v is Record<string, string> =>
    v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v as object).every((x) => typeof x === "string");
const isTagList = (v: unknown): v is Array<{ Key: string; Value?: string }> =>
    Array.isArray(v) && v.every((t) => t && typeof t === "object" && typeof (t as { Key: unknown }).Key === "string");

/** The predicate of ListInstances' filters (docs/dsw-api.md §5.3), the workspace aside (the backend's rule). */
function listFilter(q: Record<string, string>): (r: DswInstanceRecord) => boolean {
    const preds: Array<(r: DswInstanceRecord) => boolean> = [];
    const rid = q.ResourceId;
    if (!rid) {
        preds.push((r) => r.config.EcsSpec !== undefined);
    } else if (rid !== "ALL") {
        preds.push((r) => r.config.ResourceId === rid);
    }
    if (q.InstanceName) {
        const n = q.InstanceName.toLowerCase();
        preds.push((r) => String(r.config.InstanceName).toLowerCase().includes(n));
    }
    // One value each: the official ListInstancesRequest types InstanceId and Status as a single
    // string, so a comma list matches nothing (as it would match no instance on the cloud).
    if (q.InstanceId) {
        preds.push((r) => r.instanceId === q.InstanceId);
    }
    if (q.Status) {
        preds.push((r) => r.status === q.Status);
    }
    const enumFilter = (name: string, allowed: string[], get: (r: DswInstanceRecord) => string) => {
        const v = q[name];
        if (!v) {
            return;
        }
        if (!allowed.includes(v)) {
            throw dswValidation(`${name} must be one of ${allowed.join(", ")}; got "${v}".`);
        }
        preds.push((r) => get(r) === v);
    };
    enumFilter("PaymentType", ["PayAsYouGo", "Subscription"], (r) => (r.config.EcsSpec ? "PayAsYouGo" : "Subscription"));
    enumFilter("Accessibility", ["PRIVATE", "PUBLIC"], (r) => String(r.config.Accessibility ?? "PRIVATE"));
    enumFilter("AcceleratorType", ["CPU", "GPU"], (r) => (resourcesOf(r).gpu > 0 ? "GPU" : "CPU"));
    enumFilter("OversoldType", ["ForbiddenQuotaOverSold", "ForceQuotaOverSold", "AcceptQuotaOverSold"], (r) => String(r.config.OversoldType ?? ""));
    enumFilter("OversoldInfo", ["ForbiddenQuotaOverSold", "ForceQuotaOverSold", "PendingQuotaOverSold"], (r) =>
        r.config.OversoldType === "ForceQuotaOverSold" ? "ForceQuotaOverSold" : "",
    );
    if (q.CreateUserId) {
        preds.push((r) => r.userId === q.CreateUserId);
    }
    if (q.GpuType) {
        preds.push((r) => resourcesOf(r).gpuType.toLowerCase() === q.GpuType.toLowerCase());
    }
    if (q.ImageName) {
        preds.push((r) => {
            const url = String(r.config.ImageUrl ?? r.config.ImageId ?? "");
            return url.includes(q.ImageName);
        });
    }
    const range = (min: string, max: string, get: (r: DswInstanceRecord) => number) => {
        const lo = numParam(q[min], min);
        const hi = numParam(q[max], max);
        if (lo !== undefined) preds.push((r) => get(r) >= lo);
        if (hi !== undefined) preds.push((r) => get(r) <= hi);
    };
    range("MinCpu", "MaxCpu", (r) => resourcesOf(r).cpu * 1000);
    range("MinGpu", "MaxGpu", (r) => resourcesOf(r).gpu * 1000);
    range("MinMemory", "MaxMemory", (r) => resourcesOf(r).memoryGB);
    range("MinGpuMemory", "MaxGpuMemory", (r) => resourcesOf(r).gpuMemoryGB);
    const after = timeParam(q.CreateTimeAfter, "CreateTimeAfter");
    const before = timeParam(q.CreateTimeBefore, "CreateTimeBefore");
    if (after !== undefined) preds.push((r) => r.gmtCreate >= after);
    if (before !== undefined) preds.push((r) => r.gmtCreate <= before);
    const labels = jsonParam(q.Labels, "Labels", isStringMap);
    if (labels) {
        if (Object.keys(labels).length > 4) {
            throw dswValidation("Labels accepts at most 4 labels.");
        }
        preds.push((r) => Object.entries(labels).every(([k, v]) => r.labels.some((l) => l.Key === k && l.Value === v)));
    }
    const tags = jsonParam(q.Tag, "Tag", isTagList);
    if (tags) {
        if (tags.length > 4) {
            throw dswValidation("Tag accepts at most 4 tags.");
        }
        preds.push((r) => tags.every((t) => r.tags.some((x) => x.Key === t.Key && (t.Value === undefined || x.Value === t.Value))));
    }
    return (r) => preds.every((p) => p(r));
}
