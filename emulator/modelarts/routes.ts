/**
 * ModelArts DevEnviron `demanager` routes (shared/api/modelarts.md §3): create, list, get,
 * update (description, auto_stop), delete, action (start/stop/restart), token.
 */
import { MaPrincipal } from "../auth/apig";
import { EmuContext } from "../context";
import { EmuRequest, EmuResponse, Params, Route, advanceRecords, parseJsonObject, route } from "../http";
import { maError, maNotFound, maOk } from "./envelope";
import { MA_TRANSITIONAL, advanceMa, planMaCreate, planMaDelete, planMaRestart, planMaStart, planMaStop } from "./lifecycle";
import { MA_STATUSES, MaInstanceRecord, maToWire } from "./model";
import { validateAutoStop, validateDescription, validateMaCreate } from "./validate";

export type MaHandler = (req: EmuRequest, params: Params, principal: MaPrincipal) => EmuResponse;

function uuidLike(ctx: EmuContext): string {
    const h = ctx.ids.alnum(32).replace(/[g-z]/g, (c) => "abcdef"[c.charCodeAt(0) % 6]);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export class ModelArtsApi {
    readonly routes: Array<Route & { ma: MaHandler }>;

    constructor(private ctx: EmuContext) {
        const r = (method: string, path: string, op: string, h: MaHandler) => ({
            ...route(method, path, op, () => {
                throw new Error("ModelArts routes are dispatched with a principal");
            }),
            ma: h,
        });
        const base = "/v1/{project_id}/demanager/instances";
        const one = `${base}/{instance_id}`;
        this.routes = [
            r("POST", base, "CreateInstance", (q, p, a) => this.create(q, p, a)),
            r("GET", base, "ListInstances", (q, p, a) => this.list(q, p, a)),
            r("GET", one, "GetInstance", (_q, p, a) => this.get(p, a)),
            r("PUT", one, "UpdateInstance", (q, p, a) => this.update(q, p, a)),
            r("DELETE", one, "DeleteInstance", (_q, p, a) => this.remove(p, a)),
            r("POST", `${one}/action`, "InstanceAction", (q, p, a) => this.action(q, p, a)),
            r("GET", `${one}/token`, "GetInstanceToken", (_q, p, a) => this.token(p, a)),
        ];
    }

    private get clock() {
        return { now: this.ctx.now(), durations: this.ctx.options.durations, secondMs: this.ctx.options.secondMs, random: () => this.ctx.phases.next() };
    }

    private get records(): Record<string, MaInstanceRecord> {
        return this.ctx.store.state.modelarts;
    }

    advanceAll(): boolean {
        const changed = advanceRecords(this.records, (r) => advanceMa(r, this.clock));
        if (changed) {
            this.ctx.store.markDirty();
        }
        return changed;
    }

    /** The project in the path must belong to the caller (and match a token's scope / X-Project-Id). */
    checkProject(req: EmuRequest, projectId: string, p: MaPrincipal): void {
        const owns = p.tenant.projects.some((x) => x.id === projectId);
        const scoped = p.projectId === undefined || p.projectId === projectId;
        const header = req.headers["x-project-id"];
        if (!owns || !scoped || (header !== undefined && header !== projectId)) {
            throw maError("6653", "You are not authorized to access this project.", 403);
        }
    }

    private wire(rec: MaInstanceRecord): Record<string, unknown> {
        return maToWire(rec, {
            now: this.ctx.now(),
            region: this.ctx.options.modelartsRegion,
            secondMs: this.ctx.options.secondMs,
            soldOut: this.ctx.store.state.soldOutFlavors,
        });
    }

    find(projectId: string, id: string, p: MaPrincipal): MaInstanceRecord {
        const rec = this.records[id];
        if (rec && advanceMa(rec, this.clock) === "deleted") {
            delete this.records[id];
            this.ctx.store.markDirty();
            throw maNotFound();
        }
        if (!rec || rec.projectId !== projectId || rec.tenantKey !== p.tenant.accessKey) {
            throw maNotFound();
        }
        return rec;
    }

    private body(req: EmuRequest): Record<string, unknown> {
        const b = parseJsonObject(req.body);
        if (b instanceof Error) {
            throw maError("6400", `Invalid payload: ${b.message}`);
        }
        if (b === undefined) {
            throw maError("6400", "Invalid payload: the request body is empty.");
        }
        return b;
    }

    private create(req: EmuRequest, params: Params, p: MaPrincipal): EmuResponse {
        const v = validateMaCreate(this.body(req), this.ctx.store.state.soldOutFlavors);
        this.advanceAll();
        const mine = Object.values(this.records).filter((r) => r.projectId === params.project_id && r.tenantKey === p.tenant.accessKey);
        if (mine.some((r) => r.name === v.name && r.status !== "DELETED")) {
            throw maError("6301", `The instance name ${v.name} already exists.`);
        }
        if (mine.length >= this.ctx.options.modelartsMaxInstances) {
            throw maError("6302", "The maximum number of instances has been reached.");
        }
        const now = this.ctx.now();
        const rec: MaInstanceRecord = {
            id: `DE-${uuidLike(this.ctx)}`,
            projectId: params.project_id,
            tenantKey: p.tenant.accessKey,
            userId: p.tenant.userId,
            userName: p.tenant.userName,
            ...v,
            status: "CREATING",
            plan: [],
            creationTs: now,
            updateTs: now,
        };
        planMaCreate(rec, { ...this.clock, now }, this.ctx.faults.failThisCreate());
        this.records[rec.id] = rec;
        this.ctx.store.markDirty();
        return maOk(this.wire(rec));
    }

    private list(req: EmuRequest, params: Params, p: MaPrincipal): EmuResponse {
        this.advanceAll();
        const q = req.query;
        if (q.de_type === undefined) {
            throw maError("6335", "The required property de_type is missing.");
        }
        if (q.de_type !== "Notebook") {
            throw maError("6336", "The value of de_type is invalid; only Notebook is supported.");
        }
        if (q.provision_type !== undefined && q.provision_type !== "Docker") {
            throw maError("6336", "The value of provision_type is invalid; only Docker is supported.");
        }
        if (q.status !== undefined && !(MA_STATUSES as readonly string[]).includes(q.status)) {
            throw maError("6336", `The value of status is invalid: ${q.status}.`);
        }
        const sortby = q.sortby ?? "name";
        if (sortby !== "name" && sortby !== "creation_timestamp") {
            throw maError("6303", `The field ${sortby} does not support sorting.`);
        }
        const order = q.order ?? "asc";
        if (order !== "asc" && order !== "desc") {
            throw maError("6336", "The value of order is invalid; use asc or desc.");
        }
        const int = (name: string, dflt: number) => {
            const v = q[name];
            if (v === undefined) return dflt;
            const n = Number(v);
            if (!Number.isInteger(n) || n < 0) {
                throw maError("6336", `The value of ${name} is invalid; a non-negative integer is expected.`);
            }
            return n;
        };
        const offset = int("offset", 0);
        const limit = int("limit", 0);
        const workspace = q.workspace_id ?? "0";
        // The list filter is `ai_project_id`. Huawei's API reference table names it `ai_project`, but
        // the one independent client of this API that was run against the service, the OTC SDK
        // (opentelekomcloud/python-otcextensions otcextensions/sdk/modelartsv1/v1/devenv.py,
        // `QueryParameters(..., ai_project="ai_project_id")`), deliberately maps its `ai_project`
        // argument to the wire name `ai_project_id`. A working client beats a doc table; the
        // doc's `ai_project` is ignored like any unknown parameter.
        const aiProject = q.ai_project_id;
        const matched = Object.values(this.records)
            .filter(
                (r) =>
                    r.projectId === params.project_id &&
                    r.tenantKey === p.tenant.accessKey &&
                    r.workspaceId === workspace &&
                    (q.status === undefined || r.status === q.status) &&
                    (aiProject === undefined || r.aiProjectId === aiProject) &&
                    (q.pool_id === undefined || r.pool?.id === q.pool_id),
            )
            .sort((a, b) => {
                const d = sortby === "name" ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.creationTs - b.creationTs;
                return order === "asc" ? d : -d;
            });
        const page = limit === 0 ? matched.slice(offset) : matched.slice(offset, offset + limit);
        return maOk({ instances: page.map((r) => this.wire(r)), total_count: matched.length });
    }

    private get(params: Params, p: MaPrincipal): EmuResponse {
        return maOk(this.wire(this.find(params.project_id, params.instance_id, p)));
    }

    private update(req: EmuRequest, params: Params, p: MaPrincipal): EmuResponse {
        const rec = this.find(params.project_id, params.instance_id, p);
        const body = this.body(req);
        for (const k of Object.keys(body)) {
            if (k !== "description" && k !== "spec") {
                throw maError("6347", `When the instance is in the '${rec.status}' status, the '${k}' parameter cannot be modified.`);
            }
        }
        const spec = body.spec;
        if (spec !== undefined && (spec === null || typeof spec !== "object" || Array.isArray(spec))) {
            throw maError("6332", "The type of parameter spec is incorrect; object expected.");
        }
        const specObj = (spec ?? {}) as Record<string, unknown>;
        for (const k of Object.keys(specObj)) {
            if (k !== "auto_stop") {
                throw maError("6347", `When the instance is in the '${rec.status}' status, the 'spec.${k}' parameter cannot be modified.`);
            }
        }
        if (rec.status === "DELETED" || rec.status === "CREATING" || rec.status === "CREATE_QUEUING") {
            throw maError("6347", `When the instance is in the '${rec.status}' status, the 'spec' parameter cannot be modified.`);
        }
        if (body.description !== undefined) {
            rec.description = validateDescription(body.description);
        }
        const auto = validateAutoStop(specObj.auto_stop);
        if (auto) {
            rec.autoStop = auto;
            // Documented: a new duration applies at the next start. Turning auto-stop off disarms it now.
            if (!auto.enable) {
                rec.stopAt = undefined;
            }
        }
        rec.updateTs = this.ctx.now();
        this.ctx.store.markDirty();
        return maOk(this.wire(rec));
    }

    private remove(params: Params, p: MaPrincipal): EmuResponse {
        const rec = this.find(params.project_id, params.instance_id, p);
        if (rec.status === "DELETED") {
            throw maNotFound();
        }
        if (this.ctx.options.modelartsRefuseDeleteRunning && (rec.status === "RUNNING" || MA_TRANSITIONAL.has(rec.status))) {
            throw maError("6304", "Please stop the instance before deleting.");
        }
        planMaDelete(rec, this.clock);
        this.ctx.store.markDirty();
        return maOk({ instance_id: rec.id });
    }

    private action(req: EmuRequest, params: Params, p: MaPrincipal): EmuResponse {
        const rec = this.find(params.project_id, params.instance_id, p);
        const body = this.body(req);
        const action = body.action;
        if (typeof action !== "string") {
            throw maError("6335", "The required property action is missing.");
        }
        const previous = rec.status;
        const s = rec.status;
        switch (action) {
            case "start":
                if (s === "RUNNING") throw maError("6305", "The instance is already running.");
                if (s === "STARTING") throw maError("6306", "The instance is starting.");
                if (s !== "STOPPED" && s !== "START_FAILED" && s !== "UNAVAILABLE")
                    throw maError("6357", `The operation is not allowed when the instance is ${s}.`);
                planMaStart(rec, this.clock);
                break;
            case "stop":
                if (s === "STOPPED") throw maError("6307", "The instance has been stopped.");
                if (s === "STOPPING") throw maError("6308", "The instance is stopping.");
                if (s === "STARTING" || s === "CREATING") throw maError("6306", "The instance is starting.");
                if (s !== "RUNNING") throw maError("6357", `The operation is not allowed when the instance is ${s}.`);
                planMaStop(rec, this.clock);
                break;
            case "restart":
                if (s !== "RUNNING") throw maError("6327", "The instance is not running.");
                planMaRestart(rec, this.clock);
                break;
            default:
                throw maError("6336", `The value of action is invalid: ${action}.`);
        }
        this.ctx.store.markDirty();
        return maOk({ current_status: rec.status, previous_state: previous });
    }

    private token(params: Params, p: MaPrincipal): EmuResponse {
        const rec = this.find(params.project_id, params.instance_id, p);
        if (rec.status !== "RUNNING") {
            throw maError("6327", "The instance is not running.");
        }
        return maOk({ token: this.ctx.ids.alnum(32) });
    }
}
