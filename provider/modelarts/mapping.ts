/**
 * Between `modelarts.Notebook` inputs/outputs and the `demanager` wire format (snake_case), and
 * the live inputs `read` reports for drift.
 */
import { CasingRules, camelToSnake, convertKeys, invert, projectLike, snakeToCamel } from "../common/casing";
import { OWNER_KEY } from "../common/schema";
import type { Notebook } from "./client";
import { MA_WRITE_ONLY } from "./fields";
import { MA_NOT_IN_BODY } from "./policy";
import type { MaNotebookInputs } from "./schema";
import { MaOutputs } from "./outputs";

const TO_WIRE: CasingRules = { special: {}, opaque: new Set(["annotations"]), convert: camelToSnake };
const FROM_WIRE = invert(TO_WIRE, snakeToCamel, new Set(["annotations", "params"]));

export const toWire = (v: unknown) => convertKeys(v, TO_WIRE);
export const fromWire = (v: unknown) => convertKeys(v, FROM_WIRE);

const PROVIDER_ONLY = MA_NOT_IN_BODY;

export function createBody(inputs: MaNotebookInputs, owner: string): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) {
        if (!PROVIDER_ONLY.has(k) && v !== undefined) {
            Object.assign(body, toWire({ [k]: v }));
        }
    }
    const spec = body.spec as Record<string, unknown>;
    spec.annotations = { ...(inputs.spec.annotations ?? {}), [OWNER_KEY]: owner };
    return body;
}

export function autoStopBody(a: MaNotebookInputs["spec"]["autoStop"]): Record<string, unknown> {
    return a ? (toWire(a) as Record<string, unknown>) : { enable: false };
}

export type { MaOutputs };

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function outputsOf(n: Notebook, stoppedBySchedule: boolean): MaOutputs {
    const ann = n.spec?.annotations ?? {};
    const auto = n.spec?.auto_stop;
    return {
        instanceId: n.id,
        status: n.status,
        creationTimestamp: str(n.creation_timestamp),
        latestUpdateTimestamp: str(n.latest_update_timestamp),
        profile: n.profile ? (fromWire(n.profile) as Record<string, unknown>) : undefined,
        flavorDetails: n.flavor_details ? (fromWire(n.flavor_details) as Record<string, unknown>) : undefined,
        autoStopState: auto ? (fromWire(dropNulls({ ...auto, remain_time: undefined })) as MaOutputs["autoStopState"]) : undefined,
        failedReasons: n.spec?.failed_reasons ? (fromWire(dropNulls(n.spec.failed_reasons)) as Record<string, unknown>) : undefined,
        queuingInfo: n.queuing_info ? (fromWire(n.queuing_info) as Record<string, unknown>) : undefined,
        user: n.user ? (fromWire(dropNulls(n.user)) as MaOutputs["user"]) : undefined,
        url: str(ann.url),
        targetDomain: str(ann.target_domain),
        errorCode: str(n.error_code),
        workspaceId: str(n.workspace?.id),
        aiProjectId: str(n.ai_project?.id),
        stoppedBySchedule,
        credential: n.spec?.credential ? (fromWire(n.spec.credential) as Record<string, unknown>) : undefined,
        repository: (n.repository ?? n.spec?.repository) ? (fromWire(n.repository ?? n.spec?.repository) as Record<string, unknown>) : undefined,
    };
}

export function dropNulls(o: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

export function liveStorage(s: NonNullable<NonNullable<Notebook["spec"]>["storage"]>): Record<string, unknown> {
    const loc = s.location ? dropNulls(s.location) : undefined;
    if (loc) {
        delete loc.volume_unit;
        // EVS storage reports its mount path as `path`; the input has no path for EVS.
        if (s.type === "evs") delete loc.path;
    }
    return fromWire({ type: s.type, location: loc }) as Record<string, unknown>;
}

export interface MaLiveInputs {
    inputs: MaNotebookInputs;
    stoppedBySchedule: boolean;
}

/** Inputs (paths of the reference table) never compared with the cloud: the write-only fields of the field table (fields.ts). */
export const MA_NOT_READ_BACK: readonly string[] = Object.keys(MA_WRITE_ONLY);

/** The previous inputs with every user-set field replaced by its live value, for drift. */
export function liveInputs(prev: MaNotebookInputs, n: Notebook, prevStopTimestamp: number | undefined, now: number): MaLiveInputs {
    const out = { ...prev, spec: { ...prev.spec } } as MaNotebookInputs;
    out.name = n.name;
    out.flavor = n.flavor ?? prev.flavor;
    if (n.profile?.id) out.profileId = n.profile.id;
    if (prev.description !== undefined) out.description = n.description ?? "";
    if (n.spec?.storage) out.spec.storage = projectLike(liveStorage(n.spec.storage), prev.spec.storage) as MaNotebookInputs["spec"]["storage"];
    if (prev.spec.extendStorage) {
        out.spec.extendStorage = projectLike(
            (n.spec?.extend_storage ?? []).map(liveStorage),
            prev.spec.extendStorage,
        ) as MaNotebookInputs["spec"]["extendStorage"];
    }
    const auto = n.spec?.auto_stop;
    if (prev.spec.autoStop || auto?.enable) {
        const live: Record<string, unknown> = { enable: auto?.enable ?? false };
        if (auto?.duration !== undefined && auto?.duration !== null) live.duration = auto.duration;
        if (prev.spec.autoStop?.prompt !== undefined && auto?.prompt !== undefined && auto?.prompt !== null) live.prompt = auto.prompt;
        out.spec.autoStop = live as MaNotebookInputs["spec"]["autoStop"];
    }
    // spec.annotations are write-only: the documented responses carry only the service's own
    // (target_domain, url), so the program's annotations are kept as they are (no drift).
    if (prev.workspace) out.workspace = { id: n.workspace?.id ?? "0" };
    if (prev.pool) out.pool = projectLike(fromWire(dropNulls(n.pool ?? {})), prev.pool) as MaNotebookInputs["pool"];
    if (prev.aiProject && n.ai_project?.id) out.aiProject = { id: n.ai_project.id };
    // auto_stop firing is the schedule working: not drift (the notebook stays stopped).
    const stoppedBySchedule =
        (n.status === "STOPPED" || n.status === "STOPPING") && prevStopTimestamp !== undefined && prevStopTimestamp <= now && prev.status !== "STOPPED";
    out.status = (stoppedBySchedule ? prev.status : n.status) as MaNotebookInputs["status"];
    return { inputs: out, stoppedBySchedule };
}
