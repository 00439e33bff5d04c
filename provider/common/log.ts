/**
 * Progress lines and warnings from inside a provider process. `@pulumi/pulumi`'s `log` is not
 * connected there (the dynamic-provider host never sets PULUMI_NODEJS_ENGINE; see
 * sdk/nodejs/cmd/dynamic-provider/index.ts `main`, which only receives the engine address as its
 * first argument), so this module opens its own Engine client to that address and sends `Log`
 * requests. The native plugin is handed the engine's address as its last argument
 * (sdk/go/common/resource/plugin/plugin.go `buildPluginArguments`, 3.248) and passes it to
 * {@link connectProgressToEngine}. Outside an engine (tests), lines go to an optional sink.
 */
import * as path from "node:path";
import { redact } from "./redact";

export interface ProgressLog {
    info(message: string): void;
    warn(message: string): void;
}

type LogSink = (severity: "info" | "warn", message: string) => void;

let sink: LogSink | undefined;

/** Tests and scripts may capture progress lines. */
export function setProgressSink(s: LogSink | undefined): void {
    sink = s;
}

interface EngineLike {
    log(req: unknown, cb: (err: Error | null) => void): void;
}

let engine: EngineLike | null | undefined;
let nativeEngineAddress: string | undefined;

/** The native plugin's entry point names the engine its lines go to (before the first line). */
export function connectProgressToEngine(address: string): void {
    nativeEngineAddress = address;
    engine = undefined;
}

/** The address of the engine this provider process serves: the native plugin's, or the dynamic-provider host's first argument. */
export function engineAddressOf(): string | undefined {
    const isDynamicHost = (process.argv[1] ?? "").split(path.sep).join("/").includes("cmd/dynamic-provider");
    return nativeEngineAddress ?? (isDynamicHost ? process.argv[2] : undefined);
}
let LogRequestCtor:
    (new () => { setSeverity(s: number): void; setMessage(m: string): void; setUrn(u: string): void; setEphemeral?(e: boolean): void }) | undefined;
let severities: { INFO: number; WARNING: number } | undefined;

function engineClient(): EngineLike | null {
    if (engine !== undefined) {
        return engine;
    }
    engine = null;
    const addr = engineAddressOf();
    if (!addr) {
        return engine;
    }
    try {
        // Deep requires of the installed SDK: the engine's generated gRPC client and messages.
        /* eslint-disable @typescript-eslint/no-require-imports */
        const grpc = require("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
        const rpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineClient: new (a: string, c: unknown) => EngineLike };
        const pb = require("@pulumi/pulumi/proto/engine_pb") as {
            LogRequest: typeof LogRequestCtor;
            LogSeverity: { INFO: number; WARNING: number };
        };
        /* eslint-enable @typescript-eslint/no-require-imports */
        LogRequestCtor = pb.LogRequest;
        severities = pb.LogSeverity;
        engine = new rpc.EngineClient(addr, grpc.credentials.createInsecure());
    } catch {
        engine = null;
    }
    return engine;
}

function emit(severity: "info" | "warn", raw: string, urn: string | undefined): void {
    // Every progress line passes here: no secret value the provider knows leaves it (redact.ts).
    const message = redact(raw);
    sink?.(severity, message);
    const e = engineClient();
    if (!e || !LogRequestCtor || !severities) {
        return;
    }
    const req = new LogRequestCtor();
    req.setSeverity(severity === "warn" ? severities.WARNING : severities.INFO);
    req.setMessage(message);
    if (urn) {
        req.setUrn(urn);
        // Progress is a status line of the resource's row, not a diagnostic to repeat in the
        // summary; warnings stay in both places.
        if (severity === "info") req.setEphemeral?.(true);
    }
    e.log(req, () => undefined);
}

/**
 * A logger for one resource: lines are attached to its URN when the SDK passed it (`__nbUrn`), so
 * the CLI shows them under the resource, once; otherwise prefixed with the resource's name.
 */
export function progressFor(subject: string, urn?: unknown): ProgressLog {
    const u = typeof urn === "string" && urn.startsWith("urn:pulumi:") ? urn : undefined;
    const line = (m: string) => (u ? m : `${subject}: ${m}`);
    return {
        info: (m) => emit("info", line(m), u),
        warn: (m) => emit("warn", line(m), u),
    };
}
