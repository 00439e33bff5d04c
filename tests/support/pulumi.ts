/**
 * End-to-end harness: real `pulumi` binaries (from scripts/pulumi-toolchain.sh) running programs
 * in temporary projects whose node_modules hold an installed copy of this package, as a user's
 * project would (so `__provider` is the require() shim a user gets).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RunResult, pulumiEnv, runPulumi } from "../../scripts/lib/cli";
import { secretAudit } from "./secretAudit";
import { cliTally } from "./cliTally";

export { RunResult };

// From tests/support (ts-node) or dist/tests/support (compiled, for the benchmarks).
const up2 = path.resolve(__dirname, "../..");
const repo = path.basename(up2) === "dist" ? path.dirname(up2) : up2;

export interface Toolchain {
    bin: string;
    home: string;
}

let cachedToolchain: Toolchain | undefined;

export function toolchain(): Toolchain {
    if (cachedToolchain) return cachedToolchain;
    let bin = process.env.PULUMI_TOOLCHAIN_BIN;
    let home = process.env.PULUMI_HOME;
    if (!bin || !home) {
        const out = execFileSync("bash", [path.join(repo, "scripts/pulumi-toolchain.sh"), "--env"], { encoding: "utf8" });
        const kv = Object.fromEntries(
            out
                .trim()
                .split("\n")
                .map((l) => l.split("=", 2) as [string, string]),
        );
        bin = kv.PULUMI_TOOLCHAIN_BIN;
        home = kv.PULUMI_HOME;
    }
    cachedToolchain = { bin, home };
    return cachedToolchain;
}

let root: string | undefined;

/** A directory whose node_modules looks like a user's install of pulumi-notebooks. */
export function consumerRoot(): string {
    if (root) return root;
    root = fs.mkdtempSync(path.join(os.tmpdir(), "pn-e2e-"));
    const nm = path.join(root, "node_modules");
    fs.mkdirSync(path.join(nm, "@pulumi"), { recursive: true });
    for (const entry of fs.readdirSync(path.join(repo, "node_modules"))) {
        if (entry === "pulumi-notebooks" || entry === "@pulumi" || entry === ".package-lock.json") continue;
        fs.symlinkSync(path.join(repo, "node_modules", entry), path.join(nm, entry));
    }
    // Real copies: Pulumi's serializer recognises a package by its path under node_modules.
    fs.cpSync(path.join(repo, "node_modules/@pulumi/pulumi"), path.join(nm, "@pulumi/pulumi"), { recursive: true, dereference: false });
    fs.symlinkSync(path.join(repo, "node_modules/@pulumi/random"), path.join(nm, "@pulumi/random"));
    const pkg = path.join(nm, "pulumi-notebooks");
    fs.mkdirSync(pkg);
    fs.copyFileSync(path.join(repo, "package.json"), path.join(pkg, "package.json"));
    fs.cpSync(path.join(repo, "dist"), path.join(pkg, "dist"), { recursive: true });
    const cleanup = () => fs.rmSync(root as string, { recursive: true, force: true });
    process.once("exit", cleanup);
    return root;
}

/** The installed copy of the package in the consumer root (tests may patch it). */
export function installedPackageDir(): string {
    return path.join(consumerRoot(), "node_modules/pulumi-notebooks");
}

export interface ProjectOptions {
    config?: Record<string, string>;
    secrets?: Record<string, string>;
    env?: Record<string, string>;
}

export class PulumiProject {
    private constructor(
        readonly dir: string,
        readonly env: NodeJS.ProcessEnv,
    ) {}

    static async create(name: string, program: string, opts: ProjectOptions = {}): Promise<PulumiProject> {
        const dir = fs.mkdtempSync(path.join(consumerRoot(), `${name}-`));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\ndescription: e2e test\n`);
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, main: "index.js" }));
        fs.writeFileSync(path.join(dir, "index.js"), program);
        return PulumiProject.inDir(dir, opts);
    }

    /** A `dev` stack, on a local backend inside `dir`, for the Pulumi project already in `dir`. */
    static async inDir(dir: string, opts: ProjectOptions = {}): Promise<PulumiProject> {
        fs.mkdirSync(path.join(dir, ".state"), { recursive: true });
        // A home of its own: no ~/.aliyun, ~/.alibabacloud or ~/.huaweicloud of whoever runs the tests reaches a stack.
        fs.mkdirSync(path.join(dir, ".home"), { recursive: true });
        const tc = toolchain();
        const env = pulumiEnv({
            bin: tc.bin,
            home: tc.home,
            backendDir: path.join(dir, ".state"),
            passphrase: "e2e-passphrase",
            extra: { HOME: path.join(dir, ".home"), NOTEBOOKS_POLL_MIN_MS: "20", NOTEBOOKS_POLL_MAX_MS: "100", ...opts.env },
        });
        const p = new PulumiProject(dir, env);
        secretAudit.stack(dir);
        for (const [k, v] of Object.entries(opts.secrets ?? {})) secretAudit.secret(v, `config ${k}`);
        await p.must(["stack", "init", "dev"]);
        // One CLI run for the whole configuration: each `pulumi config set` costs a CLI start (about a second on two busy cores).
        const pairs = [
            ...Object.entries(opts.config ?? {}).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
            ...Object.entries(opts.secrets ?? {}).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
        ];
        if (pairs.length > 0) await p.must(["config", "set-all", ...pairs]);
        return p;
    }

    writeProgram(program: string): void {
        fs.writeFileSync(path.join(this.dir, "index.js"), program);
    }

    async run(args: string[]): Promise<RunResult> {
        return this.runWithEnv(args, {});
    }

    /** Runs with extra environment variables for this run only (runs may overlap). */
    async runWithEnv(args: string[], extra: Record<string, string>): Promise<RunResult> {
        const started = Date.now();
        const r = await runPulumi(toolchain().bin, args, { cwd: this.dir, env: { ...this.env, ...extra } });
        cliTally.runs += 1;
        cliTally.ms += Date.now() - started;
        if (!args.includes("--show-secrets")) {
            secretAudit.cliOutput(`pulumi ${args.join(" ")} in ${path.basename(this.dir)}`, r.output);
        }
        return r;
    }

    /** Runs and fails the test with the full output when the command fails. */
    async must(args: string[]): Promise<RunResult> {
        const r = await this.run(args);
        if (r.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output}`);
        }
        return r;
    }

    up(extra: string[] = []): Promise<RunResult> {
        return this.must(["up", "--yes", "--skip-preview", ...extra]);
    }

    async outputs(): Promise<Record<string, unknown>> {
        return JSON.parse((await this.must(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
    }

    async exportState(): Promise<{
        deployment: {
            resources?: Array<{
                type: string;
                urn: string;
                id?: string;
                inputs?: Record<string, unknown>;
                outputs?: Record<string, unknown>;
                provider?: string;
            }>;
        };
    }> {
        return JSON.parse((await this.must(["stack", "export"])).stdout);
    }

    /** Resources of a given type in the exported state. */
    async resources(typeSuffix: string) {
        return ((await this.exportState()).deployment.resources ?? []).filter((r) => r.type.endsWith(typeSuffix));
    }
}

/** Emulator configuration for a stack: endpoints and the development keys. */
export function emulatorConfig(url: string): { config: Record<string, string>; secrets: Record<string, string> } {
    return {
        config: {
            "notebooks:dswEndpoint": url,
            "notebooks:dswAccessKeyId": "LTAI5tEmulatorDevKey0001",
            "notebooks:modelartsEndpoint": url,
            "notebooks:modelartsAccessKey": "EMULATORAK0000000001",
            "notebooks:modelartsProjectId": "0123456789abcdef0123456789abcdef",
        },
        secrets: {
            "notebooks:dswAccessKeySecret": "EmulatorDevSecret0001forPaiDswOnly",
            "notebooks:modelartsSecretKey": "EmulatorSecretKey0001ForModelArtsOnly",
        },
    };
}

/** A project made from a directory of examples/ (its files copied into the consumer root). */
export async function projectFromExample(example: string, opts: ProjectOptions = {}): Promise<PulumiProject> {
    const src = path.join(repo, "examples", example);
    const program = fs.readFileSync(path.join(src, "index.ts"), "utf8");
    const p = await PulumiProject.create(example, "", opts);
    fs.rmSync(path.join(p.dir, "index.js"));
    fs.writeFileSync(path.join(p.dir, "index.ts"), program);
    fs.writeFileSync(path.join(p.dir, "package.json"), JSON.stringify({ name: example, main: "index.ts" }));
    return p;
}
