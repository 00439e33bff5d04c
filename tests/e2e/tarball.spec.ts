/**
 * A newcomer's first hour, through the real CLI: `npm pack`, a fresh Pulumi TypeScript project
 * outside the repository (its own package.json and Pulumi's template tsconfig, no skipLibCheck),
 * `npm install` of the tarball, the README's example against the emulator: preview, up, refresh
 * (no diff), console drift repaired by `up --refresh`, destroy, and no secret in what the CLI
 * prints or the state holds.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const repo = path.resolve(__dirname, "../..");

/** `pulumi new typescript`'s tsconfig.json (templates/typescript in pulumi/templates). */
const TEMPLATE_TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

/** The README's first TypeScript example, as a user copies it. */
function readmeExample(): string {
    const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
    const m = /```ts\n([\s\S]*?)```/.exec(readme);
    assert.ok(m, "README has a ts example");
    return m[1];
}

const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("e2e: the packed package in a new project outside the repository, with the README's example", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    let dir: string;

    before(async function () {
        // npm pack and npm install of a tarball (from the npm cache the repo's own install filled).
        this.timeout(300_000);
        t = await startTestEmulator();
        const work = fs.mkdtempSync(path.join(os.tmpdir(), "pn-newcomer-"));
        process.once("exit", () => fs.rmSync(work, { recursive: true, force: true }));
        const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", work], repo)) as Array<{ filename: string; files: Array<{ path: string }> }>;
        const files = packed[0].files.map((f) => f.path);
        assert.ok(
            !files.some((f) => f.endsWith(".map") || f.startsWith("dist/tests") || f.includes("demo")),
            `only runtime files: ${files.filter((f) => f.endsWith(".map") || f.includes("demo")).join(", ")}`,
        );
        assert.ok(files.includes("LICENSE") && files.includes("CHANGELOG.md"));
        dir = path.join(work, "my-notebooks");
        fs.mkdirSync(dir);
        const pin = (name: string) =>
            (JSON.parse(fs.readFileSync(path.join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({
                name: "my-notebooks",
                main: "index.ts",
                devDependencies: { "@types/node": pin("@types/node"), typescript: pin("typescript") },
                dependencies: {
                    "@pulumi/pulumi": pin("@pulumi/pulumi"),
                    "@pulumi/random": pin("@pulumi/random"),
                    "pulumi-notebooks": `file:${path.join(work, packed[0].filename)}`,
                },
            }),
        );
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 4));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: my-notebooks\nruntime: nodejs\ndescription: a newcomer's project\n");
        fs.writeFileSync(path.join(dir, "index.ts"), readmeExample());
        npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], dir);
        proj = await PulumiProject.inDir(dir, emulatorConfig(t.url));
    });
    after(() => t.close());

    it("compiles with Pulumi's template tsconfig (no skipLibCheck)", () => {
        execFileSync(path.join(dir, "node_modules/.bin/tsc"), ["--noEmit", "-p", dir], { encoding: "utf8" });
    });

    it("previews, deploys, and refreshes with no diff", async () => {
        const pv = await proj.must(["preview"]);
        assert.match(pv.output, /\+ 5 to create|5 to create/);
        await proj.up();
        const refreshed = await proj.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
        assert.equal(refreshed.code, 0, refreshed.output);
        const again = await proj.must(["refresh", "--yes", "--skip-preview", "--diff"]);
        assert.doesNotMatch(again.output, /~ |accumulatedRunningTimeInMs|remainingTimeInMs|remainTime/, "an unchanged notebook refreshes with no diff");
        assert.match(again.output, /5 unchanged|unchanged/);
    });

    it("runs the shipped cost-guard policy pack from node_modules: the README's example passes, GPU-hours reported", async () => {
        const pv = await proj.run(["preview", "--policy-pack", path.join(dir, "node_modules/pulumi-notebooks/policy-pack")]);
        assert.equal(pv.code, 0, pv.output);
        assert.match(pv.output, /pulumi-notebooks-cost-guards/);
        assert.match(pv.output, /at most \d+ GPU-hours per day/);
        assert.doesNotMatch(pv.output, /\[mandatory\]/);
    });

    it("shows console drift in preview --refresh and repairs it with up --refresh", async () => {
        const [inst] = await t.admin.dswInstances();
        const id = String(inst.InstanceId);
        await t.admin.dswStop(id);
        await eventually(async () => (await t.admin.dswInstance(id)).Status === "Stopped", 30_000, "the console stop");
        const pv = await proj.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
        assert.notEqual(pv.code, 0);
        assert.match(pv.output, /status\s*: "Stopped" => "Running"/);
        const plain = await proj.must(["up", "--yes", "--skip-preview"]);
        assert.match(plain.output, /unchanged/, "a plain up does not read the cloud (the README says so)");
        await proj.up(["--refresh"]);
        assert.equal((await t.admin.dswInstance(id)).Status, "Running");
    });

    it("prints and stores no secret: the Jupyter token stays encrypted", async () => {
        const exported = JSON.parse((await proj.must(["stack", "export", "--show-secrets"])).stdout) as {
            deployment: { resources?: Array<{ type: string; outputs?: Record<string, unknown> }> };
        };
        // With --show-secrets a secret is exported as {<sig>: …, plaintext: "<JSON>"}.
        const raw = exported.deployment.resources?.find((r) => r.type === "random:index/randomPassword:RandomPassword")?.outputs?.result as
            { plaintext?: string } | string | undefined;
        const token = typeof raw === "object" && raw?.plaintext ? (JSON.parse(raw.plaintext) as string) : String(raw ?? "");
        assert.equal(token.length, 24);
        const outputs = (await proj.must(["stack", "output", "--json"])).stdout;
        const state = (await proj.must(["stack", "export"])).stdout;
        assert.ok(!outputs.includes(token), "stack output --json");
        assert.ok(!state.includes(token), "stack export");
    });

    it("missing credentials fail at preview at once, with one clear line and no noise", async () => {
        await proj.must(["stack", "init", "nocreds"]);
        try {
            const calls = (await t.admin.counters()).total;
            const started = Date.now();
            const pv = await proj.run(["preview", "--stack", "nocreds"]);
            const took = Date.now() - started;
            assert.notEqual(pv.code, 0);
            const said = pv.output.match(/credentials are missing/g) ?? [];
            assert.ok(said.length >= 1, pv.output);
            assert.doesNotMatch(pv.output, /PromiseRejectionHandledWarning|\.ts:\d+|at \S+ \(/, `no warnings or stack frames:\n${pv.output}`);
            process.stdout.write(`      (preview without credentials failed in ${took} ms)\n`);
            assert.ok(took < 15_000, `failed in ${took} ms`);
            assert.equal((await t.admin.counters()).total, calls, "no API call");
        } finally {
            await proj.must(["stack", "select", "dev"]);
        }
    });

    it("destroys everything", async () => {
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
        assert.deepEqual(
            (await t.admin.maInstances()).filter((n) => n.status !== "DELETED"),
            [],
        );
    });
});
