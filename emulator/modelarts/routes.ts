/**
 * ModelArts DevEnviron `demanager` routes (docs/modelarts-devenv-api.md §3): create, list, get,
 * update (description, auto_stop), delete, action (start/stop/restart), token. Each parses its
 * request (validate.ts), calls one backend method (backend.ts, which owns the records and rules)
 * and serializes the answer.
 */
import { MaPrincipal } from "../auth/apig";
import { EmuContext } from "../context";
import { EmuRequest, EmuResponse, Params, Route, parseJsonObject, route } from "../http";
import { intParam } from "../params";
import { MaBackend, MaListQuery } from "./backend";
import { maError, maOk } from "../huawei/envelope";
import { MA_STATUSES, MaInstanceRecord, maToWire } from "./model";
import { validateAutoStop, validateDescription, validateMaCreate } from "./validate";

export type MaHandler = (req: EmuRequest, params: Params, principal: MaPrincipal) => EmuResponse;

export class ModelArtsApi {
    readonly routes: Array<Route & { ma: MaHandler }>;

    constructor(
        private ctx: EmuContext,
        readonly backend: MaBackend,
    ) {
        const b = backend;
        const r = (method: string, path: string, op: string, h: MaHandler) => ({
            ...route(method, path, op, () => {
                throw new Error("ModelArts routes are dispatched with a principal");
            }),
            ma: h,
        });
        const base = "/v1/{project_id}/demanager/instances";
        const one = `${base}/{instance_id}`;
        this.routes = [
            r("POST", base, "CreateInstance", (q, p, a) =>
                maOk(this.wire(b.createNotebook(a.tenant, p.project_id, validateMaCreate(this.body(q), this.ctx.store.state.soldOutFlavors)))),
            ),
            r("GET", base, "ListInstances", (q, p, a) => {
                const { total, page } = b.listNotebooks(a.tenant, p.project_id, parseListQuery(q.query));
                return maOk({ instances: page.map((rec) => this.wire(rec)), total_count: total });
            }),
            r("GET", one, "GetInstance", (_q, p, a) => maOk(this.wire(b.find(a.tenant, p.project_id, p.instance_id)))),
            r("PUT", one, "UpdateInstance", (q, p, a) => this.update(q, p, a)),
            r("DELETE", one, "DeleteInstance", (_q, p, a) => maOk({ instance_id: b.deleteNotebook(a.tenant, p.project_id, p.instance_id).id })),
            r("POST", `${one}/action`, "InstanceAction", (q, p, a) => {
                b.find(a.tenant, p.project_id, p.instance_id);
                const action = this.body(q).action;
                if (typeof action !== "string") {
                    throw maError("6335", "The required property action is missing.");
                }
                const { rec, previous } = b.act(a.tenant, p.project_id, p.instance_id, action);
                return maOk({ current_status: rec.status, previous_state: previous });
            }),
            r("GET", `${one}/token`, "GetInstanceToken", (_q, p, a) => maOk({ token: b.token(a.tenant, p.project_id, p.instance_id) })),
        ];
    }

    /** Brings every record up to now (the server calls it before persisting). */
    advanceAll(): boolean {
        return this.backend.advanceAll();
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

    /** Only description and spec.auto_stop may change; any other key is refused, naming it. */
    private update(req: EmuRequest, params: Params, p: MaPrincipal): EmuResponse {
        const rec = this.backend.find(p.tenant, params.project_id, params.instance_id);
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
        const description = body.description !== undefined ? validateDescription(body.description) : undefined;
        const autoStop = validateAutoStop(specObj.auto_stop);
        return maOk(this.wire(this.backend.updateNotebook(p.tenant, params.project_id, params.instance_id, { description, autoStop })));
    }
}

/** The list query (docs/modelarts-devenv-api.md §3.2), checked into a typed query. */
function parseListQuery(q: Record<string, string>): MaListQuery {
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
    const sortBy = q.sortby ?? "name";
    if (sortBy !== "name" && sortBy !== "creation_timestamp") {
        throw maError("6303", `The field ${sortBy} does not support sorting.`);
    }
    const order = q.order ?? "asc";
    if (order !== "asc" && order !== "desc") {
        throw maError("6336", "The value of order is invalid; use asc or desc.");
    }
    const int = (name: string, dflt: number) =>
        intParam(q[name], { dflt, min: 0 }, () => maError("6336", `The value of ${name} is invalid; a non-negative integer is expected.`));
    // The list filter is `ai_project_id`. Huawei's API reference table names it `ai_project`, but
    // the one independent client of this API that was run against the service, the OTC SDK
    // (opentelekomcloud/python-otcextensions otcextensions/sdk/modelartsv1/v1/devenv.py,
    // `QueryParameters(..., ai_project="ai_project_id")`), deliberately maps its `ai_project`
    // argument to the wire name `ai_project_id`. A working client beats a doc table; the
    // doc's `ai_project` is ignored like any unknown parameter.
    return {
        workspaceId: q.workspace_id ?? "0",
        status: q.status,
        aiProjectId: q.ai_project_id,
        poolId: q.pool_id,
        sortBy,
        order,
        offset: int("offset", 0),
        limit: int("limit", 0),
    };
}
