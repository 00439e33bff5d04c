/**
 * ModelArts DevEnviron (`demanager`) instance records and their wire form: the get page's response
 * table (docs/modelarts-devenv-api.md §3.1).
 */
import { FLAVORS } from "../huawei/catalog";

export const MA_STATUSES = [
    "CREATE_QUEUING",
    "CREATING",
    "CREATE_FAILED",
    "START_QUEUING",
    "READY_TO_START",
    "STARTING",
    "RESTARTING",
    "START_FAILED",
    "RUNNING",
    "STOPPING",
    "STOPPED",
    "UNAVAILABLE",
    "DELETED",
    "RESIZING",
    "RESIZE_FAILED",
] as const;
export type MaStatus = (typeof MA_STATUSES)[number];

export interface MaPlanStep {
    status: MaStatus | "__deleted";
    at: number;
    failedReasons?: { code: string; message: string; detail: Record<string, string> };
}

export interface MaAutoStop {
    enable: boolean;
    duration?: number;
    prompt: boolean;
}

export interface MaStorage {
    type: string;
    location?: { path?: string; volume_size?: number; mount_path?: string; access_modes?: string };
}

/** What the create request configured. */
export interface MaNotebookConfig {
    name: string;
    description: string;
    profileId: string;
    flavor: string;
    storage: MaStorage;
    extendStorage?: MaStorage[];
    autoStop: MaAutoStop;
    annotations?: Record<string, string>;
    workspaceId: string;
    pool?: { id: string; type?: string; name?: string; owner?: { project_id?: string } };
    aiProjectId: string;
}

export interface MaInstanceRecord extends MaNotebookConfig {
    id: string;
    projectId: string;
    /** AK of the owning tenant (isolation key). */
    tenantKey: string;
    userId: string;
    userName: string;
    status: MaStatus;
    plan: MaPlanStep[];
    failedReasons?: { code: string; message: string; detail: Record<string, string> };
    errorCode?: string;
    creationTs: number;
    updateTs: number;
    runningSince?: number;
    /** Auto-stop countdown armed at the last start (duration changes apply from the next start). */
    stopAt?: number;
}

// The flavors are the region catalog's (catalog.ts), shared with the current notebook API.
export { FLAVORS, type FlavorInfo } from "../huawei/catalog";

/** Profiles (engine images); `flavorType` undefined = any flavor type. */
export const PROFILES: Readonly<Record<string, { flavorType?: "CPU" | "GPU" | "ASCEND"; image: string; tag: string; description: string }>> = {
    "Multi-Engine 1.0 (python3)-cpu": {
        flavorType: "CPU",
        image: "mul-kernel-cpu-cp36",
        tag: "2.0.5-B003",
        description: "multi engine, cpu, python 3.6 for notebook",
    },
    "Multi-Engine 1.0 (python3)-gpu": {
        flavorType: "GPU",
        image: "mul-kernel-gpu-cuda-cp36",
        tag: "2.0.5-B003",
        description: "multi engine, gpu, python 3.6 for notebook",
    },
    "Multi-Engine 1.0 (python2)-cpu": {
        flavorType: "CPU",
        image: "mul-kernel-cpu-cp27",
        tag: "2.0.5-B003",
        description: "multi engine, cpu, python 2.7 for notebook",
    },
    "Multi-Engine 1.0 (python2)-gpu": {
        flavorType: "GPU",
        image: "mul-kernel-gpu-cuda-cp27",
        tag: "2.0.5-B003",
        description: "multi engine, gpu, python 2.7 for notebook",
    },
    "Multi-Engine 2.0 (python3)": { image: "mul-kernel-cp37", tag: "3.0.1", description: "multi engine 2.0, python 3.7" },
    "Ascend-Power-Engine 1.0(python3)": { flavorType: "ASCEND", image: "ascend-engine-cp37", tag: "1.0.0", description: "Ascend engine, python 3.7" },
};

export interface MaWireContext {
    now: number;
    region: string;
    secondMs: number;
    soldOut: readonly string[];
}

function storageWire(s: MaStorage): Record<string, unknown> {
    if (s.type === "evs") {
        return { type: "evs", location: { path: "/home/ma-user/work", volume_size: s.location?.volume_size ?? 5, volume_unit: "GB" } };
    }
    if (s.type === "obsfs") {
        return {
            type: "obsfs",
            location: {
                path: s.location?.path,
                mount_path: s.location?.mount_path ?? "/home/ma-user/work",
                access_modes: s.location?.access_modes ?? "ReadWriteMany",
            },
        };
    }
    return { type: s.type, location: { path: s.location?.path } };
}

export function flavorDetails(flavor: string, soldOut: readonly string[], instanceNum: number): Record<string, unknown> {
    const f = FLAVORS[flavor];
    return {
        name: flavor,
        status: soldOut.includes(flavor) ? "soldOut" : "onSale",
        type: f?.type ?? "CPU",
        params: f?.params ?? {},
        storage_list: f?.storage ?? [],
        is_permitted: true,
        promo_type: f?.free ? "Free" : "NoDiscount",
        instance_num: instanceNum,
        duration: f?.free ? 3600 : 0,
        store_time: -1,
        queuing_num: 0,
        queue_left_time: 0,
    };
}

export function maToWire(rec: MaInstanceRecord, ctx: MaWireContext): Record<string, unknown> {
    const profile = PROFILES[rec.profileId];
    const autoStop: Record<string, unknown> = { enable: rec.autoStop.enable, prompt: rec.autoStop.prompt };
    if (rec.autoStop.duration !== undefined) {
        autoStop.duration = rec.autoStop.duration;
    }
    if (rec.status === "RUNNING" && rec.stopAt !== undefined) {
        autoStop.stop_timestamp = rec.stopAt;
        autoStop.remain_time = Math.max(0, Math.floor((rec.stopAt - ctx.now) / ctx.secondMs));
    }
    const queuing = rec.status === "CREATE_QUEUING" || rec.status === "START_QUEUING";
    const out: Record<string, unknown> = {
        id: rec.id,
        name: rec.name,
        description: rec.description,
        status: rec.status,
        creation_timestamp: String(rec.creationTs),
        latest_update_timestamp: String(rec.updateTs),
        flavor: rec.flavor,
        flavor_details: flavorDetails(rec.flavor, ctx.soldOut, 1),
        profile: {
            id: rec.profileId,
            name: rec.profileId,
            description: profile?.description ?? "",
            de_type: "Notebook",
            flavor_type: profile?.flavorType ?? FLAVORS[rec.flavor]?.type ?? "CPU",
            labels: {},
            provision: {
                type: "Docker",
                annotations: { category: rec.profileId.replace(/-(cpu|gpu)$/, ""), type: "system" },
                spec: { engine: "CCE", params: { namespace: "atelier", image_name: profile?.image ?? "", image_tag: profile?.tag ?? "", annotations: null } },
            },
        },
        spec: {
            storage: storageWire(rec.storage),
            extend_storage: rec.extendStorage ? rec.extendStorage.map(storageWire) : null,
            auto_stop: autoStop,
            // Only the service's own annotations come back (docs/modelarts-devenv-api.md §3.1, the get
            // API's example): what a client set on create is not shown echoed by any reference.
            annotations: {
                target_domain: `https://modelarts-notebook.${ctx.region}.emulator.local`,
                url: rec.status === "RUNNING" ? `https://modelarts-notebook.${ctx.region}.emulator.local/notebook/user/${rec.id}` : "",
            },
            failed_reasons: rec.failedReasons ?? null,
            extend_params: null,
            repository: null,
            log_path: "",
            custom_script_path: "",
            resource_reserved_timestamp: 0,
        },
        workspace: { id: rec.workspaceId },
        ai_project: { id: rec.aiProjectId },
        user: { id: rec.userId, name: rec.userName },
    };
    if (rec.pool) {
        out.pool = rec.pool;
    }
    if (rec.errorCode) {
        out.error_code = rec.errorCode;
    }
    if (queuing) {
        out.queuing_info = {
            id: rec.id,
            name: rec.name,
            de_type: "Notebook",
            flavor: rec.flavor,
            flavor_details: flavorDetails(rec.flavor, ctx.soldOut, 1),
            status: rec.status,
            begin_timestamp: rec.updateTs,
            end_timestamp: rec.plan[0]?.at ?? ctx.now,
            remain_time: Math.max(0, Math.floor(((rec.plan[0]?.at ?? ctx.now) - ctx.now) / 1000)),
            rank: 1,
        };
    }
    return out;
}
