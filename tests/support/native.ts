/**
 * What the native plugin's end-to-end specs share (YAML, Go, TypeScript programs): where the plugin
 * is, the project file that points the engine at it, a console user changing a notebook behind
 * Pulumi's back, `pulumi package gen-sdk` from the committed schema, and the environment a Go
 * program builds in offline.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { DswClient } from "../../provider/dsw/client";
import { resolveDswSettings } from "../../provider/dsw/settings";
import { toolchain } from "./pulumi";

const run = promisify(execFile);

export const repo = path.resolve(__dirname, "../..");
/** The directory of the launcher `bin/pulumi-resource-notebooks` (runs dist/provider/native/main.js). */
export const pluginDir = path.join(repo, "bin");
export const schemaFile = path.join(repo, "sdk/native/schema.json");

/** `plugins.providers` of a Pulumi.yaml: the engine loads the plugin from the repo, as a local build. */
export const pluginsBlock = `plugins:
  providers:
    - name: notebooks
      path: ${pluginDir}
`;

/** A DSW client with the stack's keys: what a console user does to the instance, through the same API. */
export function consoleDswClient(url: string, config: Record<string, string>, secrets: Record<string, string>): DswClient {
    const settings: Record<string, string> = {
        dswEndpoint: url,
        dswAccessKeyId: config["notebooks:dswAccessKeyId"],
        dswAccessKeySecret: secrets["notebooks:dswAccessKeySecret"],
    };
    const s = resolveDswSettings((k) => settings[k], {});
    return new DswClient({ endpoint: s.endpoint, credentials: s.credentials });
}

/** A console user moves the idle culler's limit (delete + create: DSW has no update for it). */
export async function consoleSetIdleLimit(client: DswClient, id: string, minutes: number): Promise<void> {
    await client.deleteIdleCuller(id);
    await client.createIdleCuller(id, { CpuPercentThreshold: 20, MaxIdleTimeInMinutes: minutes });
}

/** `pulumi package gen-sdk sdk/native/schema.json --language <lang> -o <out>` with the toolchain's language hosts. */
export async function genSdk(language: string, out: string, extraEnv: NodeJS.ProcessEnv = {}, schema = schemaFile): Promise<string> {
    const tc = toolchain();
    const { stderr } = await run(path.join(tc.bin, "pulumi"), ["package", "gen-sdk", schema, "--language", language, "-o", out], {
        env: {
            ...process.env,
            ...extraEnv,
            PATH: `${tc.bin}${path.delimiter}${process.env.PATH ?? ""}`,
            PULUMI_HOME: tc.home,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        },
        maxBuffer: 16 << 20,
    });
    return stderr;
}

let goEnvCache: Record<string, string> | undefined;

/**
 * Go's settings for a program built by the Go language host: the module and build caches the
 * toolchain script filled (a project's HOME is its own, so Go's defaults would point elsewhere),
 * no network (GOPROXY=off: every module comes from the cache), and the toolchain's CGO setting so
 * the compiled sdk/v3 packages are reused.
 */
export async function goEnv(): Promise<Record<string, string>> {
    if (goEnvCache) return goEnvCache;
    const { stdout } = await run("go", ["env", "GOCACHE", "GOMODCACHE", "GOPATH"]);
    const [cache, modcache, gopath] = stdout.trim().split("\n");
    goEnvCache = {
        GOCACHE: cache,
        GOMODCACHE: modcache,
        GOPATH: gopath,
        GOPROXY: "off",
        GOSUMDB: "off",
        GOFLAGS: "-mod=mod",
        GOTOOLCHAIN: "local",
        CGO_ENABLED: "0",
    };
    return goEnvCache;
}

/** A copy of the Go program fixture in `dir`, wired to an SDK generated there from the schema. */
export async function goProgram(dir: string, projectName: string): Promise<void> {
    const fixture = path.join(repo, "tests/fixtures/native-go");
    for (const f of ["main.go", "go.mod", "go.sum"]) fs.copyFileSync(path.join(fixture, f), path.join(dir, f));
    const env = await goEnv();
    await genSdk("go", path.join(dir, "sdk"), env);
    const sdk = path.join(dir, "sdk/go/notebooks");
    const module = "github.com/pulumi-notebooks/pulumi-notebooks/sdk/go/notebooks";
    // gen-sdk writes no go.mod for Go; a local SDK module needs one (as `pulumi package add` writes).
    const goVersion = /^go (\S+)$/m.exec(fs.readFileSync(path.join(dir, "go.mod"), "utf8"))?.[1] ?? "1.25.11";
    const sdkVersion = /github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)/.exec(fs.readFileSync(path.join(dir, "go.mod"), "utf8"))?.[1];
    fs.writeFileSync(
        path.join(sdk, "go.mod"),
        `module ${module}\n\ngo ${goVersion}\n\nrequire (\n\tgithub.com/blang/semver v3.5.1+incompatible\n\tgithub.com/pulumi/pulumi/sdk/v3 ${sdkVersion}\n)\n`,
    );
    await run("go", ["mod", "edit", "-require", `${module}@v0.0.0`, "-replace", `${module}=./sdk/go/notebooks`], {
        cwd: dir,
        env: { ...process.env, ...env },
    });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${projectName}\nruntime: go\ndescription: e2e test\n${pluginsBlock}`);
}
