import { strict as assert } from "node:assert";
import { UsageError, parseDriftArgs } from "../../scripts/lib/driftArgs";
import { classifyError, stepProperties } from "../../scripts/lib/fleet";
import { StackResult, exitCode, renderJson, renderMarkdown, renderText } from "../../scripts/lib/fleetReport";

const clean: StackResult = { project: "team-a", cwd: "/a", stack: "dev", status: "clean", resources: [], seconds: 1 };
const drifted: StackResult = {
    project: "team-b",
    cwd: "/b",
    stack: "prod",
    status: "drift",
    seconds: 2,
    resources: [
        {
            name: "gpu-nb",
            type: "pulumi-nodejs:dynamic/dsw:Instance",
            op: "update",
            properties: [
                { key: "status", cloud: "Stopped", program: "Running" },
                { key: "shutdownTimer", cloud: undefined, program: { remainingTime: "4h" } },
            ],
        },
    ],
};
const locked: StackResult = {
    project: "team-a",
    cwd: "/a",
    stack: "staging",
    status: "error",
    cause: "locked",
    message: "the stack is currently locked by 1 lock(s).",
    resources: [],
    seconds: 0.5,
};

describe("drift check: arguments", () => {
    it("takes repeated --stack and --cwd, --parallel, one format and --repair", () => {
        const a = parseDriftArgs(["--cwd", "p1", "--cwd=p2", "--stack", "dev", "-s", "prod", "--parallel", "8", "--markdown", "--repair"]);
        assert.deepEqual(a, { cwds: ["p1", "p2"], stacks: ["dev", "prod"], allStacks: false, parallel: 8, format: "markdown", repair: true });
        assert.equal(parseDriftArgs([]).parallel, 4);
        assert.equal(parseDriftArgs(["--all-stacks", "--json"]).allStacks, true);
    });

    for (const [argv, rule] of [
        [["--all-stack"], /unknown option --all-stack/],
        [["dev"], /unexpected argument "dev"/],
        [["--stack"], /--stack needs a value/],
        [["--stack", "--json"], /--stack needs a value/],
        [["--parallel", "0"], /--parallel must be a whole number from 1 to 64/],
        [["--parallel", "2.5"], /--parallel must be/],
        [["--parallel=abc"], /--parallel must be/],
        [["--json", "--markdown"], /cannot be combined/],
        [["--all-stacks", "--stack", "dev"], /--all-stacks and --stack cannot be combined/],
        [["--stack", "a", "--stack", "a"], /given twice/],
        [["--repair=yes"], /--repair takes no value/],
    ] as const) {
        it(`refuses ${JSON.stringify(argv)}`, () => {
            assert.throws(
                () => parseDriftArgs(argv),
                (e: unknown) => e instanceof UsageError && rule.test(e.message),
            );
        });
    }
});

describe("drift check: the fleet report", () => {
    it("exits 0 clean, 1 drift anywhere, 2 when a stack could not be checked or a repair failed", () => {
        assert.equal(exitCode([clean]), 0);
        assert.equal(exitCode([clean, drifted]), 1);
        assert.equal(exitCode([clean, drifted, locked]), 2);
        assert.equal(exitCode([{ ...drifted, repair: { ok: false, message: "locked" } }]), 2);
    });

    it("text names each stack, each drifted property (cloud -> program) and the totals", () => {
        const t = renderText([clean, drifted, locked]);
        assert.match(t, /No drift in stack team-a\/dev/);
        assert.match(t, /Drift in stack team-b\/prod: 1 resource\(s\)/);
        assert.match(t, /gpu-nb \(pulumi-nodejs:dynamic\/dsw:Instance\): update/);
        assert.match(t, /status: "Stopped" -> "Running" {3}\(cloud -> program\)/);
        assert.match(t, /shutdownTimer: \(absent\) -> \{"remainingTime":"4h"\}/);
        assert.match(t, /Could not check stack team-a\/staging: locked by another update/);
        assert.match(t, /Totals: 3 stack\(s\): 1 clean, 1 drifted \(1 resource\(s\)\), 1 could not be checked/);
    });

    it("a single stack reads as before (no project prefix)", () => {
        assert.match(renderText([clean]), /^No drift in stack dev: the cloud matches the program\.$/);
    });

    it("JSON carries totals, the exit code and every stack", () => {
        const j = JSON.parse(renderJson([clean, drifted, locked])) as { totals: Record<string, number>; exitCode: number; stacks: StackResult[] };
        assert.deepEqual(j.totals, { stacks: 3, clean: 1, drift: 1, error: 1, driftedResources: 1 });
        assert.equal(j.exitCode, 2);
        assert.equal(j.stacks[2].cause, "locked");
        assert.deepEqual(j.stacks[1].resources[0].properties[0], { key: "status", cloud: "Stopped", program: "Running" });
    });

    it("Markdown has a summary table and a table of drifted properties per stack", () => {
        const m = renderMarkdown([clean, drifted, locked]);
        assert.match(m, /\| team-a \| dev \| ✅ clean \|/);
        assert.match(m, /\| team-b \| prod \| ⚠️ drift \| gpu-nb: status, shutdownTimer \|/);
        assert.match(m, /\| team-a \| staging \| ❌ error \| locked by another update: the stack is currently locked/);
        assert.match(m, /### team-b\/prod/);
        assert.match(m, /\| gpu-nb \| status \| `"Stopped"` \| `"Running"` \|/);
    });
});

describe("drift check: engine events and errors", () => {
    it("takes the step's diff keys, else the inputs that differ, never internal keys", () => {
        assert.deepEqual(stepProperties({ diffs: ["status"], old: { inputs: { status: "Stopped" } }, new: { inputs: { status: "Running" } } }), [
            { key: "status", cloud: "Stopped", program: "Running" },
        ]);
        assert.deepEqual(stepProperties({ old: { inputs: { a: 1, b: 2, __provider: "x" } }, new: { inputs: { a: 1, b: 3, __provider: "y" } } }), [
            { key: "b", cloud: 2, program: 3 },
        ]);
    });

    it("names the cause: lock, passphrase, backend, program", () => {
        assert.equal(classifyError(new Error("error: the stack is currently locked by 1 lock(s). Either wait")).cause, "locked");
        assert.equal(classifyError(new Error("error: incorrect passphrase")).cause, "credentials");
        assert.equal(classifyError(new Error("failed to connect to `host=127.0.0.1`: dial tcp 127.0.0.1:5432: connect: connection refused")).cause, "backend");
        assert.equal(classifyError(new Error("error: Running program '/x' failed with an unhandled exception")).cause, "program");
    });
});
