/**
 * The admin API under `/_emulator/`: acts like a person in each cloud's web console (stop, start,
 * resize, delete, change or remove a timer, mark idle), reconfigures faults at run time, and
 * exposes the request log and counters. It needs the admin token (`x-emulator-admin-token`);
 * cloud credentials never open it, and its calls are not counted as cloud API calls.
 */
import { IdentityServices } from "../identity/index";
import { TokenIssuer } from "../auth/apig";
import { EmuContext } from "../context";
import { ConsoleError } from "./consoleError";
import { DswBackend } from "../dsw/backend";
import { DswInstanceRecord, toWire } from "../dsw/model";
import { EmuRequest, EmuResponse, Params, Route, json, parseJsonObject, route } from "../http";
import { validateFaultUpdate, validateRateLimitUpdate } from "../faults";
import { MaBackend } from "../modelarts/backend";
import { MaInstanceRecord, maToWire } from "../modelarts/model";
import { NbBackend } from "../modelartsV2/backend";
import { NbRecord, NbStatus, nbToWire } from "../modelartsV2/model";
import { validateAutoStop } from "../modelarts/validate";
import { StepDurations, validateDurations } from "../options";
import { intParam } from "../params";

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
        private dsw: DswBackend,
        private ma: MaBackend,
        private nb: NbBackend,
        private tokens: TokenIssuer,
        private identity: IdentityServices,
        /** Every operation name the cloud routes answer, the names `operations` of a fault update may give. */
        private operations: readonly string[],
    ) {
        const a = "/_emulator";
        const d = `${a}/dsw/instances/{id}`;
        const m = `${a}/modelarts/instances/{id}`;
        const n = `${a}/notebooks/{id}`;
        this.routes = [
            route("GET", `${a}/health`, "health", () => json(200, { ok: true, persistent: ctx.store.persistent, saveFailure: ctx.store.saveFailure })),
            route("POST", `${a}/reset`, "reset", () => this.reset()),
            route("GET", `${a}/config`, "config", () => json(200, this.config())),
            route("PUT", `${a}/faults`, "faults", (q) => this.setFaults(q)),
            route("PUT", `${a}/ratelimit`, "ratelimit", (q) => this.setRateLimit(q)),
            route("PUT", `${a}/durations`, "durations", (q) => this.setDurations(q)),
            route("GET", `${a}/requests`, "requests", (q) =>
                json(200, {
                    lastSeq: ctx.log.lastSeq,
                    requests: ctx.log.list(intParam(q.query.since, { dflt: 0, min: 0 }, () => new AdminError(400, "since must be a decimal integer ≥ 0"))),
                }),
            ),
            route("GET", `${a}/counters`, "counters", () => json(200, ctx.log.snapshot())),
            route("POST", `${a}/counters/reset`, "countersReset", () => (ctx.log.reset(), json(200, { ok: true }))),
            route("POST", `${a}/identity/id-token`, "idToken", (q) => this.idToken(q)),
            route("PUT", `${a}/identity/sessions`, "sessionLength", (q) => this.sessionLength(q)),
            route("GET", `${a}/identity/sessions`, "sessions", () => json(200, { sessions: this.identity.keys.list() })),
            route("POST", `${a}/modelarts/tokens/revoke`, "revokeTokens", () => (this.tokens.revokeAll(), json(200, { ok: true }))),
            route("GET", `${a}/dsw/instances`, "dswList", () => json(200, { instances: this.dswAll() })),
            route("GET", d, "dswGet", (_q, p) => this.dswAnswer(this.dsw.consoleRecord(p.id))),
            route("POST", `${d}/stop`, "dswStop", (_q, p) => this.dswAnswer(this.dsw.consoleStop(p.id))),
            route("POST", `${d}/start`, "dswStart", (_q, p) => this.dswAnswer(this.dsw.consoleStart(p.id))),
            route("POST", `${d}/delete`, "dswDelete", (_q, p) => this.dswAnswer(this.dsw.consoleDelete(p.id))),
            route("POST", `${d}/fail`, "dswFail", (q, p) => this.dswFail(q, p)),
            route("PUT", `${d}/spec`, "dswSpec", (q, p) => this.dswAnswer(this.dsw.consoleSetSpec(p.id, this.body(q)))),
            route("PUT", `${d}/timer`, "dswTimer", (q, p) => this.dswTimer(q, p)),
            route("DELETE", `${d}/timer`, "dswTimerDelete", (_q, p) => this.dswAnswer(this.dsw.consoleDeleteTimer(p.id))),
            route("DELETE", `${d}/culler`, "dswCullerDelete", (_q, p) => this.dswAnswer(this.dsw.consoleDeleteCuller(p.id))),
            route("POST", `${d}/idle`, "dswIdle", (q, p) => this.dswIdle(q, p)),
            route("GET", `${a}/modelarts/instances`, "maList", () => json(200, { instances: this.maAll() })),
            route("GET", m, "maGet", (_q, p) => this.maAnswer(this.ma.consoleRecord(p.id))),
            route("POST", `${m}/stop`, "maStop", (_q, p) => this.maAnswer(this.ma.consoleStop(p.id))),
            route("POST", `${m}/start`, "maStart", (_q, p) => this.maAnswer(this.ma.consoleStart(p.id))),
            route("POST", `${m}/delete`, "maDelete", (_q, p) => this.maAnswer(this.ma.consoleDelete(p.id))),
            route("POST", `${m}/fail`, "maFail", (q, p) => this.maFail(q, p)),
            route("PUT", `${m}/flavor`, "maFlavor", (q, p) => this.maAnswer(this.ma.consoleSetFlavor(p.id, this.body(q).flavor))),
            route("PUT", `${m}/auto-stop`, "maAutoStop", (q, p) => this.maAutoStop(q, p)),
            route("PUT", `${a}/modelarts/flavors/{flavor}/sold-out`, "maSoldOut", (q, p) => this.maSoldOut(q, p)),
            route("GET", `${a}/notebooks`, "nbList", () => json(200, { notebooks: this.nb.consoleAll().map((r) => this.nbWire(r)) })),
            route("GET", n, "nbGet", (_q, p) => this.nbAnswer(this.nb.consoleRecord(p.id))),
            route("POST", `${n}/stop`, "nbStop", (_q, p) => this.nbAnswer(this.nb.consoleStop(p.id))),
            route("POST", `${n}/start`, "nbStart", (_q, p) => this.nbAnswer(this.nb.consoleStart(p.id))),
            route("POST", `${n}/delete`, "nbDelete", (_q, p) => this.nbAnswer(this.nb.consoleDelete(p.id))),
            route("POST", `${n}/fail`, "nbFail", (q, p) => {
                const status = this.body(q).status;
                return this.nbAnswer(this.nb.consoleFail(p.id, status === "START_FAILED" || status === "CREATE_FAILED" ? (status as NbStatus) : "ERROR"));
            }),
            route("PUT", `${n}/settings`, "nbSet", (q, p) => this.nbAnswer(this.nb.consoleSet(p.id, this.body(q)))),
        ];
    }

    handle(req: EmuRequest, r: Route, params: Params): EmuResponse | Promise<EmuResponse> {
        try {
            return r.handler(req, params);
        } catch (e) {
            if (e instanceof AdminError || e instanceof ConsoleError) {
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

    /** A setting check's error as the admin API's 400. */
    private checked<T>(check: () => T): T {
        try {
            return check();
        } catch (e) {
            if (e instanceof AdminError) throw e;
            throw new AdminError(400, (e as Error).message);
        }
    }

    /** An ID token of the emulator's OIDC provider (what a CI system writes to its token file). */
    private idToken(q: EmuRequest): EmuResponse {
        const b = this.body(q) as { subject?: unknown; audience?: unknown; ttlSeconds?: unknown };
        if (typeof b.subject !== "string" || typeof b.audience !== "string") return json(400, { error: "subject and audience (strings) are required" });
        const ttl = typeof b.ttlSeconds === "number" ? b.ttlSeconds : 3600;
        return json(200, { token: this.identity.idTokens.issue(b.subject, b.audience, ttl, this.ctx.now()) });
    }

    /** Compresses every later session to `seconds` (null: as each request asks). */
    private sessionLength(q: EmuRequest): EmuResponse {
        const b = this.body(q) as { seconds?: unknown };
        if (b.seconds !== null && !(typeof b.seconds === "number" && Number.isInteger(b.seconds) && b.seconds > 0)) {
            return json(400, { error: "seconds must be a positive integer or null" });
        }
        this.identity.keys.sessionSeconds = b.seconds === null ? undefined : b.seconds;
        return json(200, { seconds: b.seconds });
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
        this.ctx.faults.configure(this.checked(() => validateFaultUpdate(this.body(req), this.operations)));
        return json(200, this.config());
    }

    private setRateLimit(req: EmuRequest): EmuResponse {
        this.ctx.rateLimiter.configure(this.checked(() => validateRateLimitUpdate(this.body(req))));
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
        for (const k of ["dswCreateShares", "modelartsCreateShares", "phaseJitter", "provisionJitter"] as const) {
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

    // --- DSW console actions (the backend's console methods) -----------------------------------
    private dswAll() {
        return this.dsw.consoleAll().map((r) => this.dswWire(r));
    }

    private dswWire(r: DswInstanceRecord): Record<string, unknown> {
        return {
            ...toWire(r, { now: this.ctx.now(), region: this.ctx.options.dswRegion, secondMs: this.ctx.options.secondMs, forList: false }),
            TenantKey: r.tenantKey,
        };
    }

    private dswAnswer(r: DswInstanceRecord): EmuResponse {
        return json(200, this.dswWire(r));
    }

    private dswFail(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        const code = typeof b.ReasonCode === "string" ? b.ReasonCode : undefined;
        const message = typeof b.ReasonMessage === "string" ? b.ReasonMessage : undefined;
        return this.dswAnswer(this.dsw.consoleFail(p.id, code, message));
    }

    private dswTimer(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        const now = this.ctx.now();
        const due = typeof b.DueTime === "string" ? Date.parse(b.DueTime) : typeof b.RemainingTimeInMs === "number" ? now + b.RemainingTimeInMs : NaN;
        if (Number.isNaN(due)) {
            throw new AdminError(400, "give DueTime or RemainingTimeInMs");
        }
        return this.dswAnswer(this.dsw.consoleSetTimer(p.id, due));
    }

    private dswIdle(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        return this.dswAnswer(this.dsw.consoleMarkIdle(p.id, typeof b.idleForMinutes === "number" ? b.idleForMinutes : 0));
    }

    // --- ModelArts console actions ---------------------------------------------------------
    private maAll() {
        return this.ma.consoleAll().map((r) => this.maWire(r));
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

    private maAnswer(r: MaInstanceRecord): EmuResponse {
        return json(200, this.maWire(r));
    }

    private maFail(req: EmuRequest, p: Params): EmuResponse {
        const b = this.body(req);
        const status = b.status === "START_FAILED" || b.status === "CREATE_FAILED" ? b.status : "UNAVAILABLE";
        return this.maAnswer(this.ma.consoleFail(p.id, status));
    }

    private maAutoStop(req: EmuRequest, p: Params): EmuResponse {
        let auto;
        try {
            auto = validateAutoStop(this.body(req), "auto_stop");
        } catch (e) {
            throw new AdminError(400, (e as Error).message);
        }
        return this.maAnswer(this.ma.consoleSetAutoStop(p.id, auto));
    }

    private maSoldOut(req: EmuRequest, p: Params): EmuResponse {
        return json(200, { soldOutFlavors: this.ma.consoleSetSoldOut(p.flavor, this.body(req).soldOut !== false) });
    }

    // --- ModelArts notebooks (the current API) console actions ---------------------------------
    private nbWire(r: NbRecord): Record<string, unknown> {
        return {
            ...nbToWire(r, { region: this.ctx.options.modelartsRegion }),
            project_id: r.projectId,
            tenant_key: r.tenantKey,
            lease_due: this.nb.consoleLeaseDue(r.id),
        };
    }

    private nbAnswer(r: NbRecord): EmuResponse {
        return json(200, this.nbWire(r));
    }
}
