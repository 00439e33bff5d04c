/**
 * The promise suite's table (tests/e2e/promise-suite.spec.ts): for every resource type, how to
 * write it in a program, what forces its replacement, its stop schedules, how the console fails
 * or changes it, and how someone else makes a notebook of the same name. A resource added to the
 * package gets a row here and every promise is then tried on it.
 */
import { dswClient, maClient, strangerNotebookV2 } from "./clients";
import { TestEmulator } from "./emulator";

export type Args = Record<string, unknown>;

export interface LiveNotebook {
    id: string;
    name: string;
    status: string;
}

export interface PromiseCase {
    /** "dsw.Instance": the SDK class, also the test titles' name. */
    resource: string;
    /** The state type's suffix. */
    type: string;
    /** The notebook's name input. */
    nameKey: string;
    /** Every required input, and nothing optional. */
    minimal: (name: string) => Args;
    /** Stop schedules switched off, and back on. */
    scheduleOff: Args;
    scheduleOn: Args;
    /** Program changes that force a replacement (applied on top of the current args). */
    replaceChanges: Array<{ what: string; change: Args }>;
    /** An in-place change the cloud applies only to a stopped notebook (undefined: the API has none). */
    stopUpdate?: Args;
    /** A console change that makes `up --refresh` replace it; undefined with the reason when the console has none. */
    consoleReplace: { what: string; act: (t: TestEmulator, id: string) => Promise<void> } | { none: string };
    /** Names are unique at this API (a same-named notebook is a clash; a replacement that keeps the name deletes first). */
    uniqueNames: boolean;
    running: string;
    fail: (t: TestEmulator, id: string) => Promise<void>;
    /** Every live notebook of this type in the emulator. */
    live: (t: TestEmulator) => Promise<LiveNotebook[]>;
    /** Someone else makes a notebook with this name and the same request, by hand (the API directly). */
    stranger: (t: TestEmulator, args: Args) => Promise<string>;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

const IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";

export const PROMISE_CASES: PromiseCase[] = [
    {
        resource: "dsw.Instance",
        type: "dsw:Instance",
        nameKey: "instanceName",
        minimal: (name) => ({ instanceName: name, ecsSpec: "ecs.g6.xlarge", imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1" }),
        scheduleOff: {},
        scheduleOn: { shutdownTimer: { remainingTime: "8h" }, idleCuller: { cpuPercentThreshold: 10, maxIdleTimeInMinutes: 60 } },
        replaceChanges: [
            { what: "tags", change: { tags: { cost: "a" } } },
            { what: "workspaceId", change: { workspaceId: "40824" } },
        ],
        stopUpdate: { imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.2" },
        consoleReplace: { none: "no input that forces a DSW replacement (workspace, quota, tags) can be changed in the console" },
        uniqueNames: true,
        running: "Running",
        fail: async (t, id) => void (await t.admin.dswFail(id, { ReasonCode: "ContainerStartFailed", ReasonMessage: "image pull failed" })),
        live: async (t) =>
            (await t.admin.dswInstances())
                .map((i) => ({ id: str(i.InstanceId), name: str(i.InstanceName), status: str(i.Status) }))
                .filter((i) => i.status !== "Deleting"),
        stranger: async (t, a) =>
            dswClient(t.url).createInstance({
                InstanceName: a.instanceName,
                EcsSpec: a.ecsSpec,
                ImageUrl: a.imageUrl,
                ...(typeof a.workspaceId === "string" ? { WorkspaceId: a.workspaceId } : {}),
            }),
    },
    {
        resource: "modelarts.Notebook",
        type: "modelarts:Notebook",
        nameKey: "name",
        minimal: (name) => ({
            name,
            profileId: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" } },
        }),
        scheduleOff: { spec: { storage: { type: "evs" }, autoStop: { enable: false } } },
        scheduleOn: { spec: { storage: { type: "evs" }, autoStop: { enable: true, duration: 3600 } } },
        replaceChanges: [
            { what: "flavor (same name: delete first)", change: { flavor: "modelarts.vm.cpu.8u" } },
            { what: "name (create first)", change: { name: "promise-renamed" } },
        ],
        consoleReplace: { what: "flavor changed in the console", act: async (t, id) => void (await t.admin.maSetFlavor(id, "modelarts.vm.cpu.2u")) },
        uniqueNames: true,
        running: "RUNNING",
        fail: async (t, id) => void (await t.admin.maFail(id, "UNAVAILABLE")),
        live: async (t) =>
            (await t.admin.maInstances())
                .map((i) => ({ id: str(i.id), name: str(i.name), status: str(i.status) }))
                .filter((i) => i.status !== "DELETED" && i.status !== "DELETING"),
        stranger: async (t, a) =>
            (
                await maClient(t.url).create({
                    name: a.name,
                    profile_id: a.profileId,
                    flavor: a.flavor,
                    spec: { storage: { type: "evs" } },
                })
            ).id,
    },
    {
        resource: "modelarts.NotebookV2",
        type: "modelarts:NotebookV2",
        nameKey: "name",
        minimal: (name) => ({ name, flavor: "modelarts.vm.gpu.p100", imageId: IMAGE, volume: { category: "EVS", capacity: 20 } }),
        scheduleOff: { lease: { enable: false } },
        scheduleOn: { lease: { duration: "8h" } },
        replaceChanges: [{ what: "a smaller volume.capacity", change: { volume: { category: "EVS", capacity: 10 } } }],
        stopUpdate: { flavor: "modelarts.vm.gpu.v100" },
        consoleReplace: {
            what: "disk grown in the console (the program's is smaller)",
            act: async (t, id) => void (await t.admin.nbSet(id, { capacity: 40 })),
        },
        uniqueNames: false,
        running: "RUNNING",
        fail: async (t, id) => void (await t.admin.nbFail(id, "ERROR")),
        live: async (t) =>
            (await t.admin.notebooks()).map((n) => ({ id: str(n.id), name: str(n.name), status: str(n.status) })).filter((n) => n.status !== "DELETING"),
        stranger: async (t, a) => {
            const v = a.volume as { category: string; capacity?: number };
            return strangerNotebookV2(t.url, { name: a.name, flavor: a.flavor, imageId: a.imageId, category: v.category, capacity: v.capacity });
        },
    },
];

/** A program with one resource `nb` of the case's class, exporting its id. */
export function programOf(c: PromiseCase, args: Args, opts: Record<string, unknown> = {}): string {
    const [ns, cls] = c.resource.split(".");
    return `
const { ${ns} } = require("pulumi-notebooks");
const nb = new ${ns}.${cls}("nb", ${JSON.stringify(args, null, 4)}, ${JSON.stringify(opts)});
exports.id = nb.instanceId;
`;
}
