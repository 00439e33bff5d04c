/**
 * What the cost-guard policies need to know about a notebook, read from a resource's inputs the
 * same way for every token that declares one: the dynamic resources of this package and, under
 * their future names, the native provider's. A policy pack runs in its own process with only the
 * resource's type and properties; the tokens come from the registry of resources.
 */
import { parseDuration } from "../provider/common/timeouts";
import { RESOURCES, ResourceKind, resourceOf } from "../provider/registry";

export type NotebookKind = ResourceKind;

/** Type tokens per resource kind (from provider/registry.ts): the dynamic resource's, then the native provider's. */
export const TOKENS = {
    dsw: tokensOf("dsw"),
    modelarts: tokensOf("modelarts"),
    notebookV2: tokensOf("notebookV2"),
} as const satisfies { readonly [K in NotebookKind]: readonly [string, string] }; // every kind needs its view below anyway

function tokensOf(kind: NotebookKind): readonly [string, string] {
    const r = resourceOf(kind);
    return [r.token, r.nativeToken];
}

export interface NotebookView {
    kind: NotebookKind;
    /** ECS instance type, ModelArts flavor, or the quota request of a subscription DSW instance. */
    instanceType: string;
    /** GPUs (or NPUs) it holds while running; 0 for CPU notebooks. */
    accelerators: number;
    /** The longest it can run after a start before its own schedule stops it; undefined: no schedule. */
    stopsWithinHours?: number;
    /** What the schedule is, for messages. */
    schedule: string;
    /** Reachable by everyone in the workspace / from any public IP. */
    publicAccess?: string;
    labels: Record<string, string>;
}

type Props = Record<string, unknown>;
const obj = (v: unknown): Props => (v && typeof v === "object" && !Array.isArray(v) ? (v as Props) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined =>
    typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : undefined;

export function kindOf(type: string): NotebookKind | undefined {
    return RESOURCES.find((r) => r.token === type || r.nativeToken === type)?.kind;
}

/** GPUs of common PAI-DSW ECS GPU types (ECS instance family docs); other GPU types count one. */
const DSW_GPUS: Readonly<Record<string, number>> = {
    "ecs.gn6v-c8g1.16xlarge": 8,
    "ecs.gn6v-c8g1.8xlarge": 4,
    "ecs.gn6v-c8g1.4xlarge": 2,
    "ecs.gn6e-c12g1.24xlarge": 8,
    "ecs.gn7-c12g1.3xlarge": 1,
    "ecs.gn7i-c32g1.32xlarge": 4,
    "ecs.gn7i-c16g1.8xlarge": 2,
    "ecs.gn7e-c16g1.32xlarge": 8,
};
const DSW_GPU_FAMILY = /^ecs\.(gn|vgn|ebmgn|sgn)/;

function dswView(p: Props): NotebookView {
    const ecs = str(p.ecsSpec);
    const rr = obj(p.requestedResource);
    const accelerators = ecs ? (DSW_GPU_FAMILY.test(ecs) ? (DSW_GPUS[ecs] ?? 1) : 0) : (num(rr.gpu) ?? 0);
    const bounds: Array<[number, string]> = [];
    const timer = obj(p.shutdownTimer);
    const remaining = str(timer.remainingTime);
    if (remaining) bounds.push([(parseDuration(remaining) ?? Infinity) / 3_600_000, `shutdownTimer ${remaining}`]);
    const due = str(timer.dueTime);
    if (due) bounds.push([Math.max(0, (Date.parse(due) - Date.now()) / 3_600_000), `shutdownTimer at ${due}`]);
    const idle = num(obj(p.idleCuller).maxIdleTimeInMinutes);
    if (idle !== undefined) bounds.push([idle / 60, `idleCuller after ${idle} idle minutes`]);
    const best = bounds.sort((a, b) => a[0] - b[0])[0];
    return {
        kind: "dsw",
        instanceType: ecs ?? `quota ${str(p.resourceId) ?? "?"} (${num(rr.gpu) ?? 0} GPU ${str(rr.gpuType) ?? ""})`.trim(),
        accelerators,
        stopsWithinHours: best?.[0],
        schedule: best?.[1] ?? "none",
        publicAccess: p.accessibility === "PUBLIC" ? 'accessibility "PUBLIC" (every workspace member)' : undefined,
        labels: stringMap(p.labels),
    };
}

/** `modelarts.bm.gpu.8v100` holds 8 GPUs; one otherwise. NPU (Ascend) flavors count as accelerators. */
function modelartsAccelerators(flavor: string): number {
    if (!/\.(gpu|kat\d|ascend|snt\d)|kat\d|snt\d/i.test(flavor)) return 0;
    const m = /\.(\d+)(v100|p100|a100|t4|pnt1|ascend)/i.exec(flavor);
    return m ? Number(m[1]) : 1;
}

function modelartsView(p: Props): NotebookView {
    const flavor = str(p.flavor) ?? "";
    const spec = obj(p.spec);
    const auto = obj(spec.autoStop);
    const seconds = num(auto.duration);
    const on = auto.enable === true && seconds !== undefined;
    return {
        kind: "modelarts",
        instanceType: flavor,
        accelerators: modelartsAccelerators(flavor),
        stopsWithinHours: on ? seconds / 3600 : undefined,
        schedule: on ? `spec.autoStop ${seconds} s` : "none",
        labels: stringMap(spec.annotations),
    };
}

function notebookV2View(p: Props): NotebookView {
    const flavor = str(p.flavor) ?? "";
    const lease = p.lease === undefined ? undefined : obj(p.lease);
    // No lease input: the service applies its default lease of one hour (docs/modelarts-notebooks-api.md §2).
    const hours = lease === undefined ? 1 : lease.enable === false ? undefined : (parseDuration(str(lease.duration) ?? "") ?? Infinity) / 3_600_000;
    const open = (Array.isArray(p.endpoints) ? p.endpoints : [])
        .map(obj)
        .find((e) => e.service === "SSH" && (!Array.isArray(e.allowedAccessIps) || e.allowedAccessIps.length === 0));
    return {
        kind: "notebookV2",
        instanceType: flavor,
        accelerators: modelartsAccelerators(flavor),
        stopsWithinHours: hours,
        schedule: lease === undefined ? "the service's default lease (1 h)" : hours === undefined ? "lease switched off" : `lease ${String(lease.duration)}`,
        publicAccess: open ? "an SSH endpoint without allowedAccessIps (any public IP)" : undefined,
        labels: stringMap(p.tags),
    };
}

function stringMap(v: unknown): Record<string, string> {
    return Object.fromEntries(Object.entries(obj(v)).filter(([, x]) => typeof x === "string")) as Record<string, string>;
}

/** The view of a resource, or undefined when it is not a notebook. */
export function notebookOf(type: string, props: Props): NotebookView | undefined {
    const kind = kindOf(type);
    if (kind === "dsw") return dswView(props);
    if (kind === "modelarts") return modelartsView(props);
    if (kind === "notebookV2") return notebookV2View(props);
    return undefined;
}

/** `ecs.gn7i-*` matches `ecs.gn7i-c8g1.2xlarge`: `*` any run of characters, `?` one. */
export function globMatch(pattern: string, value: string): boolean {
    const re = new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
    );
    return re.test(value);
}

/** GPU-hours a notebook can burn per day at most: its accelerators times its schedule (capped at 24 h), 24 h without one. */
export function gpuHoursPerDay(n: NotebookView): number {
    return n.accelerators * Math.min(24, n.stopsWithinHours ?? 24);
}
