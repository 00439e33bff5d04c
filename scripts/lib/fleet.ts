/**
 * Runs the drift check over many stacks with Pulumi's Automation API: for each stack a
 * `preview --refresh` (a dry run: it never writes state), with the engine events turned into the
 * properties that differ (cloud -> program). At most `parallel` stacks run at once.
 */
import * as path from "node:path";
import { CommandError, ConcurrentUpdateError, EngineEvent, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { ErrorCause, PropertyDrift, ResourceDrift, StackResult } from "./fleetReport";
import { StackLock, describeLocks, lockBackendKind, readStackLocks } from "./stackLocks";

export interface FleetOptions {
    cwds: string[];
    stacks: string[];
    allStacks: boolean;
    parallel: number;
    repair: boolean;
    /** The directory holding the `pulumi` binary; empty: `pulumi` from PATH. */
    pulumiBin: string;
    env: NodeJS.ProcessEnv;
    /** Called as each stack's result is known (progress for long fleets). */
    onResult?: (r: StackResult) => void;
}

interface Target {
    cwd: string;
    project: string;
    stack: string;
    ws: LocalWorkspace;
    /** The state backend's URL when known (its locks are read from it); never printed: it may hold a password. */
    backendUrl?: string;
}

const NOISE = new Set(["same", "refresh", "read"]);

/** The properties of one step that differ, from the step's own diff keys when the engine gave them. */
export function stepProperties(meta: {
    diffs?: string[];
    old?: { inputs?: Record<string, unknown> };
    new?: { inputs?: Record<string, unknown> };
}): PropertyDrift[] {
    const olds = meta.old?.inputs ?? {};
    const news = meta.new?.inputs ?? {};
    const keys = meta.diffs?.length
        ? meta.diffs
        : [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return keys.filter((k) => !k.startsWith("__")).map((key) => ({ key, cloud: olds[key], program: news[key] }));
}

/** Names why a check failed from the CLI's error text. */
export function classifyError(e: unknown): { cause: ErrorCause; message: string } {
    const text = e instanceof CommandError ? e.message : e instanceof Error ? e.message : String(e);
    // The CLI's stderr carries the cause; the Automation API's own preamble (the command line) is not useful.
    const stderr = /stderr: ([\s\S]*?)(?:\n\s*err\?:|$)/.exec(text)?.[1]?.trim() ?? text;
    const first = stderr
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !/^(Previewing|View in Browser|Type\s+Name|@ previewing|Resources:|Duration:)/.test(l));
    const message = first.slice(0, 6).join("\n").slice(0, 1200);
    let cause: ErrorCause = "other";
    if (e instanceof ConcurrentUpdateError || /currently locked by|Another update is currently in progress/i.test(text)) cause = "locked";
    else if (/no stack named .* found/i.test(text)) cause = "not-found";
    else if (/passphrase|decrypt|credential|AccessKey|InvalidAccessKeyId|Unauthorized|authentication/i.test(text)) cause = "credentials";
    else if (
        /connection refused|ECONNREFUSED|ECONNRESET|ETIMEDOUT|could not connect|dial tcp|no such host|failed to connect|SQLSTATE|postgres|the database system|terminating connection|Connection terminated/i.test(
            text,
        )
    )
        cause = "backend";
    else if (/Running program .* failed|error: .*program|TypeError|ReferenceError|SyntaxError|Cannot find module|unhandled exception/i.test(text))
        cause = "program";
    return { cause, message };
}

async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}

function envVars(env: NodeJS.ProcessEnv): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
    return out;
}

async function targets(o: FleetOptions, pulumiCommand: PulumiCommand): Promise<{ targets: Target[]; failures: StackResult[] }> {
    const found: Target[] = [];
    const failures: StackResult[] = [];
    for (const dir of o.cwds) {
        const cwd = path.resolve(dir);
        let ws: LocalWorkspace;
        let project = path.basename(cwd);
        let backendUrl: string | undefined;
        try {
            ws = await LocalWorkspace.create({ workDir: cwd, envVars: envVars(o.env), pulumiCommand });
            const settings = await ws.projectSettings();
            project = settings.name;
            backendUrl = await backendOf(ws, o.env, settings.backend?.url);
            if (backendUrl && lockBackendKind(backendUrl) === "postgres" && !o.env.PULUMI_DIY_BACKEND_PARALLEL) {
                // Pulumi 3.248's postgres bucket runs a query per listed key while the listing's rows
                // hold their connection, with at most 2 x GOMAXPROCS connections; the DIY backend lists
                // stacks with 10 workers (PULUMI_DIY_BACKEND_PARALLEL), so `pulumi stack ls` of 4+ stacks
                // on a 2-core runner waits forever for a free connection. One worker cannot.
                ws.envVars.PULUMI_DIY_BACKEND_PARALLEL = "1";
            }
        } catch (e) {
            failures.push({ project, cwd, stack: "*", status: "error", resources: [], seconds: 0, ...classifyError(e) });
            continue;
        }
        let names = o.stacks;
        if (o.allStacks || names.length === 0) {
            try {
                const listed = await ws.listStacks();
                names = o.allStacks ? listed.map((s) => s.name) : listed.filter((s) => s.current).map((s) => s.name);
            } catch (e) {
                failures.push({ project, cwd, stack: "*", status: "error", resources: [], seconds: 0, ...classifyError(e) });
                continue;
            }
            if (names.length === 0 && !o.allStacks) {
                failures.push({
                    project,
                    cwd,
                    stack: "(current)",
                    status: "error",
                    cause: "not-found",
                    message: "no current stack: name one with --stack",
                    resources: [],
                    seconds: 0,
                });
            }
        }
        for (const stack of names) found.push({ cwd, project, stack, ws, backendUrl });
    }
    return { targets: found, failures };
}

/**
 * The backend the stacks live on, as the CLI resolves it: PULUMI_BACKEND_URL, then the project's
 * `backend.url`, then the login. Unknown (locks not read) when `pulumi whoami` fails: the preview
 * then reports why.
 */
async function backendOf(ws: LocalWorkspace, env: NodeJS.ProcessEnv, projectUrl: string | undefined): Promise<string | undefined> {
    if (env.PULUMI_BACKEND_URL) return env.PULUMI_BACKEND_URL;
    if (projectUrl) return projectUrl;
    try {
        return (await ws.whoAmI()).url;
    } catch {
        return undefined;
    }
}

/** A stack's locks, or undefined when its backend's locks cannot be read here (s3://, gs://, azblob://, the Cloud). */
async function locksOf(t: Target): Promise<StackLock[] | undefined> {
    return t.backendUrl ? readStackLocks(t.backendUrl, t.project, t.stack) : undefined;
}

function lockedResult(base: Pick<StackResult, "project" | "cwd" | "stack">, locks: StackLock[], started: number): StackResult {
    return {
        ...base,
        status: "error",
        cause: "locked",
        message: describeLocks(locks, base.stack),
        locks,
        resources: [],
        seconds: (Date.now() - started) / 1000,
    };
}

async function checkOne(t: Target, repair: boolean): Promise<StackResult> {
    const started = Date.now();
    const base = { project: t.project, cwd: t.cwd, stack: t.stack };
    const failed = (e: unknown): StackResult => ({ ...base, status: "error", resources: [], seconds: (Date.now() - started) / 1000, ...classifyError(e) });
    // A preview takes no lock on a DIY backend: a stack mid-update would preview its half-done
    // state as drift. The lock files say whether an update holds the stack; read, never waited on.
    try {
        const locks = await locksOf(t);
        if (locks?.length) return lockedResult(base, locks, started);
    } catch (e) {
        return failed(e);
    }
    let stack: Stack;
    try {
        stack = await Stack.select(t.stack, t.ws);
    } catch (e) {
        return failed(e);
    }
    const resources: ResourceDrift[] = [];
    const onEvent = (ev: EngineEvent) => {
        const m = ev.resourcePreEvent?.metadata;
        if (!m || NOISE.has(m.op) || m.urn.includes("pulumi:pulumi:Stack")) return;
        resources.push({ name: m.urn.split("::").pop() ?? m.urn, type: m.new?.type ?? m.old?.type ?? m.type, op: m.op, properties: stepProperties(m) });
    };
    try {
        await stack.preview({ refresh: true, onEvent });
        // An update that began while the preview ran makes its picture of the stack a half-done one.
        const after = await locksOf(t);
        if (after?.length) return lockedResult(base, after, started);
    } catch (e) {
        return failed(e);
    }
    const result: StackResult = { ...base, status: resources.length ? "drift" : "clean", resources, seconds: (Date.now() - started) / 1000 };
    if (repair && result.status === "drift") {
        try {
            const up = await stack.up({ refresh: true });
            const changed = Object.entries(up.summary.resourceChanges ?? {})
                .filter(([op]) => op !== "same")
                .map(([op, n]) => `${n} ${op}`);
            result.repair = { ok: true, message: changed.length ? changed.join(", ") : "no changes were needed" };
        } catch (e) {
            const c = classifyError(e);
            result.repair = { ok: false, message: `${c.cause}: ${c.message}` };
        }
        result.seconds = (Date.now() - started) / 1000;
    }
    return result;
}

export async function checkFleet(o: FleetOptions): Promise<StackResult[]> {
    // PulumiCommand takes an install root (`<root>/bin/pulumi`); any other directory goes on PATH.
    const asRoot = o.pulumiBin !== "" && path.basename(o.pulumiBin) === "bin";
    if (o.pulumiBin && !asRoot) process.env.PATH = `${o.pulumiBin}${path.delimiter}${process.env.PATH ?? ""}`;
    const pulumiCommand = await PulumiCommand.get({ root: asRoot ? path.dirname(o.pulumiBin) : undefined, skipVersionCheck: true });
    const { targets: ts, failures } = await targets({ ...o, cwds: o.cwds.length ? o.cwds : [process.cwd()] }, pulumiCommand);
    for (const f of failures) o.onResult?.(f);
    const results = await pool(ts, o.parallel, async (t) => {
        const r = await checkOne(t, o.repair);
        o.onResult?.(r);
        return r;
    });
    return [...failures, ...results];
}
