/**
 * The catalog operations of the current notebook API, answered from the region catalog
 * (../catalog.ts) that CreateNotebook and UpdateNotebook check against: ListImage
 * (`GET /v1/{project_id}/images`), ListFlavors (`GET …/notebooks/flavors`) and
 * ShowSwitchableFlavors (`GET …/notebooks/{id}/flavors`). Each query parameter of the generated
 * request definitions (huaweicloud-sdk-go-v3 v0.1.207 modelArts_meta.go `GenReqDefForListImage`,
 * `GenReqDefForListFlavors`, `GenReqDefForShowSwitchableFlavors`) filters as its model documents
 * or is refused; none is ignored (docs/modelarts-notebooks-api.md §Catalog).
 */
import { MaPrincipal } from "../auth/apig";
import { EmuContext } from "../context";
import { EmuRequest, EmuResponse, Params, Route, route } from "../http";
import { maOk } from "../huawei/envelope";
import { FLAVORS, FlavorInfo, NB_IMAGES, NbImage, imageWire, notebookFlavorWire } from "../huawei/catalog";
import { NbBackend } from "./backend";
import { nbError } from "./errors";

type Handler = (req: EmuRequest, params: Params, principal: MaPrincipal) => EmuResponse;
type Query = Record<string, string>;

const wrong = (f: string) => nbError("6336", `'${f}' property value is incorrect.`);

function intParam(q: Query, name: string, min: number): number | undefined {
    const v = q[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isInteger(n) || n < min) throw wrong(name);
    return n;
}

function enumParam<T extends string>(q: Query, name: string, allowed: readonly T[], upper = true): T | undefined {
    const v = q[name];
    if (v === undefined) return undefined;
    const norm = upper ? v.toUpperCase() : v;
    if (!(allowed as readonly string[]).includes(norm)) throw wrong(name);
    return norm as T;
}

function boolParam(q: Query, name: string): boolean | undefined {
    const v = q[name];
    if (v === undefined) return undefined;
    if (v !== "true" && v !== "false") throw wrong(name);
    return v === "true";
}

/** `sort_key`: comma-separated, ≤128 characters of letters, digits, `-`, `_`, `,`; each a sortable field. */
function sortKeys(q: Query, sortable: ReadonlySet<string>): string[] {
    const v = q.sort_key;
    if (v === undefined) return [];
    if (v.length > 128 || !/^[A-Za-z0-9_,-]+$/.test(v)) throw wrong("sort_key");
    const keys = v.split(",").filter((k) => k !== "");
    if (!keys.every((k) => sortable.has(k))) throw nbError("6303", "The field does not support sorting.");
    return keys;
}

function sorted<T>(
    items: Array<[string, T]>,
    keys: string[],
    dir: "ASC" | "DESC",
    value: (id: string, item: T, key: string) => string | number,
): Array<[string, T]> {
    if (keys.length === 0) return items;
    const sign = dir === "ASC" ? 1 : -1;
    return [...items].sort((a, b) => {
        for (const k of keys) {
            const x = value(a[0], a[1], k);
            const y = value(b[0], b[1], k);
            if (x !== y) return sign * (x < y ? -1 : 1);
        }
        return a[0] < b[0] ? -1 : 1;
    });
}

/** One page in the shape of the generated list models: `current` is a page number from 1. */
function page<T>(all: T[], offset: number, limit: number | undefined): { current: number; pages: number; size: number; total: number; items: T[] } {
    const items = limit === undefined ? all.slice(offset) : all.slice(offset, offset + limit);
    const size = limit ?? Math.max(all.length - offset, 0);
    return {
        current: limit === undefined ? 1 : Math.floor(offset / limit) + 1,
        pages: limit === undefined ? (all.length > 0 ? 1 : 0) : Math.ceil(all.length / limit),
        size,
        total: all.length,
        items,
    };
}

const IMAGE_SORT = new Set(["name", "create_at", "update_at", "size", "tag"]);
const FLAVOR_SORT = new Set(["name", "id", "vcpus", "memory", "category"]);

function imageSortValue(_id: string, i: NbImage, key: string): string | number {
    if (key === "create_at" || key === "update_at") return i.createAt;
    if (key === "size") return i.size;
    if (key === "tag") return i.tag;
    return i.name;
}

function flavorSortValue(id: string, f: FlavorInfo, key: string): string | number {
    if (key === "vcpus") return f.vcpus;
    if (key === "memory") return f.memoryMb;
    if (key === "category") return f.type;
    return id;
}

/** ListImage: `type` defaults to BUILD_IN, `workspace_id` to "0"; built-in images are listed in every workspace. */
function listImage(q: Query): Record<string, unknown> {
    const limit = intParam(q, "limit", 1) ?? 200;
    const offset = intParam(q, "offset", 0) ?? 0;
    const type = enumParam(q, "type", ["BUILD_IN", "DEDICATED"] as const) ?? "BUILD_IN";
    const workspaceId = q.workspace_id ?? "0";
    if (!/^(0|[0-9a-z]{32})$/.test(workspaceId)) throw wrong("workspace_id");
    const name = q.name;
    if (name !== undefined && (name.length > 512 || !/^[a-z0-9._-]*$/.test(name))) throw wrong("name");
    const fuzzy = boolParam(q, "name_fuzzy_match") ?? true;
    const namespace = q.namespace;
    if (namespace !== undefined && (namespace.length > 64 || !/^[a-z][A-Za-z0-9._-]*$/.test(namespace))) throw wrong("namespace");
    const serviceType = enumParam(q, "service_type", ["COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"] as const);
    const sortDir = enumParam(q, "sort_dir", ["ASC", "DESC"] as const) ?? "DESC";
    const keys = sortKeys(q, IMAGE_SORT);
    const matched = Object.entries(NB_IMAGES).filter(
        ([, i]) =>
            i.type === type &&
            (i.type === "BUILD_IN" || i.workspaceId === workspaceId) &&
            (name === undefined || (fuzzy ? i.name.includes(name) : i.name === name)) &&
            (namespace === undefined || i.namespace === namespace) &&
            (serviceType === undefined || i.serviceType === serviceType) &&
            (q.show_name === undefined || i.showName === q.show_name) &&
            (q.show_tag === undefined || i.showTag === q.show_tag),
    );
    // Newest first unless a sort key says otherwise (the reference's default order).
    const ordered = sorted(matched, keys.length > 0 ? keys : ["create_at"], sortDir, imageSortValue);
    const p = page(ordered, offset, limit);
    return { current: p.current, data: p.items.map(([id]) => imageWire(id)), pages: p.pages, size: p.size, total: p.total };
}

function flavorPage(entries: Array<[string, FlavorInfo]>, q: Query, soldOut: readonly string[]): Record<string, unknown> {
    const limit = intParam(q, "limit", 1);
    const offset = intParam(q, "offset", 0) ?? 0;
    const sortDir = enumParam(q, "sort_dir", ["ASC", "DESC"] as const) ?? "DESC";
    // Sorted by id unless a key is given, so sort_dir always applies (the generated ListFlavorsRequest: default DESC).
    const keys = sortKeys(q, FLAVOR_SORT);
    const p = page(sorted(entries, keys.length > 0 ? keys : ["id"], sortDir, flavorSortValue), offset, limit);
    return { current: p.current, flavors: p.items.map(([id]) => notebookFlavorWire(id, soldOut)), pages: p.pages, size: p.size, total: p.total };
}

/** ListFlavors: `feature` NOTEBOOK (default) lists the paid flavors, DEFAULT the free CodeLab ones. */
function listFlavors(q: Query, soldOut: readonly string[]): Record<string, unknown> {
    const category = enumParam(q, "category", ["CPU", "GPU", "ASCEND"] as const);
    const cluster = enumParam(q, "type", ["MANAGED", "DEDICATED"] as const);
    const feature = enumParam(q, "feature", ["NOTEBOOK", "DEFAULT"] as const) ?? "NOTEBOOK";
    const flavorType = enumParam(q, "flavor_type", ["ASCEND_SNT9", "ASCEND_SNT9B", "ASCEND_SNT3"] as const);
    const entries = Object.entries(FLAVORS).filter(
        ([, f]) =>
            (category === undefined || f.type === category) &&
            (cluster === undefined || f.clusters.includes(cluster)) &&
            f.free === (feature === "DEFAULT") &&
            (flavorType === undefined || f.flavorType === flavorType),
    );
    return flavorPage(entries, q, soldOut);
}

export function catalogRoutes(ctx: EmuContext, backend: NbBackend): Array<Route & { ma: Handler }> {
    const r = (method: string, path: string, op: string, h: Handler) => ({
        ...route(method, path, op, () => {
            throw new Error("ModelArts routes are dispatched with a principal");
        }),
        ma: h,
    });
    const soldOut = () => ctx.store.state.soldOutFlavors;
    // Before `…/notebooks/{id}`: routes match in order, and "flavors" is no notebook id.
    return [
        r("GET", "/v1/{project_id}/images", "ListImage", (q) => maOk(listImage(q.query))),
        r("GET", "/v1/{project_id}/notebooks/flavors", "ListFlavors", (q) => maOk(listFlavors(q.query, soldOut()))),
        r("GET", "/v1/{project_id}/notebooks/{id}/flavors", "ShowSwitchableFlavors", (q, p, a) => {
            const rec = backend.find(a.tenant, p.project_id, p.id);
            const ids = new Set(backend.switchableFlavors(rec));
            return maOk(
                flavorPage(
                    Object.entries(FLAVORS).filter(([id]) => ids.has(id)),
                    q.query,
                    soldOut(),
                ),
            );
        }),
    ];
}
