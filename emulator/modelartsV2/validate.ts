/**
 * Request checks of the current notebook API, written from Huawei's API reference
 * (docs/modelarts-notebooks-api.md) and the official SDK models, independently of the provider's
 * schemas. Each failure is the service's error code and message (ModelArts error code table).
 */
import { decimalInt } from "../params";
import { FLAVORS } from "../huawei/catalog";
import { NbApiError, nbError } from "./errors";
import { NB_IMAGES, NB_LEASE_MAX_MS, NB_LEASE_MIN_MS, NbConfig, NbEndpoint, NbVolume, flavorType } from "./model";

type Obj = Record<string, unknown>;

/**
 * NotebookCreateRequest.name: "长度限制为128个字符，支持大小写字母、数字、中划线和下划线" (the
 * generated model, huaweicloud-sdk-go-v3 v0.1.207), as the reference's name filter says "letters,
 * digits, hyphens and underscores": ASCII letters (docs/modelarts-notebooks-api.md §2).
 */
const NAME = /^[A-Za-z0-9_-]{1,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An allowed access address: an IPv4 address or an IPv4 CIDR block (unconfirmed: the reference says "IP addresses"). */
function isIpv4OrCidr(s: string): boolean {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(s);
    return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && (m[5] === undefined || Number(m[5]) <= 32);
}
const DESCRIPTION_FORBIDDEN = /[&<>"'/]/;

const missing = (f: string) => nbError("6335", `'${f}' is a required property.`);
const wrong = (f: string) => nbError("6336", `'${f}' property value is incorrect.`);

function str(o: Obj, k: string, path = k): string | undefined {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw nbError("6332", `Incorrect parameter type. The '${path}' parameter must be of the 'string' type.`);
    return v;
}

export function validateName(v: unknown): string {
    if (typeof v !== "string" || !NAME.test(v)) throw nbError("6334", `Invalid value for name or description. The character \`${String(v)}\` is not allowed.`);
    return v;
}

export function validateDescription(v: unknown): string {
    if (typeof v !== "string") throw nbError("6332", "Incorrect parameter type. The 'description' parameter must be of the 'string' type.");
    const bad = DESCRIPTION_FORBIDDEN.exec(v);
    if (bad) throw nbError("6334", `Invalid value for name or description. The character \`${bad[0]}\` is not allowed.`);
    if (v.length > 512) throw wrong("description");
    return v;
}

export function validateLeaseMs(v: unknown, field = "duration"): number {
    // A query value (RenewLease's `duration`) is a string: decimal digits only, like the body's long.
    const n = typeof v === "string" ? decimalInt(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) throw nbError("6332", `Incorrect parameter type. The '${field}' parameter must be of the 'long' type.`);
    if (n === -1) return -1;
    if (n < NB_LEASE_MIN_MS || n > NB_LEASE_MAX_MS)
        throw nbError("6349", `The 'duration' parameter is incorrect. The value ranges from ${NB_LEASE_MIN_MS} to ${NB_LEASE_MAX_MS}.`);
    return n;
}

export function validateFlavor(v: unknown, soldOut: readonly string[]): string {
    if (typeof v !== "string") throw missing("flavor");
    if (!FLAVORS[v]) throw nbError("6323", "The flavor is not supported, please check it.");
    if (soldOut.includes(v)) throw nbError("6716", `The specified flavor ${v} is already sold out.`);
    return v;
}

/** An image of the catalog (ListImage); a saved (DEDICATED) image only in its own workspace. */
export function validateImage(v: unknown, flavor: string, workspaceId?: string): string {
    if (typeof v !== "string") throw missing("image_id");
    const image = NB_IMAGES[v];
    if (!image || (image.type === "DEDICATED" && workspaceId !== undefined && image.workspaceId !== workspaceId))
        throw nbError("6797", `Specified image ${v} cannot be found.`);
    const type = flavorType(flavor);
    if (type && !image.categories.includes(type)) throw nbError("6330", "The flavor type of profile does not match the type of flavor. Please check it.");
    return v;
}

function validateVolume(v: unknown, poolId: string | undefined): NbVolume {
    if (v === undefined || v === null) throw missing("volume");
    if (typeof v !== "object" || Array.isArray(v)) throw nbError("6332", "Incorrect parameter type. The 'volume' parameter must be of the 'object' type.");
    const o = v as Obj;
    const category = str(o, "category", "volume.category");
    if (category === undefined) throw missing("volume.category");
    if (category !== "EVS" && category !== "EFS") throw nbError("6324", "This location type is not supported. Please check it.");
    const ownership = str(o, "ownership", "volume.ownership");
    if (ownership === undefined) throw missing("volume.ownership");
    if (ownership !== "MANAGED" && ownership !== "DEDICATED") throw wrong("volume.ownership");
    if (ownership === "DEDICATED" && (category !== "EFS" || !str(o, "uri", "volume.uri"))) throw missing("volume.uri");
    // VolumeMountRequest.id: "required when category is EFS and ownership DEDICATED; a UUID".
    if (ownership === "DEDICATED") {
        const efsId = str(o, "id", "volume.id");
        if (!efsId) throw missing("volume.id");
        if (!UUID.test(efsId)) throw wrong("volume.id");
    }
    if (category === "EFS" && ownership === "MANAGED" && !poolId) throw wrong("volume.category");
    const cap = o.capacity;
    // VolumeMountRequest.capacity: "valid when category is EVS" — an EFS is sized by its file system.
    if (cap !== undefined && category !== "EVS") throw wrong("volume.capacity");
    if (cap !== undefined && (typeof cap !== "number" || !Number.isInteger(cap) || cap < 5 || cap > 4096))
        throw nbError("6331", "The evs volume size ranges from 5 GB to 4096 GB.");
    return {
        category,
        ownership,
        capacity: typeof cap === "number" ? cap : category === "EVS" ? 5 : 50,
        uri: str(o, "uri", "volume.uri"),
        id: str(o, "id", "volume.id"),
    };
}

export function validateEndpoints(v: unknown): NbEndpoint[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw nbError("6332", "Incorrect parameter type. The 'endpoints' parameter must be of the 'array' type.");
    return v.map((e, i) => {
        if (!e || typeof e !== "object") throw wrong(`endpoints[${i}]`);
        const o = e as Obj;
        const service = str(o, "service", `endpoints[${i}].service`) ?? "SSH";
        if (service !== "SSH" && service !== "NOTEBOOK") throw wrong(`endpoints[${i}].service`);
        const ips = o.allowed_access_ips;
        if (ips !== undefined && (!Array.isArray(ips) || ips.length > 5 || !ips.every((x) => typeof x === "string" && isIpv4OrCidr(x))))
            throw wrong(`endpoints[${i}].allowed_access_ips`);
        const keys = o.key_pair_names;
        if (keys !== undefined && (!Array.isArray(keys) || !keys.every((x) => typeof x === "string"))) throw wrong(`endpoints[${i}].key_pair_names`);
        if (service === "SSH" && !(Array.isArray(keys) && keys.length > 0)) throw missing(`endpoints[${i}].key_pair_names`);
        return { service, key_pair_names: keys as string[] | undefined, allowed_access_ips: ips as string[] | undefined };
    });
}

export function validateNbCreate(body: Obj, soldOut: readonly string[]): NbConfig {
    if (body.name === undefined) throw missing("name");
    const name = validateName(body.name);
    const description = body.description === undefined ? "" : validateDescription(body.description);
    const flavor = validateFlavor(body.flavor, soldOut);
    const workspaceId = str(body, "workspace_id") ?? "0";
    if (!/^(0|[0-9a-z]{32})$/.test(workspaceId)) throw wrong("workspace_id");
    const imageId = validateImage(body.image_id, flavor, workspaceId);
    const poolId = str(body, "pool_id");
    const volume = validateVolume(body.volume, poolId);
    const feature = str(body, "feature") ?? "NOTEBOOK";
    if (feature !== "NOTEBOOK" && feature !== "DEFAULT") throw wrong("feature");
    const endpoints = validateEndpoints(body.endpoints);
    const affinity = dedicatedOnly(body, "affinity", poolId);
    const userVpc = dedicatedOnly(body, "user_vpc", poolId);
    if (userVpc && (typeof userVpc.vpc_id !== "string" || typeof userVpc.subnet_id !== "string")) throw missing("user_vpc.vpc_id");
    // A top-level duration wins over lease (CreateNotebook's table); -1 switches auto-stop off.
    let lease = { enable: true, type: "TIMING" as "TIMING" | "IDLE", duration: 3_600_000 };
    if (body.lease !== undefined) {
        if (!body.lease || typeof body.lease !== "object")
            throw nbError("6332", "Incorrect parameter type. The 'lease' parameter must be of the 'object' type.");
        const l = body.lease as Obj;
        const type = str(l, "type", "lease.type")?.toUpperCase() ?? "TIMING";
        if (type !== "TIMING" && type !== "IDLE") throw wrong("lease.type");
        const ms = l.duration === undefined ? 3_600_000 : validateLeaseMs(l.duration, "lease.duration");
        lease = ms === -1 ? { enable: false, type, duration: 3_600_000 } : { enable: true, type, duration: ms };
    }
    if (body.duration !== undefined) {
        const ms = validateLeaseMs(body.duration);
        lease = ms === -1 ? { ...lease, enable: false } : { enable: true, type: "TIMING", duration: ms };
    }
    return {
        name,
        description,
        flavor,
        imageId,
        volume,
        poolId,
        workspaceId,
        feature,
        endpoints,
        lease,
        affinity,
        userVpc: userVpc && {
            vpc_id: userVpc.vpc_id as string,
            subnet_id: userVpc.subnet_id as string,
            security_group_ids: Array.isArray(userVpc.security_group_ids) ? userVpc.security_group_ids.map(String) : [],
        },
    };
}

/** `affinity` and `user_vpc`: objects, and only for a dedicated pool (the generated model: "专属池场景下"). */
function dedicatedOnly(body: Obj, k: string, poolId: string | undefined): Obj | undefined {
    const v = body[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) throw nbError("6332", `Incorrect parameter type. The '${k}' parameter must be of the 'object' type.`);
    if (!poolId) throw wrong(k);
    return v as Obj;
}

/** A notebook carries at most 20 tags (TMS), whoever set them. */
export const NB_MAX_TAGS = 20;
// TmsTag (huaweicloud-sdk-go-v3 model_tms_tag.go): a key has letters of any script, digits,
// spaces and `_ . : = + - @`, no space at either end, not starting with `_sys_`; a value the
// same plus `/`.
const TAG_KEY = /^[\p{L}\p{N} _.:=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{N} _.:/=+\-@]{0,255}$/u;

export function validateTags(v: unknown, withValues: boolean): Array<{ key: string; value: string }> {
    if (!Array.isArray(v)) throw missing("tags");
    if (v.length > NB_MAX_TAGS) throw wrong("tags");
    return v.map((t, i) => {
        if (!t || typeof t !== "object") throw wrong(`tags[${i}]`);
        const o = t as Obj;
        const key = o.key;
        if (typeof key !== "string" || !TAG_KEY.test(key) || key !== key.trim() || key.startsWith("_sys_")) throw wrong(`tags[${i}].key`);
        const value = o.value ?? "";
        if (withValues && (typeof value !== "string" || !TAG_VALUE.test(value))) throw wrong(`tags[${i}].value`);
        return { key, value: String(value) };
    });
}

export { NbApiError };
