/**
 * PAI-DSW 2022-01-01 routes (shared/api/dsw.md §5): one handler per operation, each answering with
 * the service envelope or the service's error. Authentication happens before a handler runs; the
 * handler receives the caller's tenant and only ever sees that tenant's instances.
 */
import { EmuContext } from "../context";
import { EmuRequest, EmuResponse, Params, Route, advanceRecords, parseJsonObject, route } from "../http";
import { DswTenant } from "../options";
import { DswApiError, dswForbidden, dswNotFound, dswOk, dswValidation } from "./envelope";
import { advanceDsw, planCreate, planDelete, planStart, planStop, planUpdate } from "./lifecycle";
import { DSW_HOLDS_NO_COMPUTE, DSW_TRANSITIONAL, DswInstanceRecord, cullerWire, resourcesOf, timerWire, toWire } from "./model";
import { DISASSOCIATE, RESTART_REQUIRED_FIELDS, validateCreate, validateCuller, validateLabels, validateTimer, validateUpdate } from "./validate";

export type DswHandler = (req: EmuRequest, params: Params, tenant: DswTenant) => EmuResponse;

export const DSW_API_VERSION = "2022-01-01";

export class DswApi {
    readonly routes: Array<Route & { dsw: DswHandler }>;

    constructor(private ctx: EmuContext) {
        const r = (method: string, path: string, op: string, h: DswHandler) => {
            const base = route(method, path, op, () => {
                throw new Error("DSW routes are dispatched with a tenant");
            });
            return { ...base, dsw: h };
        };
        const inst = "/api/v2/instances/{InstanceId}";
        this.routes = [
            r("POST", "/api/v2/instances", "CreateInstance", (q, _p, t) => this.create(q, t)),
            r("GET", "/api/v2/instances", "ListInstances", (q, _p, t) => this.list(q, t)),
            r("GET", inst, "GetInstance", (_q, p, t) => this.get(p, t)),
            r("PUT", inst, "UpdateInstance", (q, p, t) => this.update(q, p, t)),
            r("DELETE", inst, "DeleteInstance", (_q, p, t) => this.remove(p, t)),
            r("PUT", `${inst}/start`, "StartInstance", (_q, p, t) => this.start(p, t)),
            r("PUT", `${inst}/stop`, "StopInstance", (q, p, t) => this.stop(q, p, t)),
            r("POST", `${inst}/shutdowntimer`, "CreateInstanceShutdownTimer", (q, p, t) => this.createTimer(q, p, t)),
            r("GET", `${inst}/shutdowntimer`, "GetInstanceShutdownTimer", (_q, p, t) => this.getTimer(p, t)),
            r("DELETE", `${inst}/shutdowntimer`, "DeleteInstanceShutdownTimer", (_q, p, t) => this.deleteTimer(p, t)),
            r("POST", `${inst}/idleinstanceculler`, "CreateIdleInstanceCuller", (q, p, t) => this.createCuller(q, p, t)),
            r("GET", `${inst}/idleinstanceculler`, "GetIdleInstanceCuller", (_q, p, t) => this.getCuller(p, t)),
            r("DELETE", `${inst}/idleinstanceculler`, "DeleteIdleInstanceCuller", (_q, p, t) => this.deleteCuller(p, t)),
            r("PUT", `${inst}/labels`, "UpdateInstanceLabels", (q, p, t) => this.updateLabels(q, p, t)),
            r("DELETE", `${inst}/labels`, "DeleteInstanceLabels", (q, p, t) => this.deleteLabels(q, p, t)),
            r("GET", `${inst}/events`, "GetInstanceEvents", (_q, p, t) => this.events(p, t)),
        ];
    }

    private get clock() {
        return { now: this.ctx.now(), durations: this.ctx.options.durations, secondMs: this.ctx.options.secondMs, random: () => this.ctx.phases.next() };
    }

    private get records(): Record<string, DswInstanceRecord> {
        return this.ctx.store.state.dsw;
    }

    /** Brings every record up to now; deletes the ones whose deletion completed. */
    advanceAll(): boolean {
        const changed = advanceRecords(this.records, (r) => advanceDsw(r, this.clock));
        if (changed) {
            this.ctx.store.markDirty();
        }
        return changed;
    }

    private wire(rec: DswInstanceRecord, forList: boolean): Record<string, unknown> {
        return toWire(rec, { now: this.ctx.now(), region: this.ctx.options.dswRegion, secondMs: this.ctx.options.secondMs, forList });
    }

    /** The caller's instance, or 404 (another tenant's instance is indistinguishable from none). */
    find(id: string, tenant: DswTenant): DswInstanceRecord {
        const rec = this.records[id];
        if (rec && advanceDsw(rec, this.clock) === "deleted") {
            delete this.records[id];
            this.ctx.store.markDirty();
            throw dswNotFound(id);
        }
        if (!rec || !this.visible(rec, tenant)) {
            throw dswNotFound(id);
        }
        return rec;
    }

    private visible(rec: DswInstanceRecord, tenant: DswTenant): boolean {
        return rec.tenantKey === tenant.accessKeyId && tenant.workspaces.some((w) => w.id === rec.workspaceId);
    }

    private body(req: EmuRequest): Record<string, unknown> {
        const b = parseJsonObject(req.body);
        if (b instanceof Error) {
            throw dswValidation(b.message);
        }
        return b ?? {};
    }

    private touch(rec: DswInstanceRecord): void {
        rec.gmtModified = this.ctx.now();
        this.ctx.store.markDirty();
    }

    private workspaceOf(tenant: DswTenant, requested: string | undefined, action: string) {
        const id = requested || tenant.defaultWorkspaceId || tenant.workspaces[0]?.id;
        const ws = tenant.workspaces.find((w) => w.id === id);
        if (!ws) {
            throw dswForbidden(action, `acs:paidsw:${this.ctx.options.dswRegion}:${tenant.userId}:workspace/${String(id)}`);
        }
        return ws;
    }

    private create(req: EmuRequest, tenant: DswTenant): EmuResponse {
        const body = this.body(req);
        const { name, labels, tags } = validateCreate(body);
        const ws = this.workspaceOf(tenant, body.WorkspaceId as string | undefined, "CreateInstance");
        this.advanceAll();
        const clash = Object.values(this.records).some((r) => r.workspaceId === ws.id && r.config.InstanceName === name && r.status !== "Deleting");
        if (clash) {
            throw dswValidation(`instance name already exists: ${name}`);
        }
        const now = this.ctx.now();
        const id = `dsw-${this.ctx.ids.alnum(16)}`;
        const config: Record<string, unknown> = { ...body };
        delete config.Labels;
        delete config.Tag;
        delete config.WorkspaceId;
        const rec: DswInstanceRecord = {
            instanceId: id,
            tenantKey: tenant.accessKeyId,
            userId: typeof body.UserId === "string" ? body.UserId : tenant.userId,
            userName: tenant.userName,
            workspaceId: ws.id,
            workspaceName: ws.name,
            config,
            labels,
            tags,
            status: "Creating",
            reasonCode: "",
            reasonMessage: "",
            plan: [],
            gmtCreate: now,
            gmtModified: now,
            accumulatedRunningMs: 0,
            userCommandId: body.UserCommand ? `uc-${this.ctx.ids.alnum(12)}` : undefined,
            urlNumber: 100000 + Math.floor(this.ctx.ids.next() * 899999),
        };
        // Field report (shared/api/dsw.md §4): a bare-number Memory is accepted, then the container fails.
        const rr = body.RequestedResource as Record<string, unknown> | undefined;
        const bareMemory = rr !== undefined && typeof rr.Memory === "string" && /^\d+$/.test(rr.Memory);
        // Planned from the creation moment, so GmtCreateTime + provision is exactly when it runs.
        planCreate(rec, { ...this.clock, now }, bareMemory || this.ctx.faults.failThisCreate());
        if (bareMemory) {
            const last = rec.plan[rec.plan.length - 1];
            last.reasonCode = "";
            last.reasonMessage = "";
        }
        this.records[id] = rec;
        this.ctx.store.markDirty();
        return dswOk({ InstanceId: id });
    }

    private get(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        return dswOk(this.wire(rec, false));
    }

    private list(req: EmuRequest, tenant: DswTenant): EmuResponse {
        this.advanceAll();
        const q = req.query;
        const page = intParam(q.PageNumber, "PageNumber", 1, 1, 100000);
        const size = intParam(q.PageSize, "PageSize", 10, 1, 100);
        if ((q.SortBy && !q.Order) || (!q.SortBy && q.Order)) {
            throw dswValidation("SortBy and Order must be specified together.");
        }
        const sortBy = q.SortBy ?? "GmtModifiedTime";
        const sortKey: Record<string, (r: DswInstanceRecord) => number> = {
            Priority: (r) => Number(r.config.Priority ?? 1),
            GmtCreateTime: (r) => r.gmtCreate,
            gmtCreate: (r) => r.gmtCreate,
            GmtModifiedTime: (r) => r.gmtModified,
        };
        if (!sortKey[sortBy]) {
            throw dswValidation(`SortBy must be one of Priority, GmtCreateTime, GmtModifiedTime; got "${sortBy}".`);
        }
        const order = (q.Order ?? "DESC").toUpperCase();
        if (order !== "ASC" && order !== "DESC") {
            throw dswValidation(`Order must be ASC or DESC; got "${q.Order}".`);
        }
        const filter = listFilter(q, tenant, this.ctx.options.dswRegion);
        const matched = Object.values(this.records)
            .filter((r) => this.visible(r, tenant) && filter(r))
            .sort((a, b) => {
                const d = sortKey[sortBy](a) - sortKey[sortBy](b) || (a.instanceId < b.instanceId ? -1 : 1);
                return order === "ASC" ? d : -d;
            });
        const items = matched.slice((page - 1) * size, page * size).map((r) => this.wire(r, true));
        return dswOk({ TotalCount: matched.length, Instances: items });
    }

    private update(req: EmuRequest, params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        const body = this.body(req);
        validateUpdate(body);
        if (rec.status === "Deleting" || DSW_TRANSITIONAL.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; UpdateInstance is not allowed now.`);
        }
        const needsStop = RESTART_REQUIRED_FIELDS.filter((f) => body[f] !== undefined && body[f] !== false);
        if (needsStop.length > 0 && !DSW_HOLDS_NO_COMPUTE.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; stop it before updating ${needsStop.join(", ")}.`);
        }
        const name = body.InstanceName;
        if (typeof name === "string" && name !== rec.config.InstanceName) {
            const clash = Object.values(this.records).some((r) => r !== rec && r.workspaceId === rec.workspaceId && r.config.InstanceName === name);
            if (clash) {
                throw dswValidation(`instance name already exists: ${name}`);
            }
        }
        for (const [flag, fields] of Object.entries(DISASSOCIATE)) {
            if (body[flag] === true) {
                fields.forEach((f) => delete rec.config[f]);
            }
        }
        if (body.DisassociateForwardInfos === true && rec.config.UserVpc) {
            (rec.config.UserVpc as Record<string, unknown>).ForwardInfos = [];
        }
        const ignored = new Set(["StartInstance", "Labels", "Tag", "WorkspaceId", "ResourceId", ...Object.keys(DISASSOCIATE), "DisassociateForwardInfos"]);
        for (const [k, v] of Object.entries(body)) {
            if (!ignored.has(k) && !k.startsWith("Disassociate")) {
                rec.config[k] = v;
            }
        }
        if (body.UserCommand) {
            rec.userCommandId = rec.userCommandId ?? `uc-${this.ctx.ids.alnum(12)}`;
        }
        planUpdate(rec, this.clock, body.StartInstance === true);
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private remove(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        if (rec.status === "Deleting") {
            throw dswValidation("The instance is already being deleted.");
        }
        planDelete(rec, this.clock);
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private start(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        if (!DSW_HOLDS_NO_COMPUTE.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; StartInstance requires Stopped or Failed.`);
        }
        planStart(rec, this.clock);
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private stop(req: EmuRequest, params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        const stoppable = new Set(["Running", "Creating", "Queuing", "ResourceAllocating", "Starting", "EnvPreparing"]);
        if (!stoppable.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; StopInstance is not allowed now.`);
        }
        const save = req.query.SaveImage;
        if (save !== undefined && save !== "true" && save !== "false") {
            throw dswValidation("SaveImage must be true or false.");
        }
        planStop(rec, this.clock);
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private notDeleting(rec: DswInstanceRecord, action: string): void {
        if (rec.status === "Deleting") {
            throw dswValidation(`The instance is Deleting; ${action} is not allowed.`);
        }
    }

    private createTimer(req: EmuRequest, params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        this.notDeleting(rec, "CreateInstanceShutdownTimer");
        const due = validateTimer(this.body(req), this.ctx.now());
        const now = this.ctx.now();
        rec.timer = { dueTime: due, gmtCreate: rec.timer?.gmtCreate ?? now, gmtModified: now };
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private getTimer(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        const t = timerWire(rec, this.ctx.now());
        if (!t) {
            throw new DswApiError(404, "InternalError", `The instance ${rec.instanceId} has no shutdown timer.`);
        }
        return dswOk(t);
    }

    private deleteTimer(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        this.notDeleting(rec, "DeleteInstanceShutdownTimer");
        rec.timer = undefined;
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private createCuller(req: EmuRequest, params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        this.notDeleting(rec, "CreateIdleInstanceCuller");
        if (rec.culler) {
            throw dswValidation("The instance already has an idle culler; delete it first.");
        }
        const c = validateCuller(this.body(req));
        if (c.gpuPercentThreshold !== undefined && resourcesOf(rec).gpu === 0) {
            throw dswValidation("GpuPercentThreshold applies to GPU instances only.");
        }
        rec.culler = c;
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private getCuller(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        const c = cullerWire(rec, { now: this.ctx.now(), secondMs: this.ctx.options.secondMs });
        if (!c) {
            throw new DswApiError(404, "InternalError", `The instance ${rec.instanceId} has no idle culler.`);
        }
        return dswOk(c);
    }

    private deleteCuller(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        this.notDeleting(rec, "DeleteIdleInstanceCuller");
        rec.culler = undefined;
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private updateLabels(req: EmuRequest, params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        this.notDeleting(rec, "UpdateInstanceLabels");
        const body = this.body(req);
        if (!Array.isArray(body.Labels)) {
            throw dswValidation("Labels is required and must be an array.");
        }
        const labels = validateLabels(body.Labels as Array<Record<string, unknown>>, "Labels");
        for (const l of labels) {
            const existing = rec.labels.find((x) => x.Key === l.Key);
            if (existing) {
                existing.Value = l.Value;
            } else {
                rec.labels.push(l);
            }
        }
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private deleteLabels(req: EmuRequest, params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        this.notDeleting(rec, "DeleteInstanceLabels");
        const keys = req.query.LabelKeys;
        if (!keys) {
            throw dswValidation("LabelKeys is required.");
        }
        const drop = new Set(keys.split(","));
        rec.labels = rec.labels.filter((l) => !drop.has(l.Key));
        this.touch(rec);
        return dswOk({ InstanceId: rec.instanceId });
    }

    private events(params: Params, tenant: DswTenant): EmuResponse {
        const rec = this.find(params.InstanceId, tenant);
        const events = rec.reasonMessage ? [`${rec.reasonCode || "Event"}: ${rec.reasonMessage}`] : [];
        return dswOk({ InstanceId: rec.instanceId, Events: events, TotalCount: events.length });
    }
}

function intParam(value: string | undefined, name: string, dflt: number, min: number, max: number): number {
    if (value === undefined || value === "") {
        return dflt;
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
        throw dswValidation(`${name} must be an integer from ${min} to ${max}.`);
    }
    return n;
}

function numParam(value: string | undefined, name: string): number | undefined {
    if (value === undefined || value === "") {
        return undefined;
    }
    const n = Number(value);
    if (!Number.isFinite(n)) {
        throw dswValidation(`${name} must be a number.`);
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

/** Builds the predicate for ListInstances' filters (seed 000 request table). */
function listFilter(q: Record<string, string>, tenant: DswTenant, region: string): (r: DswInstanceRecord) => boolean {
    const preds: Array<(r: DswInstanceRecord) => boolean> = [];
    const ws = q.WorkspaceId;
    if (ws !== "ALL") {
        const id = ws || tenant.defaultWorkspaceId || tenant.workspaces[0]?.id;
        if (ws && !tenant.workspaces.some((w) => w.id === ws)) {
            throw dswForbidden("ListInstances", `acs:paidsw:${region}:${tenant.userId}:workspace/${ws}`);
        }
        preds.push((r) => r.workspaceId === id);
    }
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
