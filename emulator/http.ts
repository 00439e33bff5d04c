/** The emulator's request/response model and a small method+path router. */
import { randomUUID } from "node:crypto";
import { gatewayQuery } from "./auth/canonical";

export interface EmuRequest {
    method: string;
    /** Raw (still percent-encoded) path, as signed by clients. */
    rawPath: string;
    /** Decoded path used for routing. */
    path: string;
    rawQuery: string;
    /** Decoded query pairs, in order. */
    queryPairs: Array<[string, string]>;
    /** Last value per decoded name. */
    query: Record<string, string>;
    /** Lower-cased header names; repeated headers joined with `,`. */
    headers: Record<string, string>;
    body: Buffer;
    receivedAt: number;
}

export interface EmuResponse {
    status: number;
    headers?: Record<string, string>;
    /** Serialized as JSON unless it is a Buffer. */
    body?: unknown;
}

export type Params = Record<string, string>;
export type Handler = (req: EmuRequest, params: Params) => EmuResponse | Promise<EmuResponse>;

export interface Route {
    method: string;
    pattern: RegExp;
    keys: string[];
    /** Operation name used for counters, fault filters and DSW's `x-acs-action` check. */
    op: string;
    handler: Handler;
}

/** `/api/v2/instances/{InstanceId}/stop` → a route matching one path segment per `{name}`. */
export function route(method: string, template: string, op: string, handler: Handler): Route {
    const keys: string[] = [];
    const source = template
        .split("/")
        .map((seg) => {
            const m = /^\{(\w+)\}$/.exec(seg);
            if (m) {
                keys.push(m[1]);
                return "([^/]+)";
            }
            return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
    return { method, pattern: new RegExp(`^${source}/?$`), keys, op, handler };
}

export interface RouteMatch {
    route: Route;
    params: Params;
}

/** Finds the route; `methodMismatch` tells a wrong method on a known path from an unknown path. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | { methodMismatch: boolean } {
    let methodMismatch = false;
    for (const r of routes) {
        const m = r.pattern.exec(path);
        if (!m) {
            continue;
        }
        if (r.method !== method) {
            methodMismatch = true;
            continue;
        }
        const params: Params = {};
        r.keys.forEach((k, i) => (params[k] = m[i + 1]));
        return { route: r, params };
    }
    return { methodMismatch };
}

export function buildRequest(method: string, url: string, rawHeaders: NodeJS.Dict<string | string[]>, body: Buffer): EmuRequest {
    const q = url.indexOf("?");
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? "" : url.slice(q + 1);
    let path = rawPath;
    try {
        path = decodeURIComponent(rawPath);
    } catch {
        // keep the raw path; no route will match it and the caller gets a 404
    }
    // Form-style: `+` is a space, as the clouds' gateways read it.
    const queryPairs = gatewayQuery(rawQuery);
    const query: Record<string, string> = {};
    for (const [k, v] of queryPairs) {
        query[k] = v;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawHeaders)) {
        if (v !== undefined) {
            headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
        }
    }
    return { method, rawPath, path, rawQuery, queryPairs, query, headers, body, receivedAt: Date.now() };
}

/** Upper-case UUID, the shape of Alibaba's `RequestId`. */
export function newRequestId(): string {
    return randomUUID().toUpperCase();
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
    return { status, body, headers };
}

/** Parses a JSON object body; undefined for an empty body, an Error for malformed JSON or a non-object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined | Error {
    if (body.length === 0) {
        return undefined;
    }
    try {
        const v: unknown = JSON.parse(body.toString("utf8"));
        if (v === null || typeof v !== "object" || Array.isArray(v)) {
            return new Error("the request body must be a JSON object");
        }
        return v as Record<string, unknown>;
    } catch (e) {
        return new Error(`the request body is not valid JSON: ${(e as Error).message}`);
    }
}

/** An error answer of an emulated cloud: HTTP status, the cloud's code, and whether the gateway (not the service) answers. */
export class CloudApiError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
        readonly gateway = false,
        readonly headers: Record<string, string> = {},
    ) {
        super(message);
    }
}

/**
 * Brings every record up to now with `advance`; drops records whose deletion completed.
 * Returns whether anything changed (so the caller persists).
 */
export function advanceRecords<R>(records: Record<string, R>, advance: (r: R) => "unchanged" | "changed" | "deleted"): boolean {
    let changed = false;
    for (const [id, rec] of Object.entries(records)) {
        const r = advance(rec);
        if (r === "deleted") {
            delete records[id];
        }
        changed ||= r !== "unchanged";
    }
    return changed;
}
