/**
 * The notebook flavors as the current API lists them (ListFlavors `GET /v1/{project_id}/notebooks/flavors`,
 * ShowSwitchableFlavors `GET …/notebooks/{id}/flavors`): the region's flavor catalog (../model.ts
 * FLAVORS) in the generated model's NotebookFlavor shape (huaweicloud-sdk-go-v3 v0.1.207
 * services/modelarts/v1/model/model_notebook_flavor.go), with the query filters of the generated
 * request definitions (GenReqDefForListFlavors, GenReqDefForShowSwitchableFlavors).
 */
import { FLAVORS } from "../model";
import { nbError } from "./errors";

type Obj = Record<string, unknown>;

const gib = (s: string | number | undefined) => (typeof s === "string" ? Number.parseInt(s, 10) : 0);

/** Ascend chip families as ListFlavors' `flavor_type` names them. */
const CHIP: Readonly<Record<string, string>> = { "Ascend 910": "ASCEND_SNT9", "Ascend 910B": "ASCEND_SNT9B", "Ascend 310": "ASCEND_SNT3" };

/** One NotebookFlavor. `memory` in MiB (unconfirmed unit; the model says only "内存大小"). */
export function flavorWire(id: string, soldOut: readonly string[]): Obj {
    const f = FLAVORS[id];
    const p = f.params as Record<string, string | number | undefined>;
    const out: Obj = {
        id,
        name: id,
        arch: "x86_64",
        category: f.type,
        description: `${f.type} ${p.CPU} vCPUs ${p.memory}${p.gpu_type ? ` ${p.GPU} x ${p.gpu_type}` : ""}${p.npu_type ? ` ${p.NPU} x ${p.npu_type}` : ""}`,
        feature: f.free ? "DEFAULT" : "NOTEBOOK",
        free: f.free,
        sold_out: soldOut.includes(id),
        storages: f.storage.includes("evs") ? ["EVS", "EFS"] : ["EFS"],
        vcpus: Number(p.CPU),
        memory: gib(p.memory as string) * 1024,
        billing: { code: f.free ? "" : `modelarts.notebook.${id}`, unit_num: 1 },
    };
    if (p.GPU !== undefined) out.gpu = { gpu: Number(p.GPU), gpu_memory: "16GiB", type: String(p.gpu_type) };
    if (p.NPU !== undefined) out.ascend = { npu: Number(p.NPU), npu_memory: "32GiB", type: String(p.npu_type), chip: 1 };
    if (f.storage.includes("evs")) out.evs_max_size = "4096";
    return out;
}

const SORT_KEYS = ["id", "name", "category", "vcpus", "memory"] as const;

export interface FlavorPaging {
    sortKeys: Array<(typeof SORT_KEYS)[number]>;
    sortDir: "ASC" | "DESC";
    offset: number;
    limit?: number;
}

const wrong = (f: string) => nbError("6336", `'${f}' property value is incorrect.`);

/** limit, offset, sort_key, sort_dir (shared by ListFlavors and ShowSwitchableFlavors). */
export function parseFlavorPaging(q: Record<string, string>): FlavorPaging {
    const int = (name: string, min: number) => {
        const v = q[name];
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isInteger(n) || n < min) throw wrong(name);
        return n;
    };
    // DESC unless given (ListFlavorsRequest / ShowSwitchableFlavorsRequest sort_dir: 默认取值 DESC).
    const sortDir = (q.sort_dir ?? "DESC").toUpperCase();
    if (sortDir !== "ASC" && sortDir !== "DESC") throw wrong("sort_dir");
    const sortKeys = q.sort_key === undefined ? [] : q.sort_key.split(",").map((k) => k.trim());
    if (!sortKeys.every((k) => (SORT_KEYS as readonly string[]).includes(k))) throw nbError("6303", "The field does not support sorting.");
    return { sortKeys: sortKeys as FlavorPaging["sortKeys"], sortDir, offset: int("offset", 0) ?? 0, limit: int("limit", 1) };
}

/** ListFlavors' own filters: category, type (cluster), flavor_type (Ascend chip), feature. */
export function listFlavorIds(q: Record<string, string>): string[] {
    const category = q.category?.toUpperCase();
    if (category !== undefined && !["CPU", "GPU", "ASCEND"].includes(category)) throw wrong("category");
    const type = q.type;
    if (type !== undefined && !["MANAGED", "DEDICATED", "MANAGED_ROMA", "DEDICATED_ROMA"].includes(type)) throw wrong("type");
    const chip = q.flavor_type;
    if (chip !== undefined && !Object.values(CHIP).includes(chip)) throw wrong("flavor_type");
    const feature = q.feature ?? "NOTEBOOK";
    if (feature !== "NOTEBOOK" && feature !== "DEFAULT") throw wrong("feature");
    // The emulated region has public-pool (MANAGED) flavors only: a dedicated cluster lists none.
    if (type !== undefined && type.startsWith("DEDICATED")) return [];
    return Object.entries(FLAVORS)
        .filter(([, f]) => (feature === "DEFAULT") === f.free)
        .filter(([, f]) => category === undefined || f.type === category)
        .filter(([, f]) => chip === undefined || CHIP[String((f.params as Record<string, unknown>).npu_type)] === chip)
        .map(([id]) => id);
}

/** The page answer both operations give: NotebookFlavor objects in `flavors`, with the page fields (`current` counts from 1). */
export function flavorPage(ids: string[], paging: FlavorPaging, soldOut: readonly string[]): Obj {
    const all = ids.map((id) => flavorWire(id, soldOut));
    const keys = paging.sortKeys.length > 0 ? paging.sortKeys : (["id"] as const);
    all.sort((a, b) => {
        for (const k of keys) {
            const x = a[k] as string | number;
            const y = b[k] as string | number;
            if (x !== y) return (paging.sortDir === "ASC" ? 1 : -1) * (x < y ? -1 : 1);
        }
        return 0;
    });
    const limit = paging.limit ?? Math.max(all.length, 1);
    const page = all.slice(paging.offset, paging.offset + limit);
    return { current: Math.floor(paging.offset / limit) + 1, pages: Math.ceil(all.length / limit), size: limit, total: all.length, flavors: page };
}
