/**
 * The admin API under `/_emulator/`: acts like a person in each cloud's web console (stop, start,
 * resize, delete, change or remove a timer, mark idle), reconfigures faults at run time, and
 * exposes the request log and counters. It needs the admin token (`x-emulator-admin-token`);
 * cloud credentials never open it, and its calls are not counted as cloud API calls.
 */
import { TokenIssuer } from "../auth/apig";
import { EmuContext } from "../context";
import { planDelete, planStart, planStop } from "../dsw/lifecycle";
import { DswInstanceRecord, ECS_SPECS, toWire } from "../dsw/model";
import { DswApi } from "../dsw/routes";
import { EmuRequest, EmuResponse, Params, Route, json, parseJsonObject, route } from "../http";
import { planMaDelete, planMaStart, planMaStop } from "../modelarts/lifecycle";
import { FLAVORS, MaInstanceRecord, maToWire } from "../modelarts/model";
import { ModelArtsApi } from "../modelarts/routes";
import { validateAutoStop } from "../modelarts/validate";
import { StepDurations, validateDurations } from "../options";

class AdminError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

export class AdminApi {
    readonly routes: Route[];

    constructor(
        private ctx: EmuContext,
        private dsw: DswApi,
        private ma: ModelArtsApi,
        private tokens: TokenIssuer,
    ) {
        const a = "/_emulator";
        const d = `${a}/dsw/instances/{id}`;
        const m = `${a}/modelarts/instances/{id}`;
        this.routes = [
            route("GET", `${a}/health`, "health", () => json(200, { ok: true, persistent: ctx.store.persistent })),
            route("POST", `${a}/reset`, "reset", () => this.reset()),
            route("GET", `${a}/config`, "config", () => json(200, this.config())),
            route("PUT", `${a}/faults`, "faults", (q) => this.setFaults(q)),
            route("PUT", `${a}/ratelimit`, "ratelimit", (q) => this.setRateLimit(q)),
            route("PUT", `${a}/durations`, "durations", (q) => this.setDurations(q)),
            route("GET", `${a}/requests`, "requests", (q) => json(200, { lastSeq: ctx.log.lastSeq, requests: ctx.log.list(Number(q.query.since ?? 0)) })),
            route("GET", `${a}/counters`, "counters", () => json(200, ctx.log.snapshot())),
            route("POST", `${a}/counters/reset`, "countersReset", () => (ctx.log.reset(), json(200, { ok: true }))),
            route("POST", `${a}/modelarts/tokens/revoke`, "revokeTokens", () => (this.tokens.revokeAll(), json(200, { ok: true }))),
            route("GET", `${a}/dsw/instances`, "dswList", () => json(200, { instances: this.dswAll() })),
            route("GET", d, "dswGet", (_q, p) => json(200, this.dswWire(this.dswRec(p)))),
            route("POST", `${d}/stop`, "dswStop", (_q, p) => this.dswAct(p, (r) => planStop(r, this.clock))),
            route("POST", `${d}/start`, "dswStart", (_q, p) => this.dswAct(p, (r) => planStart(r, this.clock))),
            route("POST", `${d}/delete`, "dswDelete", (_q, p) => this.dswAct(p, (r) => planDelete(r, this.clock))),
            route("POST", `${d}/fail`, "dswFail", (q, p) => this.dswFail(q, p)),
            route("PUT", `${d}/spec`, "dswSpec", (q, p) => this.dswSpec(q, p)),
            route("PUT", `${d}/timer`, "dswTimer", (q, p) => this.dswTimer(q, p)),
            route("DELETE", `${d}/timer`, "dswTimerDelete", (_q, p) => this.dswAct(p, (r) => (r.timer = undefined))),
            route("DELETE", `${d}/culler`, "dswCullerDelete", (_q, p) => this.dswAct(p, (r) => (r.culler = undefined))),
            route("POST", `${d}/idle`, "dswIdle", (q, p) => this.dswIdle(q, p)),
            route("GET", `${a}/modelarts/instances`, "maList", () => json(200, { instances: this.maAll() })),
            route("GET", m, "maGet", (_q, p) => json(200, this.maWire(this.maRec(p)))),
            route("POST", `${m}/stop`, "maStop", (_q, p) => this.maAct(p, (r) => planMaStop(r, this.clock))),
            route("POST", `${m}/start`, "maStart", (_q, p) => this.maAct(p, (r) => planMaStart(r, this.clock))),
            route("POST", `${m}/delete`, "maDelete", (_q, p) => this.maAct(p, (r) => planMaDelete(r, this.clock))),
            route("POST", `${m}/fail`, "maFail", (q, p) => this.maFail(q, p)),
            route("PUT", `${m}/flavor`, "maFlavor", (q, p) => this.maFlavor(q, p)),
            route("PUT", `${m}/auto-stop`, "maAutoStop", (q, p) => this.maAutoStop(q, p)),
            route("PUT", `${a}/modelarts/flavors/{flavor}/sold-out`, "maSoldOut", (q, p) => this.maSoldOut(q, p)),
        ];
    }

    private get clock() {
        return { now: this.ctx.now(), durations: this.ctx.options.durations, secondMs: this.ctx.options.secondMs };
    }

    handle(req: EmuRequest, r: Route, params: Params): EmuResponse | Promise<EmuResponse> {
        try {
            return r.handler(req, params);
        } catch (e) {
            if (e instanceof AdminError) {
                return json(e.status, { error: e.message });
            }
            throw e;
        }
    }

    private body(req: EmuRequest): Record<string, unknown> {
        const b = parseJsonObject(req.body);
        if (b instanceof Error) {
            throw new AdminError(400, b.message);
        }
        return b ?? {};
    }

    private reset(): EmuResponse {
        this.ctx.store.reset();
        this.ctx.log.reset();
        return json(200, { ok: true });
    }

    private config(): Record<string, unknown> {
        const o = this.ctx.options;
        return {
            durations: o.durations,
            secondMs: o.secondMs,
            faults: this.ctx.faults.options,
            rateLimit: this.ctx.rateLimiter.options,
            persistent: this.ctx.store.persistent,
            dswRegion: o.dswRegion,
            modelartsRegion: o.modelartsRegion,
        };
    }

    private setFaults(req: EmuRequest): EmuResponse {
        this.ctx.faults.configure(this.body(req));
        return json(200, this.config());
    }

    private setRateLimit(req: EmuRequest): EmuResponse {
        this.ctx.rateLimiter.configure(this.body(req));
        return json(200, this.config());
    }

    private setDurations(req: EmuRequest): EmuResponse {
        const b = this.body(req);
        const d = this.ctx.options.durations;
        // Built whole and checked before it replaces the current durations: a refused request changes nothing.
        const next: StepDurations = { ...d };
        for (const k of ["provision", "stop", "update", "delete"] as const) {
            if (typeof b[k] === "number") {
                next[k] = b[k] as number;
            }
        }
        // `null` returns to the default (equal shares, no jitter); an absent key leaves it as it is.
        for (const k of ["dswCreateShares", "modelartsCreateShares", "phaseJitter"] as const) {
            if (k in b) {
                (next as unknown as Record<string, unknown>)[k] = b[k] ?? undefined; // checked by validateDurations below
            }
        }
        try {
            Object.assign(d, validateDurations(next));
        } catch (e) {
            throw new AdminError(400, (e as Error).message);
        }
        if (typeof b.secondMs === "number") {
            this.ctx.options.secondMs = b.secondMs;
        }
        return json(200, this.config());
    }

    // --- DSW console actions ---------------------------------------------------------------
    private dswAll() {
        this.dsw.advanceAll();
        return Object.values(this.ctx.store.state.dsw).map((r) => this.dswWire(r));
    }

    private dswWire(r: DswInstanceRecord): Record<string, unknown> {
        return {
            ...toWire(r, { now: this.ctx.now(), region: this.ctx.options.dswRegion, secondMs: this.ctx.options.secondMs, forList: false }),
            TenantKey: r.tenantKey,
        };
    }

    private dswRec(p: Params): DswInstanceRecord {
        this.dsw.advanceAll();
        const r = this.ctx.store.state.dsw[p.id];
        if (!r) {
            throw new AdminError(404, `no DSW instance ${p.id}`);
        }
        return r;
    }

    private dswAct(p: Params, f: (r: DswInstanceRecord) => void): EmuResponse {
        const r = this.dswRec(p);
        f(r);
        r.gmtModified = this.ctx.now();
        this.ctx.store.markDirty();
        return json(200, this.dswWire(r));
    }

    private dswFail(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        return this.dswAct(p, (r) => {
            r.plan = [];
            r.runningSince = undefined;
            r.status = "Failed";
            r.reasonCode = typeof b.ReasonCode === "string" ? b.ReasonCode : "NodeError";
            r.reasonMessage = typeof b.ReasonMessage === "string" ? b.ReasonMessage : "The node hosting the instance failed (emulated).";
        });
    }

    private dswSpec(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        if (b.EcsSpec !== undefined && (typeof b.EcsSpec !== "string" || !ECS_SPECS[b.EcsSpec])) {
            throw new AdminError(400, `unknown EcsSpec ${String(b.EcsSpec)}`);
        }
        return this.dswAct(p, (r) => {
            if (b.EcsSpec !== undefined) r.config.EcsSpec = b.EcsSpec;
            if (b.RequestedResource !== undefined) r.config.RequestedResource = b.RequestedResource;
        });
    }

    private dswTimer(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        const now = this.ctx.now();
        const due = typeof b.DueTime === "string" ? Date.parse(b.DueTime) : typeof b.RemainingTimeInMs === "number" ? now + b.RemainingTimeInMs : NaN;
        if (Number.isNaN(due)) {
            throw new AdminError(400, "give DueTime or RemainingTimeInMs");
        }
        return this.dswAct(p, (r) => (r.timer = { dueTime: due, gmtCreate: r.timer?.gmtCreate ?? now, gmtModified: now }));
    }

    private dswIdle(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        const minutes = typeof b.idleForMinutes === "number" ? b.idleForMinutes : 0;
        return this.dswAct(p, (r) => (r.idleSince = this.ctx.now() - minutes * 60 * this.ctx.options.secondMs));
    }

    // --- ModelArts console actions ---------------------------------------------------------
    private maAll() {
        this.ma.advanceAll();
        return Object.values(this.ctx.store.state.modelarts).map((r) => this.maWire(r));
    }

    private maWire(r: MaInstanceRecord): Record<string, unknown> {
        return {
            ...maToWire(r, {
                now: this.ctx.now(),
                region: this.ctx.options.modelartsRegion,
                secondMs: this.ctx.options.secondMs,
                soldOut: this.ctx.store.state.soldOutFlavors,
            }),
            project_id: r.projectId,
            tenant_key: r.tenantKey,
        };
    }

    private maRec(p: Params): MaInstanceRecord {
        this.ma.advanceAll();
        const r = this.ctx.store.state.modelarts[p.id];
        if (!r) {
            throw new AdminError(404, `no ModelArts instance ${p.id}`);
        }
        return r;
    }

    private maAct(p: Params, f: (r: MaInstanceRecord) => void): EmuResponse {
        const r = this.maRec(p);
        f(r);
        r.updateTs = this.ctx.now();
        this.ctx.store.markDirty();
        return json(200, this.maWire(r));
    }

    private maFail(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        const status = b.status === "START_FAILED" || b.status === "CREATE_FAILED" ? b.status : "UNAVAILABLE";
        return this.maAct(p, (r) => {
            r.plan = [];
            r.status = status;
            r.stopAt = undefined;
            r.failedReasons = { code: "ModelArts.6333", message: "The notebook is being restored after a fault (emulated).", detail: {} };
            r.errorCode = "ModelArts.6333";
        });
    }

    private maFlavor(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        if (typeof b.flavor !== "string" || !FLAVORS[b.flavor]) {
            throw new AdminError(400, `unknown flavor ${String(b.flavor)}`);
        }
        return this.maAct(p, (r) => (r.flavor = b.flavor as string));
    }

    private maAutoStop(req: EmuRequest, p: Params): EmuResponse {
        let auto;
        try {
            auto = validateAutoStop(this.body(req), "auto_stop");
        } catch (e) {
            throw new AdminError(400, (e as Error).message);
        }
        return this.maAct(p, (r) => {
            r.autoStop = auto ?? { enable: false, prompt: true };
            if (!r.autoStop.enable) {
                r.stopAt = undefined;
            } else if (r.status === "RUNNING" && r.autoStop.duration !== undefined) {
                // A console change of a running notebook's timer re-arms it from now.
                r.stopAt = this.ctx.now() + r.autoStop.duration * this.ctx.options.secondMs;
            }
        });
    }

    private maSoldOut(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        const list = new Set(this.ctx.store.state.soldOutFlavors);
        if (b.soldOut === false) list.delete(p.flavor);
        else list.add(p.flavor);
        this.ctx.store.state.soldOutFlavors = [...list];
        this.ctx.store.markDirty();
        return json(200, { soldOutFlavors: this.ctx.store.state.soldOutFlavors });
    }
}
