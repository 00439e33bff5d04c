/**
 * Records of the current notebook API (`/v1/{project_id}/notebooks`) and their wire form: the
 * official NotebookResp model's fields (huaweicloud-sdk-go-v3 services/modelarts/v1/model
 * model_notebook_resp.go) plus `create_at`/`update_at`, which the official model lacks but
 * Terraform's client reads (chnsz/golangsdk openstack/modelarts/v1/notebook/results.go).
 * Kept apart from the old API's records: the two APIs share the region's flavor catalog and
 * nothing else (docs/modelarts-notebooks-api.md).
 */
import { FLAVORS, NB_IMAGES } from "../huawei/catalog";

export const NB_STATUSES = [
    "INIT",
    "CREATING",
    "STARTING",
    "STOPPING",
    "DELETING",
    "RUNNING",
    "STOPPED",
    "SNAPSHOTTING",
    "CREATE_FAILED",
    "START_FAILED",
    "DELETE_FAILED",
    "ERROR",
    "DELETED",
    "FROZEN",
] as const;
export type NbStatus = (typeof NB_STATUSES)[number];

export const NB_LEASE_MIN_MS = 3_600_000;
export const NB_LEASE_MAX_MS = 259_200_000;
/** The service's default lease when a create sends none (NotebookCreateRequest.duration default). */
export const NB_LEASE_DEFAULT_MS = 3_600_000;

export interface NbPlanStep {
    status: NbStatus | "__deleted";
    at: number;
    failReason?: string;
}

export interface NbLease {
    enable: boolean;
    type: "TIMING" | "IDLE";
    /** ms of running after `createAt`. */
    duration: number;
    /** When the countdown started: the last time the notebook reached RUNNING. */
    createAt: number;
    updateAt: number;
}

export interface NbVolume {
    category: "EVS" | "EFS";
    ownership: "MANAGED" | "DEDICATED";
    capacity: number;
    uri?: string;
    id?: string;
}

export interface NbEndpoint {
    service: "SSH" | "NOTEBOOK";
    key_pair_names?: string[];
    allowed_access_ips?: string[];
}

/** What a valid create configured. */
export interface NbConfig {
    name: string;
    description: string;
    flavor: string;
    imageId: string;
    volume: NbVolume;
    poolId?: string;
    workspaceId: string;
    feature: "NOTEBOOK" | "DEFAULT";
    endpoints: NbEndpoint[];
    lease: Omit<NbLease, "createAt" | "updateAt">;
    /** Echoed as the create sent them (dedicated pools only; the emulator does not schedule by them). */
    affinity?: Record<string, unknown>;
    userVpc?: { vpc_id: string; subnet_id: string; security_group_ids: string[] };
}

export interface NbRecord extends NbConfig {
    id: string;
    projectId: string;
    tenantKey: string;
    userId: string;
    userName: string;
    lease: NbLease;
    tags: Array<{ key: string; value: string }>;
    status: NbStatus;
    plan: NbPlanStep[];
    failReason?: string;
    token: string;
    createAt: number;
    updateAt: number;
}

// The images are the region catalog's (../catalog.ts): ListImage lists them, CreateNotebook accepts only them.
export { NB_IMAGES, type NbImage } from "../huawei/catalog";

export const flavorType = (flavor: string) => FLAVORS[flavor]?.type;

/** Jupyter version of the built-in images (NotebookResp.jupyter_version; unconfirmed value, one per image). */
const JUPYTER_VERSION = "3.4.8";

/**
 * What a notebook is billed for (NotebookResp.billing_items; ListNotebooks' `billing` filter):
 * compute while it runs on a paid flavor, storage for an EVS disk of its own (kept while
 * stopped); a free CodeLab (DEFAULT) for neither. Unconfirmed: the reference lists the values only.
 */
export function billingItems(rec: NbRecord): Array<"COMPUTE" | "STORAGE"> {
    if (rec.feature === "DEFAULT" || FLAVORS[rec.flavor]?.free) return [];
    const items: Array<"COMPUTE" | "STORAGE"> = [];
    if (rec.status === "RUNNING" || rec.status === "STARTING" || rec.status === "CREATING" || rec.status === "INIT") items.push("COMPUTE");
    if (rec.volume.category === "EVS" && rec.volume.ownership === "MANAGED") items.push("STORAGE");
    return items;
}

/**
 * The top-level fields a NotebookResp carries: the official model's (model_notebook_resp.go),
 * plus create_at/update_at (Terraform's client). The emulator answers with these and no others.
 */
export const NOTEBOOK_RESP_FIELDS: ReadonlySet<string> = new Set([
    "action_progress",
    "description",
    "endpoints",
    "fail_reason",
    "flavor",
    "custom_spec",
    "id",
    "image",
    "lease",
    "name",
    "pool",
    "status",
    "token",
    "url",
    "volume",
    "workspace_id",
    "feature",
    "billing_items",
    "user",
    "affinity",
    "run_user",
    "data_volumes",
    "ip",
    "user_vpc",
    "user_id",
    "is_need_credentials",
    "jupyter_version",
    "tags",
    "create_at",
    "update_at",
]);

export interface NbWireContext {
    region: string;
}

export function leaseWire(l: NbLease): Record<string, unknown> {
    return { create_at: l.createAt, duration: l.enable ? l.duration : -1, enable: l.enable, type: l.type, update_at: l.updateAt };
}

export function nbToWire(rec: NbRecord, ctx: NbWireContext): Record<string, unknown> {
    const image = NB_IMAGES[rec.imageId];
    const running = rec.status === "RUNNING";
    const out: Record<string, unknown> = {
        action_progress: [],
        description: rec.description,
        endpoints: rec.endpoints.map((e) => ({
            ...e,
            uri: running && e.service === "SSH" ? `dev-modelarts.${ctx.region}.emulator.local:${31000 + (rec.createAt % 1000)}` : undefined,
        })),
        fail_reason: rec.failReason ?? "",
        flavor: rec.flavor,
        id: rec.id,
        image: image
            ? { id: rec.imageId, name: image.name, swr_path: image.swr_path, tag: image.tag, type: image.type, arch: image.arch }
            : { id: rec.imageId },
        lease: leaseWire(rec.lease),
        name: rec.name,
        status: rec.status,
        token: running ? rec.token : "",
        url: running ? `https://authoring-modelarts-${ctx.region}.emulator.local/${rec.id}/lab` : "",
        volume: { capacity: rec.volume.capacity, category: rec.volume.category, mount_path: "/home/ma-user/work/", ownership: rec.volume.ownership },
        workspace_id: rec.workspaceId,
        feature: rec.feature,
        billing_items: billingItems(rec),
        user: { id: rec.userId, name: rec.userName, domain: { id: rec.tenantKey.toLowerCase(), name: rec.userName } },
        user_id: rec.userId,
        tags: rec.tags.map((t) => ({ key: t.key, value: t.value })),
        create_at: rec.createAt,
        update_at: rec.updateAt,
    };
    // Fields of NotebookResp beyond the ones the provider reads, as a notebook of this kind has them:
    // ModelArts images run as ma-user (uid 1000, group ma-group 100); no extra storage was mounted;
    // the node's address while it runs; a pool, affinity or VPC only when the create set one.
    // `custom_spec` belongs to custom-spec notebooks (flavor "custom.flavor.spec.code"), which the
    // emulator does not offer: system flavors only, so it is never sent.
    out.run_user = { uid: 1000, gid: 100, user_name: "ma-user", group_name: "ma-group" };
    out.data_volumes = [];
    out.is_need_credentials = true;
    out.jupyter_version = JUPYTER_VERSION;
    if (running) out.ip = `192.168.${Math.floor(rec.createAt / 256) % 256}.${(rec.createAt % 253) + 2}`;
    if (rec.poolId) out.pool = { id: rec.poolId, name: `pool-${rec.poolId}` };
    if (rec.affinity) out.affinity = rec.affinity;
    if (rec.userVpc) out.user_vpc = { ...rec.userVpc, connect_cidrs: "192.168.0.0/16", port_id: [], port_ip: "" };
    return Object.fromEntries(Object.entries(out).filter(([k, v]) => v !== undefined && NOTEBOOK_RESP_FIELDS.has(k)));
}
