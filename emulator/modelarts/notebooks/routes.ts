/**
 * Routes of the notebook API Huawei recommends today (DevEnviron, `/v1/{project_id}/notebooks`;
 * docs/modelarts-notebooks-api.md): create, list, show, update, delete, start, stop, the lease
 * (show, renew) and tags; the catalog (images, flavors) is in catalogRoutes.ts. Each parses its
 * request, calls one backend method and serializes the answer; authentication and the project
 * check happen before (server.ts).
 */
import { MaPrincipal } from "../../auth/apig";
import { EmuContext } from "../../context";
import { EmuRequest, EmuResponse, Params, Route, parseJsonObject, route } from "../../http";
import { maOk } from "../envelope";
import { NbBackend, NbChange, NbListQuery } from "./backend";
import { catalogRoutes } from "./catalogRoutes";
import { nbError } from "./errors";
import { NB_STATUSES, NbRecord, leaseWire, nbToWire } from "./model";
import { validateDescription, validateEndpoints, validateLeaseMs, validateName, validateNbCreate, validateTags } from "./validate";

export type NbHandler = (req: EmuRequest, params: Params, principal: MaPrincipal) => EmuResponse;

const UPDATABLE = new Set(["name", "description", "endpoints", "flavor", "image_id", "storage_new_size", "hooks"]);

export class NotebooksApi {
    readonly routes: Array<Route & { ma: NbHandler }>;

    constructor(
        private ctx: EmuContext,
        readonly backend: NbBackend,
    ) {
        const b = backend;
        const r = (method: string, path: string, op: string, h: NbHandler) => ({
            ...route(method, path, op, () => {
                throw new Error("ModelArts routes are dispatched with a principal");
            }),
            ma: h,
        });
        const base = "/v1/{project_id}/notebooks";
        const one = `${base}/{id}`;
        const nb = (rec: NbRecord) => maOk(this.wire(rec));
        this.routes = [
            // ListImage, ListFlavors, ShowSwitchableFlavors: the region catalog (catalogRoutes.ts).
            ...catalogRoutes(ctx, backend),
            r("POST", base, "CreateNotebook", (q, p, a) =>
                nb(b.createNotebook(a.tenant, p.project_id, validateNbCreate(this.body(q), this.ctx.store.state.soldOutFlavors))),
            ),
            r("GET", base, "ListNotebooks", (q, p, a) => {
                const query = parseListQuery(q.query);
                const { total, page } = b.listNotebooks(a.tenant, p.project_id, query);
                return maOk({
                    current: Math.floor(query.offset / query.limit),
                    data: page.map((rec) => this.wire(rec)),
                    pages: Math.ceil(total / query.limit),
                    size: query.limit,
                    total,
                });
            }),
            r("GET", one, "ShowNotebook", (_q, p, a) => nb(b.find(a.tenant, p.project_id, p.id))),
            r("PUT", one, "UpdateNotebook", (q, p, a) => {
                b.find(a.tenant, p.project_id, p.id);
                return nb(b.updateNotebook(a.tenant, p.project_id, p.id, parseUpdate(this.body(q))));
            }),
            r("DELETE", one, "DeleteNotebook", (_q, p, a) => nb(b.deleteNotebook(a.tenant, p.project_id, p.id))),
            r("POST", `${one}/start`, "StartNotebook", (q, p, a) => {
                b.find(a.tenant, p.project_id, p.id);
                const d = q.query.duration;
                const type = q.query.type;
                if (type !== undefined && !["TIMING", "IDLE"].includes(type.toUpperCase())) throw nbError("6336", "'type' property value is incorrect.");
                return nb(b.startNotebook(a.tenant, p.project_id, p.id, d === undefined ? undefined : validateLeaseMs(d)));
            }),
            r("POST", `${one}/stop`, "StopNotebook", (_q, p, a) => nb(b.stopNotebook(a.tenant, p.project_id, p.id))),
            r("GET", `${one}/lease`, "ShowLease", (_q, p, a) => maOk(leaseWire(b.lease(a.tenant, p.project_id, p.id).lease))),
            r("PATCH", `${one}/lease`, "RenewLease", (q, p, a) => {
                b.find(a.tenant, p.project_id, p.id);
                if (q.query.duration === undefined) throw nbError("6335", "'duration' is a required property.");
                return maOk(leaseWire(b.renewLease(a.tenant, p.project_id, p.id, validateLeaseMs(q.query.duration)).lease));
            }),
            r("POST", `${one}/tags/create`, "CreateNotebookTags", (q, p, a) => {
                b.find(a.tenant, p.project_id, p.id);
                b.putTags(a.tenant, p.project_id, p.id, validateTags(this.body(q).tags, true));
                return maOk({});
            }),
            r("DELETE", `${one}/tags/delete`, "DeleteNotebookTags", (q, p, a) => {
                b.find(a.tenant, p.project_id, p.id);
                b.deleteTags(
                    a.tenant,
                    p.project_id,
                    p.id,
                    validateTags(this.body(q).tags, false).map((t) => t.key),
                );
                return maOk({});
            }),
        ];
    }

    advanceAll(): boolean {
        return this.backend.advanceAll();
    }

    private wire(rec: NbRecord): Record<string, unknown> {
        return nbToWire(rec, { region: this.ctx.options.modelartsRegion });
    }

    private body(req: EmuRequest): Record<string, unknown> {
        const b = parseJsonObject(req.body);
        if (b instanceof Error) throw nbError("6400", `Invalid request payload ${b.message}, please check.`);
        return b ?? {};
    }
}

function parseUpdate(body: Record<string, unknown>): NbChange {
    for (const k of Object.keys(body)) {
        if (!UPDATABLE.has(k)) throw nbError("6400", `Invalid request payload ${k}, please check.`);
    }
    const size = body.storage_new_size;
    if (size !== undefined && (typeof size !== "number" || !Number.isInteger(size))) {
        throw nbError("6332", "Incorrect parameter type. The 'storage_new_size' parameter must be of the 'integer' type.");
    }
    const str = (k: string) => {
        const v = body[k];
        if (v !== undefined && typeof v !== "string") throw nbError("6332", `Incorrect parameter type. The '${k}' parameter must be of the 'string' type.`);
        return v as string | undefined;
    };
    return {
        name: body.name === undefined ? undefined : validateName(body.name),
        description: body.description === undefined ? undefined : validateDescription(body.description),
        endpoints: body.endpoints === undefined ? undefined : validateEndpoints(body.endpoints),
        flavor: str("flavor"),
        imageId: str("image_id"),
        storageNewSize: size as number | undefined,
    };
}

/** ListNotebooks' query (docs §3): note `workspaceId` in camelCase, as the reference names it. */
function parseListQuery(q: Record<string, string>): NbListQuery {
    const int = (name: string, dflt: number, min: number) => {
        const v = q[name];
        if (v === undefined) return dflt;
        const n = Number(v);
        if (!Number.isInteger(n) || n < min) throw nbError("6336", `'${name}' property value is incorrect.`);
        return n;
    };
    if (q.status !== undefined && !(NB_STATUSES as readonly string[]).includes(q.status)) throw nbError("6336", "'status' property value is incorrect.");
    const feature = q.feature ?? "NOTEBOOK";
    if (feature !== "NOTEBOOK" && feature !== "DEFAULT") throw nbError("6336", "'feature' property value is incorrect.");
    const sortDir = (q.sort_dir ?? "DESC").toUpperCase();
    if (sortDir !== "ASC" && sortDir !== "DESC") throw nbError("6336", "'sort_dir' property value is incorrect.");
    if (q.sort_key !== undefined && !q.sort_key.split(",").every((k) => ["create_at", "update_at", "name", "status"].includes(k.trim()))) {
        throw nbError("6303", "The field does not support sorting.");
    }
    if (q.name !== undefined && q.name.length > 128) throw nbError("6336", "'name' property value is incorrect.");
    return {
        name: q.name,
        status: q.status,
        feature,
        poolId: q.pool_id,
        owner: q.owner,
        workspaceId: q.workspaceId ?? "0",
        sortDir,
        offset: int("offset", 0, 0),
        limit: int("limit", 10, 1),
    };
}
