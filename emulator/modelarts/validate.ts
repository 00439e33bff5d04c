/**
 * Server-side validation of the create request table (docs/modelarts-devenv-api.md §3.2), rule by rule, with the error
 * codes of §3.2/§3.10 there.
 */
import { maError } from "../huawei/envelope";
import { FLAVORS, MaAutoStop, MaNotebookConfig, MaStorage, PROFILES } from "./model";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

const wrongType = (field: string, type: string) => maError("6332", `The type of parameter ${field} is incorrect; ${type} expected.`);
const missing = (field: string) => maError("6335", `The required property ${field} is missing.`);

function optString(o: Obj, k: string, path: string): string | undefined {
    const v = o[k];
    if (v === undefined || v === null) {
        return undefined;
    }
    if (typeof v !== "string") {
        throw wrongType(path, "string");
    }
    return v;
}

function reqString(o: Obj, k: string, path: string): string {
    const v = optString(o, k, path);
    if (v === undefined || v === "") {
        throw missing(path);
    }
    return v;
}

function optObj(o: Obj, k: string, path: string): Obj | undefined {
    const v = o[k];
    if (v === undefined || v === null) {
        return undefined;
    }
    if (!isObj(v)) {
        throw wrongType(path, "object");
    }
    return v;
}

export const MA_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const DESCRIPTION_FORBIDDEN = /[&<>"'/]/;

export function validateDescription(v: unknown): string {
    if (v === undefined || v === null) {
        return "";
    }
    if (typeof v !== "string") {
        throw wrongType("description", "string");
    }
    if (v.length > 512) {
        throw maError("6336", "The value of description is invalid: at most 512 characters.");
    }
    if (DESCRIPTION_FORBIDDEN.test(v)) {
        throw maError("6334", "The description contains illegal characters (& < > \" ' /).");
    }
    return v;
}

export function validateAutoStop(v: unknown, path = "spec.auto_stop"): MaAutoStop | undefined {
    if (v === undefined || v === null) {
        return undefined;
    }
    if (!isObj(v)) {
        throw wrongType(path, "object");
    }
    const enable = v.enable ?? false;
    if (typeof enable !== "boolean") {
        throw wrongType(`${path}.enable`, "boolean");
    }
    const prompt = v.prompt ?? true;
    if (typeof prompt !== "boolean") {
        throw wrongType(`${path}.prompt`, "boolean");
    }
    const duration = v.duration;
    if (duration !== undefined && duration !== null && (typeof duration !== "number" || !Number.isInteger(duration))) {
        throw wrongType(`${path}.duration`, "integer");
    }
    if (enable && (duration === undefined || duration === null)) {
        throw maError("6348", "The auto stop duration is required when auto stop is enabled.");
    }
    if (typeof duration === "number" && (duration < 3600 || duration > 86400)) {
        throw maError("6349", "The auto stop duration must be between 3600 and 86400 seconds.");
    }
    return { enable, prompt, duration: typeof duration === "number" ? duration : undefined };
}

function validateStorage(v: unknown, path: string, dedicatedPool: boolean, flavor: string): MaStorage {
    if (!isObj(v)) {
        throw wrongType(path, "object");
    }
    const type = v.type;
    if (type === undefined || type === null) {
        throw maError("6316", `The storage ${path}.type is missing.`);
    }
    if (typeof type !== "string") {
        throw wrongType(`${path}.type`, "string");
    }
    if (!["obs", "obsfs", "evs"].includes(type)) {
        throw maError("6324", `The storage type ${type} is not supported.`);
    }
    if (FLAVORS[flavor] && !FLAVORS[flavor].storage.includes(type)) {
        throw maError("6324", `The storage type ${type} is not supported by flavor ${flavor}.`);
    }
    if (type === "obsfs" && !dedicatedPool) {
        throw maError("6324", "The storage type obsfs is only supported in dedicated resource pools.");
    }
    const loc = optObj(v, "location", `${path}.location`);
    const out: MaStorage = { type };
    if (type === "obs" || type === "obsfs") {
        const p = loc ? optString(loc, "path", `${path}.location.path`) : undefined;
        if (!p) {
            throw maError("6317", `The OBS path ${path}.location.path is missing.`);
        }
        if (type === "obs") {
            if (!p.endsWith("/")) {
                throw maError("6318", "The param path needs to end with /.");
            }
            if (/^\/?[^/]+\/$/.test(p)) {
                throw maError("6358", "The OBS path cannot be the root directory of a bucket.");
            }
        }
        out.location = { path: p };
        if (type === "obsfs" && loc) {
            const mount = optString(loc, "mount_path", `${path}.location.mount_path`);
            const modes = optString(loc, "access_modes", `${path}.location.access_modes`);
            if (modes !== undefined && !["ReadWriteMany", "ReadOnlyMany"].includes(modes)) {
                throw maError("6336", `The value of ${path}.location.access_modes is invalid.`);
            }
            out.location = { path: p, mount_path: mount, access_modes: modes };
        }
    } else {
        const size = loc?.volume_size;
        if (size !== undefined && size !== null) {
            if (typeof size !== "number" || !Number.isInteger(size)) {
                throw wrongType(`${path}.location.volume_size`, "integer");
            }
            if (size < 5 || size > 4096) {
                throw maError("6331", "The EVS volume size must be between 5 and 4096 GB.");
            }
        }
        out.location = { volume_size: typeof size === "number" ? size : 5 };
    }
    return out;
}

/** What a valid create request asks for (the record's configuration, model.ts). */
export type ValidCreate = MaNotebookConfig;

export function validateMaCreate(body: Obj, soldOut: readonly string[]): ValidCreate {
    const name = reqString(body, "name", "name");
    if (!MA_NAME.test(name)) {
        throw maError("6334", "The name can contain 1 to 64 letters, digits, hyphens (-) and underscores (_).");
    }
    const profileId = reqString(body, "profile_id", "profile_id");
    const profile = PROFILES[profileId];
    if (!profile) {
        throw maError("6336", `The value of profile_id is invalid: ${profileId}.`);
    }
    const description = validateDescription(body.description);
    const flavor = reqString(body, "flavor", "flavor");
    const f = FLAVORS[flavor];
    if (!f) {
        throw maError("6323", `The flavor ${flavor} is not supported.`);
    }
    if (soldOut.includes(flavor)) {
        throw maError("6329", `The flavor ${flavor} is sold out.`);
    }
    if (profile.flavorType && profile.flavorType !== f.type) {
        throw maError("6330", `The profile ${profileId} (${profile.flavorType}) does not match the flavor type ${f.type}.`);
    }
    const pool = optObj(body, "pool", "pool");
    let poolOut: ValidCreate["pool"];
    if (pool) {
        const id = reqString(pool, "id", "pool.id");
        const owner = optObj(pool, "owner", "pool.owner");
        poolOut = {
            id,
            type: optString(pool, "type", "pool.type"),
            name: optString(pool, "name", "pool.name"),
            owner: owner ? { project_id: optString(owner, "project_id", "pool.owner.project_id") } : undefined,
        };
    }
    const dedicated = poolOut !== undefined;
    const spec = optObj(body, "spec", "spec");
    if (!spec) {
        throw missing("spec");
    }
    if (spec.storage === undefined || spec.storage === null) {
        throw maError("6316", "The storage spec.storage is missing.");
    }
    const storage = validateStorage(spec.storage, "spec.storage", dedicated, flavor);
    let extendStorage: MaStorage[] | undefined;
    if (spec.extend_storage !== undefined && spec.extend_storage !== null) {
        if (!Array.isArray(spec.extend_storage)) {
            throw wrongType("spec.extend_storage", "array");
        }
        extendStorage = spec.extend_storage.map((s, i) => {
            const st = validateStorage(s, `spec.extend_storage[${i}]`, dedicated, flavor);
            if (st.type !== "obsfs") {
                throw maError("6324", "Extended storage supports only the obsfs type.");
            }
            return st;
        });
    }
    const autoStop = validateAutoStop(spec.auto_stop) ?? { enable: false, prompt: true };
    const ann = optObj(spec, "annotations", "spec.annotations");
    if (ann && !Object.values(ann).every((v) => typeof v === "string")) {
        throw wrongType("spec.annotations", "map of strings");
    }
    const ws = optObj(body, "workspace", "workspace");
    const aip = optObj(body, "ai_project", "ai_project");
    return {
        name,
        description,
        profileId,
        flavor,
        storage,
        extendStorage,
        autoStop,
        annotations: ann as Record<string, string> | undefined,
        workspaceId: (ws ? optString(ws, "id", "workspace.id") : undefined) ?? "0",
        pool: poolOut,
        aiProjectId: (aip ? optString(aip, "id", "ai_project.id") : undefined) ?? "default-ai-project",
    };
}
