/**
 * Between `modelarts.NotebookV2` inputs/outputs and the current API's wire format (snake_case):
 * the create body, the update body for changed fields, the live inputs `read` reports for drift,
 * and the outputs.
 */
import { CasingRules, camelToSnake, convertKeys, projectLike } from "../common/casing";
import { OWNER_KEY } from "../common/schema";
import type { NbNotebook } from "./client";
import { stopFirstInputsOf } from "../common/declare";
import { NB_NOT_IN_BODY, NB_POLICY } from "./policy";
import { NbInputs, capacityOf, leaseMsOf } from "./schema";
import { NbOutputs } from "./outputs";

const TO_WIRE: CasingRules = { special: {}, opaque: new Set(), convert: camelToSnake };
const toWire = (v: unknown) => convertKeys(v, TO_WIRE) as Record<string, unknown>;

export function createBody(inputs: NbInputs): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) {
        if (!NB_NOT_IN_BODY.has(k) && v !== undefined) Object.assign(body, toWire({ [k]: v }));
    }
    body.volume = { ownership: "MANAGED", ...(body.volume as Record<string, unknown>) };
    body.feature ??= "NOTEBOOK";
    const ms = leaseMsOf(inputs.lease);
    if (ms === -1) {
        // What Terraform's huaweicloud_modelarts_notebook sends to create without auto-stop.
        body.duration = -1;
    } else if (ms !== undefined) {
        body.lease = { duration: ms, type: "TIMING" };
    }
    return body;
}

/** UpdateNotebook body for the changed fields it carries (name, description, endpoints, flavor, image, disk size). */
export function updateBody(changed: ReadonlySet<string>, n: NbInputs): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    if (changed.has("name")) body.name = n.name;
    if (changed.has("description")) body.description = n.description ?? "";
    if (changed.has("endpoints")) body.endpoints = toWire({ e: n.endpoints ?? [] }).e;
    if (changed.has("flavor")) body.flavor = n.flavor;
    if (changed.has("imageId")) body.image_id = n.imageId;
    const size = capacityOf(n.volume);
    if (changed.has("volume.capacity") && size !== undefined) body.storage_new_size = size;
    return body;
}

/**
 * Fields of the update body that need the notebook stopped (UpdateNotebook: "only when stopped";
 * Terraform stops for these): the inputs declared `stopThenUpdate` (schema.ts).
 */
export const STOPPED_ONLY_UPDATES = stopFirstInputsOf(NB_POLICY);

/** `28800000` → `"8h"`: the lease as the input writes it. */
export function durationText(ms: number): string {
    for (const [unit, size] of [
        ["h", 3_600_000],
        ["m", 60_000],
        ["s", 1000],
    ] as const) {
        if (ms % size === 0) return `${ms / size}${unit}`;
    }
    return `${ms}ms`;
}

/**
 * A stop by the notebook's own lease: stopped, with an enabled lease whose end (start + duration)
 * had come when the notebook last changed. A stop from the console or the API before that reads
 * an earlier `update_at`. Assumed (unconfirmed): the service keeps the lease's start and duration
 * after the stop; the emulator does the same (emulator/modelartsV2/lifecycle.ts).
 */
export function stoppedByLease(n: NbNotebook): boolean {
    const l = n.lease;
    if (
        !(n.status === "STOPPED" || n.status === "STOPPING") ||
        !l?.enable ||
        typeof l.duration !== "number" ||
        l.duration <= 0 ||
        typeof l.create_at !== "number"
    ) {
        return false;
    }
    return typeof n.update_at === "number" && n.update_at >= l.create_at + l.duration;
}

/**
 * A lease switched off: the cloud answers `enable: false` with `duration: -1` (what a create or
 * RenewLease with -1 leaves), so the duration is no length of time then.
 */
function leaseOff(l: NonNullable<NbNotebook["lease"]>): boolean {
    return l.enable === false || typeof l.duration !== "number" || l.duration < 0;
}

export type { NbOutputs };

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function tagMap(n: NbNotebook, withOwner: boolean): Record<string, string> {
    return Object.fromEntries((n.tags ?? []).filter((t) => withOwner || t.key !== OWNER_KEY).map((t) => [t.key, t.value ?? ""]));
}

export function outputsOf(n: NbNotebook, stoppedBySchedule: boolean): NbOutputs {
    const l = n.lease;
    const ssh = (n.endpoints ?? []).find((e) => e.service === "SSH");
    const hasLease = l && (typeof l.duration === "number" || l.enable === false);
    return {
        instanceId: n.id,
        status: n.status,
        url: str(n.url),
        token: str(n.token),
        imageName: str(n.image?.name),
        imageSwrPath: str(n.image?.swr_path),
        leaseState: !hasLease
            ? undefined
            : leaseOff(l)
              ? { enable: false, type: str(l.type ?? "TIMING"), startedAt: l.create_at ?? undefined }
              : {
                    enable: l.enable ?? false,
                    type: str(l.type ?? "TIMING"),
                    duration: durationText(l.duration as number),
                    startedAt: l.create_at ?? undefined,
                    stopAt: l.enable && typeof l.create_at === "number" ? l.create_at + (l.duration as number) : undefined,
                },
        stoppedBySchedule,
        failReason: str(n.fail_reason),
        createAt: n.create_at ?? undefined,
        updateAt: n.update_at ?? undefined,
        poolName: str(n.pool?.name),
        sshUri: str(ssh?.uri),
        userId: str(n.user_id),
        liveTags: tagMap(n, true),
    };
}

export interface NbLiveInputs {
    inputs: NbInputs;
    stoppedBySchedule: boolean;
}

/** The previous inputs with every user-set field replaced by its live value, for drift. */
export function liveInputs(prev: NbInputs, n: NbNotebook): NbLiveInputs {
    const out: NbInputs = { ...prev };
    out.name = n.name;
    if (prev.description !== undefined || n.description) out.description = n.description ?? "";
    if (n.flavor) out.flavor = n.flavor;
    if (n.image?.id) out.imageId = n.image.id;
    if (n.volume) {
        const live = { category: n.volume.category, ownership: n.volume.ownership, capacity: n.volume.capacity };
        const volume = { ...(projectLike(live, prev.volume) as NbInputs["volume"]), ...pick(prev.volume, ["uri", "id"]) };
        // An omitted capacity asks for the default size: a disk of another size (grown in the
        // console) is drift and shows; one of the default size is what was asked.
        const [liveGb, asked] = [n.volume.capacity, capacityOf(volume)];
        if (volume.capacity === undefined && asked !== undefined && typeof liveGb === "number" && liveGb !== asked) volume.capacity = liveGb;
        out.volume = volume;
    }
    if (prev.poolId !== undefined) out.poolId = n.pool?.id ?? undefined;
    if (prev.workspaceId !== undefined) out.workspaceId = n.workspace_id ?? "0";
    if (prev.feature !== undefined && n.feature) out.feature = n.feature as NbInputs["feature"];
    if (prev.endpoints !== undefined) {
        const live = (n.endpoints ?? [])
            .filter((e) => e.service === "SSH")
            .map((e) => ({ service: "SSH", keyPairNames: e.key_pair_names ?? undefined, allowedAccessIps: e.allowed_access_ips ?? undefined }));
        out.endpoints = projectLike(live, prev.endpoints) as NbInputs["endpoints"];
    }
    if (prev.lease !== undefined && n.lease) {
        const l = n.lease;
        if (leaseOff(l)) {
            // Switched off reads as switched off, whatever the program's lease looks like: projected
            // onto `{ duration }` it read as an empty lease, and the drift never said "off". An off
            // lease as asked keeps the program's spelling (a duration it carries counts for nothing).
            out.lease = prev.lease.enable === false ? prev.lease : { enable: false };
        } else if (prev.lease.enable === false) {
            // Switched on (in the console) against a program that has it off: the lease as the input writes it.
            out.lease = { duration: durationText(l.duration as number) };
        } else {
            out.lease = projectLike({ enable: true, type: "TIMING", duration: durationText(l.duration as number) }, prev.lease) as NbInputs["lease"];
            // An enabled lease written without `enable` reads the same.
            if (out.lease && prev.lease.enable === undefined) delete (out.lease as { enable?: boolean }).enable;
        }
    }
    if (prev.tags !== undefined) out.tags = tagMap(n, false);
    // The lease firing is the schedule working: not drift (the notebook stays stopped).
    const stoppedBySchedule = stoppedByLease(n) && prev.status !== "STOPPED";
    out.status = (stoppedBySchedule ? prev.status : n.status) as NbInputs["status"];
    return { inputs: out, stoppedBySchedule };
}

function pick<T extends object>(o: T, keys: ReadonlyArray<keyof T>): Partial<T> {
    return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<T>;
}
