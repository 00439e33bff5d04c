import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ALLOWED_TYPES, GPU_HOURS, MAX_GPU_NOTEBOOKS, NO_PUBLIC, REQUIRED_LABELS, STOP_SCHEDULE, TOKENS, globMatch, notebookOf } from "../../policy";

type Props = Record<string, unknown>;
const DSW = TOKENS.dsw[0];
const MA = TOKENS.modelarts[0];
const V2 = TOKENS.notebookV2[0];

/** The defaults of a policy's config schema, overridden by `cfg`, as the engine passes them. */
function defaults(p: { configSchema?: { properties?: Record<string, { default?: unknown }> } }, cfg: Props): Props {
    const out: Props = {};
    for (const [k, v] of Object.entries(p.configSchema?.properties ?? {})) if (v.default !== undefined) out[k] = v.default;
    return { ...out, ...cfg };
}

function violations(p: ResourceValidationPolicy, type: string, props: Props, cfg: Props = {}): string[] {
    const out: string[] = [];
    const args = { type, props, name: "nb", urn: "urn", opts: {}, isType: () => false, asType: () => undefined, getConfig: () => defaults(p, cfg) };
    const validate = p.validateResource as (a: unknown, r: (m: string) => void) => void;
    validate(args, (m) => out.push(m));
    return out;
}

function stackViolations(p: StackValidationPolicy, resources: Array<{ type: string; props: Props; name: string }>, cfg: Props = {}): string[] {
    const out: string[] = [];
    (p.validateStack as (a: unknown, r: (m: string) => void) => void)({ resources, getConfig: () => defaults(p, cfg) }, (m) => out.push(m));
    return out;
}

const gpuDsw = (extra: Props = {}): Props => ({ ecsSpec: "ecs.gn7i-c8g1.2xlarge", imageUrl: "r/x:y", instanceName: "a", ...extra });

describe("cost-guard policies (policy/)", () => {
    describe("gpu-notebook-stop-schedule", () => {
        it("fails a GPU notebook without a schedule, on every token; CPU notebooks are exempt", () => {
            assert.match(violations(STOP_SCHEDULE, DSW, gpuDsw())[0], /has no stop schedule/);
            assert.match(violations(STOP_SCHEDULE, TOKENS.dsw[1], gpuDsw())[0], /has no stop schedule/, "the native provider's token too");
            assert.match(violations(STOP_SCHEDULE, MA, { flavor: "modelarts.vm.gpu.p100", spec: {} })[0], /no stop schedule/);
            assert.match(violations(STOP_SCHEDULE, V2, { flavor: "modelarts.vm.gpu.p100", lease: { enable: false } })[0], /no stop schedule/);
            assert.deepEqual(violations(STOP_SCHEDULE, DSW, { ecsSpec: "ecs.g6.xlarge" }), []);
        });
        it("accepts a timer, a culler or a lease within maxHours, refuses a longer one, and counts the service's default lease", () => {
            assert.deepEqual(violations(STOP_SCHEDULE, DSW, gpuDsw({ shutdownTimer: { remainingTime: "8h" } })), []);
            assert.deepEqual(violations(STOP_SCHEDULE, DSW, gpuDsw({ idleCuller: { maxIdleTimeInMinutes: 60 } })), []);
            assert.match(violations(STOP_SCHEDULE, DSW, gpuDsw({ shutdownTimer: { remainingTime: "12h" } }))[0], /after 12 h .* limit is 8 h/);
            assert.match(violations(STOP_SCHEDULE, DSW, gpuDsw({ shutdownTimer: { remainingTime: "3h" } }), { maxHours: 2 })[0], /limit is 2 h/);
            assert.deepEqual(violations(STOP_SCHEDULE, MA, { flavor: "modelarts.vm.gpu.p100", spec: { autoStop: { enable: true, duration: 7200 } } }), []);
            assert.deepEqual(violations(STOP_SCHEDULE, V2, { flavor: "modelarts.vm.gpu.p100" }), [], "no lease input: the 1 h default applies");
            assert.match(violations(STOP_SCHEDULE, V2, { flavor: "modelarts.vm.gpu.p100", lease: { duration: "24h" } })[0], /after 24 h/);
            assert.match(violations(STOP_SCHEDULE, DSW, { resourceId: "quota1", requestedResource: { gpu: "2" } })[0], /2 GPU/);
        });
    });

    it("no-public-notebooks: DSW PUBLIC and open SSH endpoints fail unless allowPublic", () => {
        assert.match(violations(NO_PUBLIC, DSW, gpuDsw({ accessibility: "PUBLIC" }))[0], /is public: accessibility "PUBLIC"/);
        assert.deepEqual(violations(NO_PUBLIC, DSW, gpuDsw({ accessibility: "PUBLIC" }), { allowPublic: true }), []);
        assert.match(violations(NO_PUBLIC, V2, { flavor: "modelarts.vm.cpu.2u", endpoints: [{ service: "SSH", keyPairNames: ["k"] }] })[0], /any public IP/);
        assert.deepEqual(
            violations(NO_PUBLIC, V2, { flavor: "x", endpoints: [{ service: "SSH", keyPairNames: ["k"], allowedAccessIps: ["203.0.113.1"] }] }),
            [],
        );
    });

    it("allowed-instance-types: globs over ECS types and flavors", () => {
        assert.ok(
            globMatch("ecs.gn7i-*", "ecs.gn7i-c8g1.2xlarge") &&
                !globMatch("ecs.gn7i-*", "ecs.gn6v-c8g1.2xlarge") &&
                globMatch("modelarts.vm.?pu.*", "modelarts.vm.gpu.p100"),
        );
        assert.deepEqual(violations(ALLOWED_TYPES, DSW, gpuDsw()), [], "default: anything");
        assert.match(violations(ALLOWED_TYPES, DSW, gpuDsw(), { allowed: ["ecs.g6.*"] })[0], /uses ecs\.gn7i-c8g1\.2xlarge, not one of ecs\.g6\.\*/);
        assert.deepEqual(violations(ALLOWED_TYPES, MA, { flavor: "modelarts.vm.cpu.2u" }, { allowed: ["modelarts.vm.cpu.*"] }), []);
    });

    it("required-labels: DSW labels, ModelArts annotations, NotebookV2 tags", () => {
        const cfg = { labels: ["team", "cost-center"] };
        assert.match(violations(REQUIRED_LABELS, DSW, gpuDsw({ labels: { team: "a" } }), cfg)[0], /lacks the label\(s\) cost-center/);
        assert.deepEqual(violations(REQUIRED_LABELS, MA, { flavor: "f", spec: { annotations: { team: "a", "cost-center": "b" } } }, cfg), []);
        assert.match(violations(REQUIRED_LABELS, V2, { flavor: "f", tags: {} }, cfg)[0], /team, cost-center/);
        assert.deepEqual(violations(REQUIRED_LABELS, DSW, gpuDsw()), [], "default: none required");
    });

    it("max-gpu-notebooks counts GPU notebooks of the stack only", () => {
        const rs = [
            { type: DSW, name: "a", props: gpuDsw() },
            { type: V2, name: "b", props: { flavor: "modelarts.vm.gpu.p100" } },
            { type: DSW, name: "cpu", props: { ecsSpec: "ecs.g6.xlarge" } },
            { type: "random:index/randomPet:RandomPet", name: "r", props: {} },
        ];
        assert.deepEqual(stackViolations(MAX_GPU_NOTEBOOKS, rs), []);
        assert.match(stackViolations(MAX_GPU_NOTEBOOKS, rs, { maxGpuNotebooks: 1 })[0], /2 GPU notebooks \(a, b\); the limit is 1/);
    });

    it("gpu-hours-per-day sums accelerators × schedule (24 h without one) and flags it above the limit", () => {
        const rs = [
            { type: DSW, name: "a", props: gpuDsw({ shutdownTimer: { remainingTime: "8h" } }) },
            { type: MA, name: "b", props: { flavor: "modelarts.bm.gpu.8v100", spec: {} } },
        ];
        assert.equal(notebookOf(MA, rs[1].props)?.accelerators, 8);
        assert.deepEqual(stackViolations(GPU_HOURS, rs), ["at most 200 GPU-hours per day (a 1×8 h, b 8×24 h)"]);
        assert.match(stackViolations(GPU_HOURS, rs, { maxGpuHoursPerDay: 100 })[0], /above the 100 allowed/);
        assert.deepEqual(stackViolations(GPU_HOURS, [{ type: DSW, name: "cpu", props: { ecsSpec: "ecs.g6.xlarge" } }]), []);
    });

    it("the shipped pack's version is the package's (@pulumi/policy reports the pack's package.json version)", () => {
        const read = (f: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, "../..", f), "utf8")) as { version: string };
        assert.equal(read("policy-pack/package.json").version, read("package.json").version);
    });
});
