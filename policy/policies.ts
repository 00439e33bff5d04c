/**
 * Cost guards for notebooks as Pulumi policies (`@pulumi/policy`), configurable per stack with
 * `--policy-pack-config` or the Pulumi Cloud console. Each policy checks every notebook resource
 * of this package (all clouds, both ModelArts APIs), read through one view (notebooks.ts).
 */
import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { NotebookView, globMatch, gpuHoursPerDay, notebookOf } from "./notebooks";

type Level = "advisory" | "mandatory" | "disabled";

function config<T>(args: { getConfig<C extends object>(): C }): T {
    return args.getConfig<T & object>();
}

const schema = (properties: PolicyConfigSchema["properties"]): PolicyConfigSchema => ({ properties });

export const STOP_SCHEDULE: ResourceValidationPolicy = {
    name: "gpu-notebook-stop-schedule",
    description: "Every GPU notebook has a stop schedule (DSW shutdown timer or idle culler, ModelArts auto-stop or lease) of at most maxHours.",
    enforcementLevel: "mandatory" satisfies Level,
    configSchema: schema({ maxHours: { type: "number", minimum: 1, default: 8 } }),
    validateResource: (args, report) => {
        const n = notebookOf(args.type, args.props);
        if (!n || n.accelerators === 0) return;
        const { maxHours } = config<{ maxHours: number }>(args);
        if (n.stopsWithinHours === undefined) {
            report(
                `${describe(n, args.name)} has no stop schedule; give it one that stops it within ${maxHours} h (DSW shutdownTimer or idleCuller, ModelArts spec.autoStop, NotebookV2 lease)`,
            );
        } else if (n.stopsWithinHours > maxHours) {
            report(`${describe(n, args.name)} stops only after ${round(n.stopsWithinHours)} h (${n.schedule}); the limit is ${maxHours} h`);
        }
    },
};

export const NO_PUBLIC: ResourceValidationPolicy = {
    name: "no-public-notebooks",
    description: "No notebook is open to everyone: no DSW PUBLIC accessibility, no SSH endpoint without allowed IPs, unless allowPublic.",
    enforcementLevel: "mandatory" satisfies Level,
    configSchema: schema({ allowPublic: { type: "boolean", default: false } }),
    validateResource: (args, report) => {
        const n = notebookOf(args.type, args.props);
        if (!n?.publicAccess || config<{ allowPublic: boolean }>(args).allowPublic) return;
        report(`${describe(n, args.name)} is public: ${n.publicAccess}`);
    },
};

export const ALLOWED_TYPES: ResourceValidationPolicy = {
    name: "allowed-instance-types",
    description: "Notebooks use only the listed ECS instance types / ModelArts flavors (globs such as ecs.gn7i-*).",
    enforcementLevel: "advisory" satisfies Level,
    configSchema: schema({ allowed: { type: "array", items: { type: "string" }, default: ["*"] } }),
    validateResource: (args, report) => {
        const n = notebookOf(args.type, args.props);
        if (!n) return;
        const { allowed } = config<{ allowed: string[] }>(args);
        if (!allowed.some((g) => globMatch(g, n.instanceType))) {
            report(`${describe(n, args.name)} uses ${n.instanceType}, not one of ${allowed.join(", ")}`);
        }
    },
};

export const REQUIRED_LABELS: ResourceValidationPolicy = {
    name: "required-labels",
    description: "Notebooks carry the listed labels (DSW labels, ModelArts annotations, NotebookV2 tags), e.g. team and cost-center.",
    enforcementLevel: "advisory" satisfies Level,
    configSchema: schema({ labels: { type: "array", items: { type: "string" }, default: [] } }),
    validateResource: (args, report) => {
        const n = notebookOf(args.type, args.props);
        if (!n) return;
        const missing = config<{ labels: string[] }>(args).labels.filter((l) => !(l in n.labels));
        if (missing.length > 0) report(`${describe(n, args.name)} lacks the label(s) ${missing.join(", ")}`);
    },
};

export const MAX_GPU_NOTEBOOKS: StackValidationPolicy = {
    name: "max-gpu-notebooks",
    description: "At most maxGpuNotebooks GPU notebooks per stack.",
    enforcementLevel: "mandatory" satisfies Level,
    configSchema: schema({ maxGpuNotebooks: { type: "integer", minimum: 0, default: 4 } }),
    validateStack: (args, report) => {
        const { maxGpuNotebooks } = config<{ maxGpuNotebooks: number }>(args);
        const gpu = args.resources.filter((r) => (notebookOf(r.type, r.props)?.accelerators ?? 0) > 0);
        if (gpu.length > maxGpuNotebooks) {
            report(`${gpu.length} GPU notebooks (${gpu.map((r) => r.name).join(", ")}); the limit is ${maxGpuNotebooks}`);
        }
    },
};

export const GPU_HOURS: StackValidationPolicy = {
    name: "gpu-hours-per-day",
    description:
        "Reports the GPU-hours the stack's notebooks can burn per day at most (accelerators × schedule, 24 h without one); flags it above maxGpuHoursPerDay.",
    enforcementLevel: "advisory" satisfies Level,
    configSchema: schema({ maxGpuHoursPerDay: { type: "number", minimum: 0 } }),
    validateStack: (args, report) => {
        const rows = args.resources
            .map((r) => ({ name: r.name, n: notebookOf(r.type, r.props) }))
            .filter((x): x is { name: string; n: NotebookView } => !!x.n && x.n.accelerators > 0)
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        if (rows.length === 0) return;
        const total = rows.reduce((s, x) => s + gpuHoursPerDay(x.n), 0);
        const detail = rows.map((x) => `${x.name} ${x.n.accelerators}×${round(Math.min(24, x.n.stopsWithinHours ?? 24))} h`).join(", ");
        const { maxGpuHoursPerDay } = config<{ maxGpuHoursPerDay?: number }>(args);
        const over = maxGpuHoursPerDay !== undefined && total > maxGpuHoursPerDay ? ` — above the ${maxGpuHoursPerDay} allowed` : "";
        report(`at most ${round(total)} GPU-hours per day (${detail})${over}`);
    },
};

export const POLICIES = [STOP_SCHEDULE, NO_PUBLIC, ALLOWED_TYPES, REQUIRED_LABELS, MAX_GPU_NOTEBOOKS, GPU_HOURS];

function describe(n: NotebookView, name: string): string {
    const kind = n.kind === "dsw" ? "dsw.Instance" : n.kind === "modelarts" ? "modelarts.Notebook" : "modelarts.NotebookV2";
    return `${kind} ${name}${n.accelerators > 0 ? ` (${n.accelerators} GPU)` : ""}`;
}

const round = (h: number) => (Number.isFinite(h) ? Math.round(h * 10) / 10 : Infinity);
