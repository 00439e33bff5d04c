/**
 * Ends a provider process whose Pulumi engine is gone. Pulumi starts each plugin in a process group
 * of its own (sdk/go/common/resource/plugin/plugin.go, `cmdutil.RegisterProcessGroup`), so a CLI
 * killed with SIGKILL leaves its providers running. A provider that outlives its engine finishes
 * the creates in flight and hands them over, which clears the creating marks that let the next run
 * find them (docs/recovery.md): their ids reach no state, and they leak (found by an independent
 * tester killing `pulumi up`). Pulumi's own language hosts watch the engine the same way, a gRPC
 * health check of its address (sdk/go/common/util/rpcutil/health.go: any error but Unimplemented
 * ends the host), every 5 minutes; here every second, because a hand-over takes a request or two.
 */
import { engineAddressOf } from "./log";

const CHECK_EVERY_MS = 1_000;
const CHECK_DEADLINE_MS = 5_000;
/** Refused connections in a row that mean the engine is gone (one would do; two rule out a blip). */
const GONE_AFTER = 2;
/** grpc status codes (@grpc/grpc-js `status`). */
const UNAVAILABLE = 14;

export interface EngineWatchOptions {
    /** The engine's address; by default this process's (tests give their own, and may watch several). */
    address?: string;
    intervalMs?: number;
    /** What to do once the engine is gone; by default, end the process at once. */
    onGone?: () => void;
}

let watching = false;

/**
 * Starts watching the engine this process reports to (idempotent; nothing outside an engine).
 * Only a refused connection counts, and only after the engine once answered: a slow engine (a
 * deadline passed) is alive, and an address that never answered is not one this process knows.
 */
export function watchEngine(opts: EngineWatchOptions = {}): void {
    const address = opts.address ?? engineAddressOf();
    if (!address || (opts.address === undefined && watching)) return;
    if (opts.address === undefined) watching = true;
    const onGone =
        opts.onGone ??
        (() => {
            process.stderr.write(
                "pulumi-notebooks: the Pulumi engine that started this provider is gone; exiting, so that creates in flight keep their marks\n",
            );
            process.exit(1);
        });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- @pulumi/pulumi's own gRPC runtime, loaded only where an engine is
    const grpc = require("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
    const client = new grpc.Client(address, grpc.credentials.createInsecure());
    let answered = false;
    let refused = 0;
    const check = () => {
        client.makeUnaryRequest(
            "/grpc.health.v1.Health/Check",
            (b: Buffer) => b,
            (b: Buffer) => b,
            Buffer.alloc(0), // HealthCheckRequest{}: every field at its default encodes to nothing
            { deadline: Date.now() + CHECK_DEADLINE_MS },
            (err) => {
                if (err && err.code === UNAVAILABLE) {
                    if (answered && ++refused >= GONE_AFTER) {
                        client.close();
                        onGone();
                        return;
                    }
                } else {
                    // Served, Unimplemented or slow: an engine is there.
                    answered = true;
                    refused = 0;
                }
                setTimeout(check, opts.intervalMs ?? CHECK_EVERY_MS).unref();
            },
        );
    };
    check();
}
