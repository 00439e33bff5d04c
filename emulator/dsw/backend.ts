/**
 * The DSW backend, in moto's shape: it owns the instance records and the service's rules (who sees
 * what, which status allows which operation, what a create or an update changes). Routes
 * (routes.ts) parse a request, call one method here and serialize what it returns; the admin
 * console (admin/routes.ts) acts like a person in the web console through the `console*` methods.
 * Nothing outside this class writes a DSW record.
 */
import { EmuContext } from "../context";
import { advanceRecords } from "../http";
import { DswTenant } from "../options";
import { DswApiError, dswForbidden, dswNotFound, dswValidation } from "./envelope";
import { advanceDsw, planCreate, planDelete, planStart, planStop, planUpdate } from "./lifecycle";
import { DswListQuery } from "./listQuery";
import { DSW_HOLDS_NO_COMPUTE, DSW_TRANSITIONAL, DswInstanceRecord, DswRequestedResource, ECS_SPECS, resourcesOf } from "./model";
import { DISASSOCIATE, DswCreateRequest, DswUpdateRequest, RESTART_REQUIRED_FIELDS } from "./validate";
import { ConsoleError } from "../admin/consoleError";

export type Label = { Key: string; Value: string };

const STOPPABLE = new Set(["Running", "Creating", "Queuing", "ResourceAllocating", "Starting", "EnvPreparing"]);

export class DswBackend {
    constructor(private ctx: EmuContext) {}

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

    private touch(rec: DswInstanceRecord): DswInstanceRecord {
        rec.gmtModified = this.ctx.now();
        this.ctx.store.markDirty();
        return rec;
    }

    private workspaceOf(tenant: DswTenant, requested: string | undefined, action: string) {
        const id = requested || tenant.defaultWorkspaceId || tenant.workspaces[0]?.id;
        const ws = tenant.workspaces.find((w) => w.id === id);
        if (!ws) {
            throw dswForbidden(action, `acs:paidsw:${this.ctx.options.dswRegion}:${tenant.userId}:workspace/${String(id)}`);
        }
        return ws;
    }

    private notDeleting(rec: DswInstanceRecord, action: string): void {
        if (rec.status === "Deleting") {
            throw dswValidation(`The instance is Deleting; ${action} is not allowed.`);
        }
    }

    // --- the API ------------------------------------------------------------------------------

    /** CreateInstance with a validated body; returns the new instance. */
    createInstance(tenant: DswTenant, request: DswCreateRequest): DswInstanceRecord {
        const { config, labels, tags } = request;
        const name = config.InstanceName;
        const ws = this.workspaceOf(tenant, request.workspaceId, "CreateInstance");
        this.advanceAll();
        const clash = Object.values(this.records).some((r) => r.workspaceId === ws.id && r.config.InstanceName === name && r.status !== "Deleting");
        if (clash) {
            throw dswValidation(`instance name already exists: ${name}`);
        }
        const now = this.ctx.now();
        const id = `dsw-${this.ctx.ids.alnum(16)}`;
        const rec: DswInstanceRecord = {
            instanceId: id,
            tenantKey: tenant.accessKeyId,
            userId: request.userId ?? tenant.userId,
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
            userCommandId: config.UserCommand ? `uc-${this.ctx.ids.alnum(12)}` : undefined,
            urlNumber: 100000 + Math.floor(this.ctx.ids.next() * 899999),
        };
        // Field report (docs/dsw-api.md §4): a bare-number Memory is accepted, then the container fails.
        const memory = config.RequestedResource?.Memory;
        const bareMemory = memory !== undefined && /^\d+$/.test(memory);
        // Planned from the creation moment, so GmtCreateTime + provision is exactly when it runs.
        planCreate(rec, { ...this.clock, now }, bareMemory || this.ctx.faults.failThisCreate());
        if (bareMemory) {
            const last = rec.plan[rec.plan.length - 1];
            last.reasonCode = "";
            last.reasonMessage = "";
        }
        this.records[id] = rec;
        this.ctx.store.markDirty();
        return rec;
    }

    /** ListInstances: the matching page and the total count. */
    listInstances(tenant: DswTenant, q: DswListQuery): { total: number; page: DswInstanceRecord[] } {
        this.advanceAll();
        const ws = q.workspaceId;
        if (ws !== "ALL" && ws && !tenant.workspaces.some((w) => w.id === ws)) {
            throw dswForbidden("ListInstances", `acs:paidsw:${this.ctx.options.dswRegion}:${tenant.userId}:workspace/${ws}`);
        }
        const inWorkspace =
            ws === "ALL" ? () => true : (r: DswInstanceRecord) => r.workspaceId === (ws || tenant.defaultWorkspaceId || tenant.workspaces[0]?.id);
        const matched = Object.values(this.records)
            .filter((r) => this.visible(r, tenant) && inWorkspace(r) && q.matches(r))
            .sort((a, b) => {
                const d = q.sortKey(a) - q.sortKey(b) || (a.instanceId < b.instanceId ? -1 : 1);
                return q.order === "ASC" ? d : -d;
            });
        return { total: matched.length, page: matched.slice((q.page - 1) * q.size, q.page * q.size) };
    }

    /** UpdateInstance with a validated body. */
    updateInstance(tenant: DswTenant, id: string, request: DswUpdateRequest): DswInstanceRecord {
        const { changes, flags } = request;
        const rec = this.find(id, tenant);
        if (rec.status === "Deleting" || DSW_TRANSITIONAL.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; UpdateInstance is not allowed now.`);
        }
        const needsStop = RESTART_REQUIRED_FIELDS.filter((f) => flags.has(f) || Object.keys(changes).includes(f));
        if (needsStop.length > 0 && !DSW_HOLDS_NO_COMPUTE.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; stop it before updating ${needsStop.join(", ")}.`);
        }
        const name = changes.InstanceName;
        if (name !== undefined && name !== rec.config.InstanceName) {
            const clash = Object.values(this.records).some((r) => r !== rec && r.workspaceId === rec.workspaceId && r.config.InstanceName === name);
            if (clash) {
                throw dswValidation(`instance name already exists: ${name}`);
            }
        }
        for (const [flag, fields] of Object.entries(DISASSOCIATE)) {
            if (flags.has(flag)) {
                fields.forEach((f) => delete rec.config[f]);
            }
        }
        if (flags.has("DisassociateForwardInfos") && rec.config.UserVpc) {
            rec.config.UserVpc.ForwardInfos = [];
        }
        Object.assign(rec.config, changes);
        if (changes.UserCommand) {
            rec.userCommandId = rec.userCommandId ?? `uc-${this.ctx.ids.alnum(12)}`;
        }
        planUpdate(rec, this.clock, flags.has("StartInstance"));
        return this.touch(rec);
    }

    deleteInstance(tenant: DswTenant, id: string): DswInstanceRecord {
        const rec = this.find(id, tenant);
        if (rec.status === "Deleting") {
            throw dswValidation("The instance is already being deleted.");
        }
        planDelete(rec, this.clock);
        return this.touch(rec);
    }

    startInstance(tenant: DswTenant, id: string): DswInstanceRecord {
        const rec = this.find(id, tenant);
        if (!DSW_HOLDS_NO_COMPUTE.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; StartInstance requires Stopped or Failed.`);
        }
        planStart(rec, this.clock);
        return this.touch(rec);
    }

    stopInstance(tenant: DswTenant, id: string): DswInstanceRecord {
        const rec = this.find(id, tenant);
        if (!STOPPABLE.has(rec.status)) {
            throw dswValidation(`The instance is ${rec.status}; StopInstance is not allowed now.`);
        }
        planStop(rec, this.clock);
        return this.touch(rec);
    }

    /** CreateInstanceShutdownTimer: replaces any timer the instance has. */
    setShutdownTimer(tenant: DswTenant, id: string, dueTime: number): DswInstanceRecord {
        const rec = this.find(id, tenant);
        this.notDeleting(rec, "CreateInstanceShutdownTimer");
        return this.applyTimer(rec, dueTime);
    }

    /** The instance, when it has a shutdown timer (GetInstanceShutdownTimer). */
    withShutdownTimer(tenant: DswTenant, id: string): DswInstanceRecord {
        const rec = this.find(id, tenant);
        if (!rec.timer) {
            throw new DswApiError(404, "InternalError", `The instance ${rec.instanceId} has no shutdown timer.`);
        }
        return rec;
    }

    deleteShutdownTimer(tenant: DswTenant, id: string): DswInstanceRecord {
        const rec = this.find(id, tenant);
        this.notDeleting(rec, "DeleteInstanceShutdownTimer");
        rec.timer = undefined;
        return this.touch(rec);
    }

    createIdleCuller(tenant: DswTenant, id: string, culler: NonNullable<DswInstanceRecord["culler"]>): DswInstanceRecord {
        const rec = this.find(id, tenant);
        this.notDeleting(rec, "CreateIdleInstanceCuller");
        if (rec.culler) {
            throw dswValidation("The instance already has an idle culler; delete it first.");
        }
        if (culler.gpuPercentThreshold !== undefined && resourcesOf(rec).gpu === 0) {
            throw dswValidation("GpuPercentThreshold applies to GPU instances only.");
        }
        rec.culler = culler;
        return this.touch(rec);
    }

    /** The instance, when it has an idle culler (GetIdleInstanceCuller). */
    withIdleCuller(tenant: DswTenant, id: string): DswInstanceRecord {
        const rec = this.find(id, tenant);
        if (!rec.culler) {
            throw new DswApiError(404, "InternalError", `The instance ${rec.instanceId} has no idle culler.`);
        }
        return rec;
    }

    deleteIdleCuller(tenant: DswTenant, id: string): DswInstanceRecord {
        const rec = this.find(id, tenant);
        this.notDeleting(rec, "DeleteIdleInstanceCuller");
        rec.culler = undefined;
        return this.touch(rec);
    }

    /** UpdateInstanceLabels: adds or overwrites the given labels. */
    updateLabels(tenant: DswTenant, id: string, labels: Label[]): DswInstanceRecord {
        const rec = this.find(id, tenant);
        this.notDeleting(rec, "UpdateInstanceLabels");
        for (const l of labels) {
            const existing = rec.labels.find((x) => x.Key === l.Key);
            if (existing) {
                existing.Value = l.Value;
            } else {
                rec.labels.push(l);
            }
        }
        return this.touch(rec);
    }

    deleteLabels(tenant: DswTenant, id: string, keys: readonly string[]): DswInstanceRecord {
        const rec = this.find(id, tenant);
        this.notDeleting(rec, "DeleteInstanceLabels");
        const drop = new Set(keys);
        rec.labels = rec.labels.filter((l) => !drop.has(l.Key));
        return this.touch(rec);
    }

    events(tenant: DswTenant, id: string): string[] {
        const rec = this.find(id, tenant);
        return rec.reasonMessage ? [`${rec.reasonCode || "Event"}: ${rec.reasonMessage}`] : [];
    }

    private applyTimer(rec: DswInstanceRecord, dueTime: number): DswInstanceRecord {
        const now = this.ctx.now();
        rec.timer = { dueTime, gmtCreate: rec.timer?.gmtCreate ?? now, gmtModified: now };
        return this.touch(rec);
    }

    // --- the web console (any tenant's instance, no status rules: a person can do anything) -------

    consoleAll(): DswInstanceRecord[] {
        this.advanceAll();
        return Object.values(this.records);
    }

    consoleRecord(id: string): DswInstanceRecord {
        this.advanceAll();
        const r = this.records[id];
        if (!r) {
            throw new ConsoleError(404, `no DSW instance ${id}`);
        }
        return r;
    }

    consoleStop(id: string): DswInstanceRecord {
        const r = this.consoleRecord(id);
        planStop(r, this.clock);
        return this.touch(r);
    }

    consoleStart(id: string): DswInstanceRecord {
        const r = this.consoleRecord(id);
        planStart(r, this.clock);
        return this.touch(r);
    }

    consoleDelete(id: string): DswInstanceRecord {
        const r = this.consoleRecord(id);
        planDelete(r, this.clock);
        return this.touch(r);
    }

    /** The node under the instance fails. */
    consoleFail(id: string, reasonCode = "NodeError", reasonMessage = "The node hosting the instance failed (emulated)."): DswInstanceRecord {
        const r = this.consoleRecord(id);
        r.plan = [];
        r.runningSince = undefined;
        r.status = "Failed";
        r.reasonCode = reasonCode;
        r.reasonMessage = reasonMessage;
        return this.touch(r);
    }

    /** A resize in the console (drift on ecsSpec / requestedResource). */
    consoleSetSpec(id: string, spec: { EcsSpec?: unknown; RequestedResource?: unknown }): DswInstanceRecord {
        if (spec.EcsSpec !== undefined && (typeof spec.EcsSpec !== "string" || !ECS_SPECS[spec.EcsSpec])) {
            throw new ConsoleError(400, `unknown EcsSpec ${String(spec.EcsSpec)}`);
        }
        const rr = spec.RequestedResource;
        if (rr !== undefined && !isRequestedResource(rr)) {
            throw new ConsoleError(400, "RequestedResource must be an object of strings (CPU, Memory, GPU, GPUType, SharedMemory)");
        }
        const r = this.consoleRecord(id);
        if (spec.EcsSpec !== undefined) r.config.EcsSpec = spec.EcsSpec;
        if (rr !== undefined) r.config.RequestedResource = rr;
        return this.touch(r);
    }

    consoleSetTimer(id: string, dueTime: number): DswInstanceRecord {
        return this.applyTimer(this.consoleRecord(id), dueTime);
    }

    consoleDeleteTimer(id: string): DswInstanceRecord {
        const r = this.consoleRecord(id);
        r.timer = undefined;
        return this.touch(r);
    }

    consoleDeleteCuller(id: string): DswInstanceRecord {
        const r = this.consoleRecord(id);
        r.culler = undefined;
        return this.touch(r);
    }

    /** The notebook has been idle for this many minutes (the culler's clock). */
    consoleMarkIdle(id: string, idleForMinutes: number): DswInstanceRecord {
        const r = this.consoleRecord(id);
        r.idleSince = this.ctx.now() - idleForMinutes * 60 * this.ctx.options.secondMs;
        return this.touch(r);
    }
}

/** A RequestedResource as the console sets it: an object whose fields are strings. */
function isRequestedResource(v: unknown): v is DswRequestedResource {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");
}
