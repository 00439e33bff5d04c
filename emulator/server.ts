/**
 * One loopback HTTP server for both clouds. Dispatch by path prefix:
 *   /api/v2/...           PAI-DSW 2022-01-01 (ACS3 signature, x-acs-action must match the route)
 *   /v1/{project}/demanager/...  ModelArts DevEnviron, old API (APIG signature or IAM token)
 *   /v1/{project}/notebooks/...  ModelArts notebooks, current API (the same gateway)
 *   /v3/auth/tokens       IAM password → token
 *   /_emulator/...        admin API (admin token only)
 * Cloud requests pass: body size limit → authentication → rate limit → injected faults → handler.
 * Injected 5xx and throttling answer *before* the handler runs; a dropped connection happens
 * *after* it ran (the caller loses the answer to a request that took effect), which is the case a
 * client must survive without creating twice.
 * The pieces live in ./listener/: services (the parts), receive (limits before any answer),
 * cloudDispatch (route, authenticate, gate), answer (log and send), ticker, listen.
 */
import { IdentityServices } from "./identity/index";
import { EmuContext } from "./context";
import { answerAdmin, answerCloud } from "./listener/answer";
import { listen } from "./listener/listen";
import { receiver } from "./listener/receive";
import { buildServices } from "./listener/services";
import { startTicker } from "./listener/ticker";
import { EmulatorOptions, EmulatorOptionsInput, resolveOptions } from "./options";

export interface RunningEmulator {
    url: string;
    port: number;
    /** With `httpsPort`: the TLS listener's URL and the PEM certificate a client must trust (NODE_EXTRA_CA_CERTS). */
    httpsUrl?: string;
    caCert?: string;
    identity: IdentityServices;
    options: EmulatorOptions;
    context: EmuContext;
    close(): Promise<void>;
}

/** Builds the emulator's parts (./listener/services.ts), starts its tick and listens. */
export async function startEmulator(input: EmulatorOptionsInput = {}): Promise<RunningEmulator> {
    const options = resolveOptions(input);
    const services = buildServices(options);
    const { ctx } = services;
    const onRequest = receiver(options, {
        admin: (req, res) => answerAdmin(services, req, res),
        cloud: (req, res, started) => answerCloud(services, req, res, started),
    });
    const stopTicker = startTicker(services);
    const listeners = await listen(options, onRequest).catch((e: unknown) => {
        stopTicker();
        throw e;
    });
    return {
        url: `http://${options.host}:${listeners.port}`,
        port: listeners.port,
        httpsUrl: listeners.tls?.url,
        caCert: listeners.tls?.cert,
        identity: services.identity,
        options,
        context: ctx,
        close: async () => {
            stopTicker();
            try {
                ctx.store.flush();
            } catch (e) {
                process.stderr.write(`[emulator] ${(e as Error).message}\n`);
            }
            await listeners.close();
        },
    };
}
