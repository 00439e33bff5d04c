/**
 * PAI-DSW 2022-01-01 routes (docs/dsw-api.md §5): each parses its request (path, query, body
 * shape: validate.ts, listQuery.ts), calls one backend method (backend.ts, which owns the records
 * and the rules) and serializes the answer in the service envelope. Authentication happens before
 * a handler runs; the handler receives the caller's tenant.
 */
import { EmuContext } from "../context";
import { EmuRequest, EmuResponse, Params, Route, parseJsonObject, route } from "../http";
import { DswTenant } from "../options";
import { DswBackend } from "./backend";
import { listEcsSpecs } from "./catalogQuery";
import { dswOk, dswValidation } from "./envelope";
import { parseListQuery } from "./listQuery";
import { DswInstanceRecord, cullerWire, timerWire, toWire } from "./model";
import { validateCreate, validateCuller, validateLabels, validateTimer, validateUpdate } from "./validate";

export type DswHandler = (req: EmuRequest, params: Params, tenant: DswTenant) => EmuResponse;

export const DSW_API_VERSION = "2022-01-01";

export class DswApi {
    readonly routes: Array<Route & { dsw: DswHandler }>;

    constructor(
        private ctx: EmuContext,
        readonly backend: DswBackend,
    ) {
        const b = backend;
        const r = (method: string, path: string, op: string, h: DswHandler) => {
            const base = route(method, path, op, () => {
                throw new Error("DSW routes are dispatched with a tenant");
            });
            return { ...base, dsw: h };
        };
        const id = (rec: DswInstanceRecord) => dswOk({ InstanceId: rec.instanceId });
        const inst = "/api/v2/instances/{InstanceId}";
        this.routes = [
            r("POST", "/api/v2/instances", "CreateInstance", (q, _p, t) => {
                const body = this.body(q);
                return id(b.createInstance(t, validateCreate(body)));
            }),
            r("GET", "/api/v2/instances", "ListInstances", (q, _p, t) => {
                const { total, page } = b.listInstances(t, parseListQuery(q.query));
                return dswOk({ TotalCount: total, Instances: page.map((rec) => this.wire(rec, true)) });
            }),
            r("GET", inst, "GetInstance", (_q, p, t) => dswOk(this.wire(b.find(p.InstanceId, t), false))),
            r("PUT", inst, "UpdateInstance", (q, p, t) => {
                const body = this.body(q);
                return id(b.updateInstance(t, p.InstanceId, validateUpdate(body)));
            }),
            r("DELETE", inst, "DeleteInstance", (_q, p, t) => id(b.deleteInstance(t, p.InstanceId))),
            r("PUT", `${inst}/start`, "StartInstance", (_q, p, t) => id(b.startInstance(t, p.InstanceId))),
            r("PUT", `${inst}/stop`, "StopInstance", (q, p, t) => {
                const save = q.query.SaveImage;
                if (save !== undefined && save !== "true" && save !== "false") {
                    // Checked after the instance is found, as the service does (404 before 400).
                    b.find(p.InstanceId, t);
                    throw dswValidation("SaveImage must be true or false.");
                }
                return id(b.stopInstance(t, p.InstanceId));
            }),
            r("POST", `${inst}/shutdowntimer`, "CreateInstanceShutdownTimer", (q, p, t) => {
                b.find(p.InstanceId, t);
                return id(b.setShutdownTimer(t, p.InstanceId, validateTimer(this.body(q), this.ctx.now())));
            }),
            r("GET", `${inst}/shutdowntimer`, "GetInstanceShutdownTimer", (_q, p, t) =>
                dswOk(timerWire(b.withShutdownTimer(t, p.InstanceId), this.ctx.now()) ?? {}),
            ),
            r("DELETE", `${inst}/shutdowntimer`, "DeleteInstanceShutdownTimer", (_q, p, t) => id(b.deleteShutdownTimer(t, p.InstanceId))),
            r("POST", `${inst}/idleinstanceculler`, "CreateIdleInstanceCuller", (q, p, t) => {
                b.find(p.InstanceId, t);
                return id(b.createIdleCuller(t, p.InstanceId, validateCuller(this.body(q))));
            }),
            r("GET", `${inst}/idleinstanceculler`, "GetIdleInstanceCuller", (_q, p, t) =>
                dswOk(cullerWire(b.withIdleCuller(t, p.InstanceId), { now: this.ctx.now(), secondMs: this.ctx.options.secondMs }) ?? {}),
            ),
            r("DELETE", `${inst}/idleinstanceculler`, "DeleteIdleInstanceCuller", (_q, p, t) => id(b.deleteIdleCuller(t, p.InstanceId))),
            r("PUT", `${inst}/labels`, "UpdateInstanceLabels", (q, p, t) => {
                b.find(p.InstanceId, t);
                const body = this.body(q);
                if (!Array.isArray(body.Labels)) {
                    throw dswValidation("Labels is required and must be an array.");
                }
                return id(b.updateLabels(t, p.InstanceId, validateLabels(body.Labels as Array<Record<string, unknown>>, "Labels")));
            }),
            r("DELETE", `${inst}/labels`, "DeleteInstanceLabels", (q, p, t) => {
                b.find(p.InstanceId, t);
                const keys = q.query.LabelKeys;
                if (!keys) {
                    throw dswValidation("LabelKeys is required.");
                }
                return id(b.deleteLabels(t, p.InstanceId, keys.split(",")));
            }),
            // The instance-type catalog that CreateInstance checks EcsSpec against (catalogQuery.ts).
            r("GET", "/api/v2/ecsspecs", "ListEcsSpecs", (q) => dswOk(listEcsSpecs(q.query))),
            r("GET", `${inst}/events`, "GetInstanceEvents", (_q, p, t) => {
                const events = b.events(t, p.InstanceId);
                return dswOk({ InstanceId: p.InstanceId, Events: events, TotalCount: events.length });
            }),
        ];
    }

    /** Brings every record up to now (the server calls it before persisting). */
    advanceAll(): boolean {
        return this.backend.advanceAll();
    }

    private wire(rec: DswInstanceRecord, forList: boolean): Record<string, unknown> {
        return toWire(rec, { now: this.ctx.now(), region: this.ctx.options.dswRegion, secondMs: this.ctx.options.secondMs, forList });
    }

    private body(req: EmuRequest): Record<string, unknown> {
        const b = parseJsonObject(req.body);
        if (b instanceof Error) {
            throw dswValidation(b.message);
        }
        return b ?? {};
    }
}
