/** The loopback listeners: plain HTTP, and HTTPS with a fresh loopback certificate when asked for. */
import * as http from "node:http";
import * as https from "node:https";
import { AddressInfo } from "node:net";
import { loopbackCertificate } from "../identity/tls";
import { EmulatorOptions } from "../options";

/** Node's own limits, set from the emulator's: headers must arrive within the receive time, checked every second. */
function serverOptions(o: EmulatorOptions): http.ServerOptions {
    return {
        headersTimeout: o.receiveTimeoutMs,
        // The emulator's own timer answers a slow body in the cloud's shape; Node's is the backstop.
        requestTimeout: o.receiveTimeoutMs * 2,
        connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(o.receiveTimeoutMs / 4))),
    };
}

function listenOn(server: http.Server, port: number | undefined, host: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
}

export interface Listeners {
    port: number;
    tls?: { url: string; cert: string };
    close(): Promise<void>;
}

export async function listen(options: EmulatorOptions, onRequest: http.RequestListener): Promise<Listeners> {
    const server = http.createServer(serverOptions(options), onRequest);
    server.maxHeadersCount = options.maxHeaderCount + 1;
    const port = await listenOn(server, options.port, options.host);
    server.keepAliveTimeout = 30_000;
    const servers: http.Server[] = [server];
    let tls: Listeners["tls"];
    if (options.httpsPort !== undefined) {
        const { key, cert } = await loopbackCertificate(options.host);
        const secure = https.createServer({ key, cert, ...serverOptions(options) }, onRequest);
        secure.maxHeadersCount = options.maxHeaderCount + 1;
        const securePort = await listenOn(secure, options.httpsPort, options.host);
        servers.push(secure);
        tls = { url: `https://${options.host}:${securePort}`, cert };
    }
    return {
        port,
        tls,
        close: async () => {
            for (const s of servers) {
                await new Promise<void>((resolve) => {
                    s.close(() => resolve());
                    s.closeAllConnections();
                });
            }
        },
    };
}
