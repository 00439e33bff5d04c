/**
 * Property test at the engine boundary: for generated valid inputs of every resource (each
 * optional field present or absent, stop schedules on and off), what the provider hands the engine
 * (check's inputs, create's outputs, read's state and inputs, diff) crosses a protobuf Struct, as
 * the dynamic-provider host sends it, and comes back unchanged. `Struct.fromJavaScript` refuses an
 * `undefined` anywhere ("Unexpected struct type"), which lost a created notebook from the stack.
 */
import { strict as assert } from "node:assert";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- google-protobuf ships CommonJS without types
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: unknown): { toJavaScript(): unknown } } };
import { SeededRandom } from "../../emulator/rng";
import { CrudProvider, providerModule } from "../../provider/common/resource";
import { dswProvider, maProvider, nbProvider } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";

type Props = Record<string, unknown>;

interface BoundaryCase {
    resource: string;
    /** Every optional input present. */
    full: (i: number) => Props;
    /** Optional paths that may be dropped, and other values a path may take. */
    optional: string[];
    alternatives: Record<string, unknown[]>;
    impl: (url: string) => CrudProvider<object, object>;
}

const CASES: BoundaryCase[] = [
    {
        resource: "dsw.Instance",
        full: (i) => ({
            workspaceId: "40823",
            instanceName: `boundary_${i}`,
            ecsSpec: "ecs.g6.xlarge",
            imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1",
            labels: { team: "ml" },
            environmentVariables: { MODE: "test" },
            shutdownTimer: { remainingTime: "8h" },
            idleCuller: { cpuPercentThreshold: 10, maxIdleTimeInMinutes: 60 },
            status: "Running",
            failedPolicy: "restart",
            timeouts: { create: "10m" },
        }),
        optional: [
            "workspaceId",
            "labels",
            "environmentVariables",
            "shutdownTimer",
            "idleCuller",
            "idleCuller.cpuPercentThreshold",
            "status",
            "failedPolicy",
            "timeouts",
        ],
        alternatives: { status: ["Stopped"] },
        impl: (url) => dswProvider(url).provider as unknown as CrudProvider<object, object>,
    },
    {
        resource: "modelarts.Notebook",
        full: (i) => ({
            name: `boundary-${i}`,
            description: "boundary",
            profileId: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs", location: { volumeSize: 10 } }, autoStop: { enable: true, duration: 3600 } },
            status: "RUNNING",
            failedPolicy: "restart",
            timeouts: { create: "10m" },
        }),
        optional: ["description", "spec.storage.location", "spec.autoStop", "spec.autoStop.duration", "status", "failedPolicy", "timeouts"],
        alternatives: { "spec.autoStop": [{ enable: false }], status: ["STOPPED"] },
        impl: (url) => maProvider(url).provider as unknown as CrudProvider<object, object>,
    },
    {
        resource: "modelarts.NotebookV2",
        full: (i) => ({
            name: `boundary-${i}`,
            description: "boundary",
            flavor: "modelarts.vm.gpu.p100",
            imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9",
            volume: { category: "EVS", ownership: "MANAGED", capacity: 20 },
            lease: { enable: true, type: "TIMING", duration: "8h" },
            tags: { team: "ml" },
            status: "RUNNING",
            failedPolicy: "restart",
            timeouts: { create: "10m" },
        }),
        optional: ["description", "volume.ownership", "volume.capacity", "lease", "lease.enable", "lease.type", "tags", "status", "failedPolicy", "timeouts"],
        alternatives: { lease: [{ enable: false }], status: ["STOPPED"] },
        impl: (url) => nbProvider(url).provider as unknown as CrudProvider<object, object>,
    },
];

function setPath(o: Props, path: string, value: unknown): void {
    const parts = path.split(".");
    let cur: Props = o;
    for (const p of parts.slice(0, -1)) {
        if (cur[p] === null || typeof cur[p] !== "object") return;
        cur = cur[p] as Props;
    }
    const last = parts[parts.length - 1];
    if (value === undefined) delete cur[last];
    else cur[last] = value;
}

function sample(c: BoundaryCase, i: number, rng: SeededRandom): Props {
    const out = structuredClone(c.full(i));
    for (const path of c.optional) if (rng.next() < 0.4) setPath(out, path, undefined);
    for (const [path, values] of Object.entries(c.alternatives)) if (rng.next() < 0.3) setPath(out, path, values[Math.floor(rng.next() * values.length)]);
    return out;
}

/** What the engine gets back after the host's Struct conversion. */
function crossed(what: string, v: unknown): void {
    let back: unknown;
    assert.doesNotThrow(() => (back = Struct.fromJavaScript(v).toJavaScript()), `${what} crosses a protobuf Struct`);
    assert.deepEqual(back, v, `${what} comes back unchanged`);
}

describe("engine boundary: every value handed to the engine survives a protobuf Struct (property test)", () => {
    let t: TestEmulator;
    before(async () => (t = await startTestEmulator()));
    after(() => t.close());

    for (const c of CASES) {
        it(`${c.resource}: check, create, read and diff of generated inputs (optional fields present or absent)`, async () => {
            const boundary = providerModule(c.impl(t.url), () => undefined);
            const rng = new SeededRandom(7);
            let valid = 0;
            for (let i = 0; i < 12; i++) {
                const news = { __nbName: `b${i}`, __nbOwner: "boundary/dev", ...sample(c, i, rng) };
                const checked = boundary.check({}, news);
                if (checked.failures.length > 0) continue;
                valid++;
                crossed(`${c.resource} #${i} check`, checked);
                const created = await boundary.create(checked.inputs);
                crossed(`${c.resource} #${i} create ${JSON.stringify(news)}`, created);
                const read = await boundary.read(created.id, created.outs as Props);
                crossed(`${c.resource} #${i} read`, read);
                crossed(`${c.resource} #${i} diff`, boundary.diff(created.id, read.props as Props, checked.inputs));
                await boundary.delete(created.id, read.props as Props);
            }
            assert.ok(valid >= 8, `${valid} of 12 generated inputs were valid`);
        });
    }
});
