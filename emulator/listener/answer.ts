/**
 * Answering a received request: a cloud request through `dispatch`, recorded in the request log
 * and sent (or its connection dropped, or its body spoiled, where a fault says so); an admin
 * request after its token is checked.
 */
import { timingSafeEqual } from "node:crypto";
import * as http from "node:http";
import { internalError, report, send, entryOf } from "../answers";
import { GATEWAY_PAGE, GatewayPage, Outcome, malformed } from "../gate";
import { EmuRequest, EmuResponse, json, matchRoute } from "../http";
import { dispatch } from "./cloudDispatch";
import { EmuServices } from "./services";

/**
 * Ids a list answer returned (DSW `Instances[].InstanceId`, the old ModelArts API's `instances[].id`,
 * the current one's `data[].id`), for per-instance accounting.
 */
function listedIds(body: unknown): string[] | undefined {
    if (typeof body !== "object" || body === null || Buffer.isBuffer(body)) return undefined;
    const b = body as { Instances?: Array<{ InstanceId?: unknown }>; instances?: Array<{ id?: unknown }>; data?: unknown };
    const items = Array.isArray(b.Instances) ? b.Instances.map((i) => i.InstanceId) : Array.isArray(b.instances) ? b.instances.map((i) => i.id) : undefined;
    const ids = items ?? (Array.isArray(b.data) ? (b.data as Array<{ id?: unknown } | null>).map((i) => i?.id) : undefined);
    return ids?.filter((x): x is string => typeof x === "string");
}

export function answerCloud(s: EmuServices, req: EmuRequest, res: http.ServerResponse, started: number): void {
    const out: Outcome = { op: "unknown", cloud: "unknown" };
    const entry = entryOf(req.method, req.path);
    dispatch(s, req, out)
        .catch((e: unknown): EmuResponse => {
            if (e instanceof GatewayPage) {
                out.code = "HTML 502";
                return GATEWAY_PAGE;
            }
            // Never crash on a request: an unexpected error is the cloud's InternalError.
            out.code = "InternalError";
            report(`internal error on ${req.method} ${req.path}`, e);
            return out.cloud === "modelarts" ? internalError("huawei") : internalError("dsw");
        })
        .then((r) => {
            try {
                s.ctx.log.record({
                    at: started,
                    cloud: out.cloud,
                    op: `${out.cloud}:${out.op}`,
                    method: req.method,
                    path: req.path,
                    status: out.drop ? 0 : r.status,
                    code: out.code,
                    principal: out.principal,
                    fault: out.fault,
                    durationMs: Date.now() - started,
                    listed: listedIds(r.body),
                    queryNames: req.queryPairs.length > 0 ? [...new Set(req.queryPairs.map(([k]) => k))] : undefined,
                });
            } catch (e) {
                report("the request log could not record a request", e);
            }
            if (out.drop) {
                res.socket?.destroy();
                return;
            }
            send(res, out.malformed && r.status < 300 ? malformed(r) : r, entry);
        })
        .catch((e: unknown) => {
            report(`answering ${req.method} ${req.path} failed`, e);
            send(res, internalError(entry), entry);
        });
}

function sameToken(given: string | undefined, expected: string): boolean {
    const a = Buffer.from(given ?? "");
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
}

export function answerAdmin(s: EmuServices, req: EmuRequest, res: http.ServerResponse): void {
    if (!sameToken(req.headers["x-emulator-admin-token"], s.ctx.options.adminToken)) {
        send(res, json(401, { error: "admin API: missing or wrong x-emulator-admin-token" }), "admin");
        return;
    }
    const m = matchRoute(s.admin.routes, req.method, req.path);
    if (!("route" in m)) {
        send(res, json(404, { error: `no admin route ${req.method} ${req.path}` }), "admin");
        return;
    }
    Promise.resolve()
        .then(() => s.admin.handle(req, m.route, m.params))
        .catch((e: unknown) => json(500, { error: (e as Error)?.message ?? String(e) }))
        .then((r) => send(res, r, "admin"))
        .catch((e: unknown) => report(`admin ${req.method} ${req.path} failed`, e));
}
