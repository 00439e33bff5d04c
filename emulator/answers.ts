/**
 * How the emulator's HTTP entry answers: which cloud a path belongs to, a refusal or an internal
 * error in that cloud's shape, and writing an answer without ever throwing. Split from
 * startEmulator (server.ts), which keeps the wiring and the per-request flow.
 */
import type * as http from "node:http";
import { DswApiError, dswErrorResponse } from "./dsw/envelope";
import { EmuResponse, json } from "./http";
import { InstanceMetadata } from "./identity/metadata";
import { StsError, stsErrorResponse } from "./identity/alibabaSts";
import { MaApiError, maErrorResponse } from "./huawei/envelope";

/** The doors of the emulator: each answers refusals in its own cloud's shape. */
export type Entry = "admin" | "dsw" | "sts" | "huawei" | "metadata";

/** Which cloud answers a path, so a request refused at the entry gets that cloud's error shape. */
export function entryOf(method: string, p: string): Entry {
    if (p.startsWith("/_emulator/")) return "admin";
    if (p.startsWith("/api/")) return "dsw";
    if (p.startsWith("/v1/") || p.startsWith("/v3")) return "huawei";
    if (InstanceMetadata.handles(p)) return "metadata";
    if (p === "/" && (method === "POST" || method === "GET")) return "sts";
    return "dsw";
}

/**
 * A refusal by the gateway in front of the service, in the cloud's shape: Alibaba's JSON
 * envelope for DSW and STS, Huawei APIG's `error_code`/`error_msg` for ModelArts and IAM.
 * The codes are the gateways' generic ones (docs/emulator-hardening.md).
 */
export function refusal(entry: Entry, status: number, message: string, host = ""): EmuResponse {
    switch (entry) {
        case "admin":
            return json(status, { error: message });
        case "metadata":
            return { status, headers: { "content-type": "text/plain" }, body: Buffer.from(message) };
        case "sts":
            return stsErrorResponse(new StsError(status, status === 408 ? "RequestTimeout" : "InvalidParameter", message));
        case "huawei":
            return maErrorResponse(new MaApiError(status, "APIGW.0201", message, true));
        case "dsw":
            return dswErrorResponse(new DswApiError(status, status === 408 ? "RequestTimeout" : "ValidationError", message, true), host);
    }
}

export function internalError(entry: Entry): EmuResponse {
    if (entry === "huawei") return maErrorResponse(new MaApiError(500, "ModelArts.6200", "Internal error."));
    if (entry === "admin") return json(500, { error: "internal error (see the emulator's stderr)" });
    return dswErrorResponse(new DswApiError(500, "InternalError", "The request processing has failed due to some unknown error."), "");
}

export const report = (what: string, e: unknown) => process.stderr.write(`[emulator] ${what}: ${(e as Error)?.stack ?? String(e)}\n`);

/**
 * Writes an answer. Serializing is where a hostile value would throw (a cycle, a stack
 * overflow, a BigInt): that answer becomes the cloud's internal error instead of an exception,
 * and a socket that cannot be written is closed, so no request can end the process.
 */
export function send(res: http.ServerResponse, r: EmuResponse, entry: Entry): void {
    let status = r.status;
    let headers = r.headers ?? {};
    let payload: string | Buffer;
    try {
        payload = r.body === undefined ? "" : Buffer.isBuffer(r.body) ? r.body : JSON.stringify(r.body);
    } catch (e) {
        report("an answer could not be serialized", e);
        const fallback = internalError(entry);
        status = fallback.status;
        headers = fallback.headers ?? {};
        payload = JSON.stringify(fallback.body);
    }
    try {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(status, { "content-type": "application/json;charset=utf-8", ...headers });
        res.end(payload);
    } catch (e) {
        report("an answer could not be written", e);
        res.destroy();
    }
}
