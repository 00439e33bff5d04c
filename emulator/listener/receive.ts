/**
 * Receiving one HTTP request before anything answers it: the Host is checked first (a page that
 * reached the port by DNS rebinding learns nothing else), then the header count, the time to
 * receive it, the body's size and its JSON shape; what passes goes to the admin or the cloud side.
 */
import * as http from "node:http";
import { entryOf, internalError, refusal, report, send } from "../answers";
import { EmuRequest, EmuResponse, buildRequest } from "../http";
import { blockedHostMessage, hostAllowed, jsonShapeProblem } from "../limits";
import { EmulatorOptions } from "../options";

export interface Answerers {
    admin: (req: EmuRequest, res: http.ServerResponse) => void;
    cloud: (req: EmuRequest, res: http.ServerResponse, started: number) => void;
}

/** The request listener of both the HTTP and the HTTPS server. */
export function receiver(options: EmulatorOptions, answer: Answerers): http.RequestListener {
    return (msg, res) => {
        const started = Date.now();
        const url = msg.url ?? "/";
        const method = msg.method ?? "GET";
        const entry = entryOf(method, url.split("?", 1)[0]);
        const host = typeof msg.headers.host === "string" ? msg.headers.host : "";
        let settled = false;
        // Set once the request is past the Host and header checks; `refuse` may run before that.
        const timer: { receiving?: NodeJS.Timeout } = {};
        /** Refuses at the entry and closes the connection once the answer is out (the rest of the request is not read). */
        const refuse = (status: number, message: string, r: EmuResponse = refusal(entry, status, message, host)) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer.receiving);
            res.once("finish", () => msg.socket?.destroy());
            send(res, { ...r, headers: { ...r.headers, connection: "close" } }, entry);
        };
        if (!hostAllowed(msg.headers.host, options.allowedHosts, options.host)) {
            refuse(403, "", { status: 403, headers: { "content-type": "text/plain;charset=utf-8" }, body: Buffer.from(blockedHostMessage(msg.headers.host)) });
            return;
        }
        if (msg.rawHeaders.length / 2 > options.maxHeaderCount) {
            refuse(431, `The request has more than ${options.maxHeaderCount} header lines.`);
            return;
        }
        const receiving = setTimeout(() => refuse(408, `The request was not received within ${options.receiveTimeoutMs} ms.`), options.receiveTimeoutMs);
        receiving.unref();
        timer.receiving = receiving;
        msg.on("error", () => clearTimeout(receiving));
        const chunks: Buffer[] = [];
        let size = 0;
        msg.on("data", (c: Buffer) => {
            if (settled) return;
            size += c.length;
            if (size > options.maxBodyBytes) {
                refuse(413, `The request body exceeds ${options.maxBodyBytes} bytes.`);
                return;
            }
            chunks.push(c);
        });
        msg.on("end", () => {
            if (settled) return;
            settled = true;
            clearTimeout(receiving);
            try {
                const body = Buffer.concat(chunks);
                const shape = jsonShapeProblem(body, options.maxJsonDepth, options.maxJsonWidth);
                if (shape !== undefined) {
                    send(res, refusal(entry, 400, `The request body is refused: ${shape}.`, host), entry);
                    return;
                }
                const req = buildRequest(method, url, msg.headers, body);
                if (entry === "admin") answer.admin(req, res);
                else answer.cloud(req, res, started);
            } catch (e) {
                report(`internal error on ${method} ${url.split("?", 1)[0]}`, e);
                send(res, internalError(entry), entry);
            }
        });
    };
}
