/**
 * Routes of the notebook API Huawei recommends today (DevEnviron, `/v1/{project_id}/notebooks`;
 * docs/modelarts-notebooks-api.md): create, list, show, update, delete, start, stop, the lease
 * (show, renew) and tags; the catalog (images, flavors) is in catalogRoutes.ts. Each parses its
 * request, calls one backend method and serializes the answer; authentication and the project
 * check happen before (server.ts).
 */
import { MaPrincipal } from "../auth/apig";
import { EmuContext } from "../context";
import { EmuRequest, EmuResponse, Params, Route, parseJsonObject, route } from "../http";
import { intParam } from "../params";
import { MaApiError, maOk } from "../huawei/envelope";
import { NB_SORT_KEYS, NbBackend, NbChange, NbListQuery, NbSortKey } from "./backend";
import { catalogRoutes } from "./catalogRoutes";
import { nbError } from "./errors";
import { NB_STATUSES, NbRecord, leaseWire, nbToWire } from "./model";
import { validateDescription, validateEndpoints, validateLeaseMs, validateName, validateNbCreate, validateTags } from "./validate";

export type NbHandler = (req: EmuRequest, params: Params, principal: MaPrincipal) => EmuResponse;

const UPDATABLE = new Set(["name", "description", "endpoints", "flavor", "image_id", "storage_new_size", "hooks"]);

/**
 * Literal segments the generated client puts where a notebook id goes (`/notebooks/tags`,
 * `/notebooks/flavors`, `/notebooks/all`): the gateway routes them to their own APIs, never to
 * the {id} operations, so one of them in an {id} route answers as a missing API.
 */
const NOT_AN_ID = new Set(["tags", "flavors", "all"]);

/** What the API gateway answers for a route it does not publish (as emulator/server.ts does for unknown paths). */
export const notPublished = () => new MaApiError(404, "APIGW.0101", "The API does not exist or has not been published in the environment", true);

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
            ma: ((q, p, a) => {
                if (p.id !== undefined && NOT_AN_ID.has(p.id)) throw notPublished();
                return h(q, p, a);
            }) as NbHandler,
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
            // Before the {id} routes: these paths would match them too.
            r("GET", `${base}/tags`, "ShowNotebookTags", (q, p, a) =>
                maOk({ tags: b.notebookTags(a.tenant, p.project_id, workspaceParam(q.query, "workspace_id")) }),
            ),
            r("GET", base, "ListNotebooks", (q, p, a) => {
                const query = parseListQuery(q.query, this.ctx.options.notebooksListMaxLimit);
                const { total, page } = b.listNotebooks(a.tenant, p.project_id, query);
                return maOk({
                    // Page numbers count from 1 (ListNotebooksResponse.current: "正整数", a positive integer).
                    current: Math.floor(query.offset / query.limit) + 1,
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
                const leaseType = type === undefined ? undefined : (type.toUpperCase() as "TIMING" | "IDLE");
                return nb(b.startNotebook(a.tenant, p.project_id, p.id, d === undefined ? undefined : validateLeaseMs(d), leaseType));
            }),
            r("POST", `${one}/stop`, "StopNotebook", (_q, p, a) => nb(b.stopNotebook(a.tenant, p.project_id, p.id))),
            r("GET", `${one}/lease`, "ShowLease", (_q, p, a) => maOk(leaseWire(b.lease(a.tenant, p.project_id, p.id).lease))),
            r("PATCH", `${one}/lease`, "RenewLease", (q, p, a) => {
                b.find(a.tenant, p.project_id, p.id);
                const lease = parseRenewLease(q.query, this.body(q));
                return maOk(leaseWire(b.renewLease(a.tenant, p.project_id, p.id, lease.ms, lease.type).lease));
            }),
            r("POST", `${one}/tags/create`, "CreateNotebookTags", (q, p, a) => {
                b.findInWorkspace(a.tenant, p.project_id, p.id, workspaceParam(q.query, "workspace_id"));
                b.putTags(a.tenant, p.project_id, p.id, validateTags(this.body(q).tags, true));
                return maOk({});
            }),
            r("DELETE", `${one}/tags/delete`, "DeleteNotebookTags", (q, p, a) => {
                b.findInWorkspace(a.tenant, p.project_id, p.id, workspaceParam(q.query, "workspace_id"));
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

const WORKSPACE = /^(0|[0-9a-z]{32})$/;

function workspaceParam(q: Record<string, string>, name: string): string | undefined {
    const v = q[name];
    if (v !== undefined && !WORKSPACE.test(v)) throw nbError("6336", `'${name}' property value is incorrect.`);
    return v;
}

/**
 * RenewLease (generated client's RenewLeaseRequest): the duration "recommended in the body"
 * (LeaseReq `{duration, type}`); a `duration` in the query wins, the body is then ignored and the
 * type is TIMING. Neither: 6335 as before.
 */
function parseRenewLease(q: Record<string, string>, body: Record<string, unknown>): { ms: number; type: "TIMING" | "IDLE" } {
    if (q.duration !== undefined) return { ms: validateLeaseMs(q.duration), type: "TIMING" };
    if (body.duration === undefined) throw nbError("6335", "'duration' is a required property.");
    const type = body.type === undefined ? "TIMING" : typeof body.type === "string" ? body.type.toUpperCase() : "";
    if (type !== "TIMING" && type !== "IDLE") throw nbError("6336", "'type' property value is incorrect.");
    return { ms: validateLeaseMs(body.duration), type };
}

const POOL_ID = /^[a-z][a-z0-9-]{2,62}[a-z0-9]$/;

/**
 * ListNotebooks' `tags`: tags separated by `,` or `|`, each `key` or `key=value`; not starting
 * with `,` or `|`, not ending with `,`, no `,`/`|` twice in a row (the generated model's rule).
 * Every listed tag must be on the notebook (unconfirmed: the model gives the syntax, not the matching).
 */
function parseTagsFilter(v: string | undefined): NbListQuery["tags"] {
    if (v === undefined) return [];
    if (v === "" || /^[,|]/.test(v) || v.endsWith(",") || /[,|]{2}/.test(v)) throw nbError("6336", "'tags' property value is incorrect.");
    return v.split(/[,|]/).map((item) => {
        const eq = item.indexOf("=");
        return eq < 0 ? { key: item } : { key: item.slice(0, eq), value: item.slice(eq + 1) };
    });
}

/**
 * ListNotebooks' query, every parameter of the generated request definition
 * (GenReqDefForListNotebooks): each filters or is refused, none is ignored. The workspace is
 * `workspace_id` (generated client, current reference) or `workspaceId` (older reference,
 * Terraform's client); both are taken, `workspace_id` first (docs §1).
 */
/** ListNotebooks' largest page. */
export const NB_LIST_MAX_LIMIT = 50;

function parseListQuery(q: Record<string, string>, maxLimit: number): NbListQuery {
    const wrong = (name: string) => nbError("6336", `'${name}' property value is incorrect.`);
    const int = (name: string, dflt: number, min: number, max?: number) => intParam(q[name], { dflt, min, max }, () => wrong(name));
    if (q.status !== undefined && !(NB_STATUSES as readonly string[]).includes(q.status)) throw wrong("status");
    const feature = q.feature ?? "NOTEBOOK";
    if (feature !== "NOTEBOOK" && feature !== "DEFAULT") throw wrong("feature");
    const sortDir = (q.sort_dir ?? "DESC").toUpperCase();
    if (sortDir !== "ASC" && sortDir !== "DESC") throw wrong("sort_dir");
    const sortKeys = q.sort_key === undefined ? [] : q.sort_key.split(",").map((k) => k.trim());
    if (!sortKeys.every((k) => (NB_SORT_KEYS as readonly string[]).includes(k))) throw nbError("6303", "The field does not support sorting.");
    if (q.name !== undefined && q.name.length > 128) throw wrong("name");
    if (q.pool_id !== undefined && !POOL_ID.test(q.pool_id)) throw wrong("pool_id");
    if (q.owner !== undefined && !/^[0-9a-z]{32}$/.test(q.owner)) throw wrong("owner");
    const billing = q.billing?.toUpperCase();
    if (billing !== undefined && !["COMPUTE", "STORAGE", "ALL"].includes(billing)) throw wrong("billing");
    return {
        name: q.name,
        status: q.status,
        feature,
        poolId: q.pool_id,
        owner: q.owner,
        workspaceId: workspaceParam(q, "workspace_id") ?? workspaceParam(q, "workspaceId") ?? "0",
        id: q.id,
        flavor: q.flavor,
        imageId: q.image_id,
        billing: billing === "ALL" ? undefined : (billing as NbListQuery["billing"]),
        tags: parseTagsFilter(q.tags),
        sortKeys: sortKeys as NbSortKey[],
        sortDir,
        offset: int("offset", 0, 0),
        // The service documents `limit` as one of 10, 20, 50 ([gen], current [ref]): nothing pages
        // above 50, so a fleet's listing costs what it would at the cloud (docs §1.2).
        limit: int("limit", 10, 1, maxLimit),
    };
}
