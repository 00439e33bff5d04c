/** A typed client of the emulator's admin API, for tests, the demo and benchmarks. */
import { DEFAULT_ADMIN_TOKEN, type FaultOptions, type RateLimitOptions, type StepDurations } from "./options";
import type { OperationCounters, RequestLogEntry } from "./requestLog";

export class AdminClient {
    constructor(
        readonly baseUrl: string,
        /** The emulator's `adminToken` (RunningEmulator.options.adminToken for an embedded one). */
        private token = DEFAULT_ADMIN_TOKEN,
    ) {}

    private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        const res = await fetch(`${this.baseUrl}/_emulator${path}`, {
            method,
            headers: { "x-emulator-admin-token": this.token, "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) {
            throw new Error(`emulator admin ${method} ${path}: HTTP ${res.status} ${text}`);
        }
        return (text ? JSON.parse(text) : {}) as T;
    }

    /** `saveFailure`: why the last state save failed (it is retried every tick), until one succeeds. */
    health(): Promise<{ ok: boolean; persistent: boolean; saveFailure?: { message: string; since: number; attempts: number } }> {
        return this.call("GET", "/health");
    }
    reset(): Promise<unknown> {
        return this.call("POST", "/reset");
    }
    setFaults(f: Partial<FaultOptions>): Promise<unknown> {
        return this.call("PUT", "/faults", f);
    }
    setRateLimit(r: Partial<RateLimitOptions>): Promise<unknown> {
        return this.call("PUT", "/ratelimit", r);
    }
    /** Shares set to `null` return to equal shares. */
    setDurations(
        d: Partial<Omit<StepDurations, "dswCreateShares" | "modelartsCreateShares" | "phaseJitter" | "provisionJitter">> & {
            dswCreateShares?: number[] | null;
            modelartsCreateShares?: number[] | null;
            phaseJitter?: number | null;
            provisionJitter?: number | null;
            secondMs?: number;
        },
    ): Promise<unknown> {
        return this.call("PUT", "/durations", d);
    }
    counters(): Promise<OperationCounters> {
        return this.call("GET", "/counters");
    }
    resetCounters(): Promise<unknown> {
        return this.call("POST", "/counters/reset");
    }
    async requests(since = 0): Promise<RequestLogEntry[]> {
        return (await this.call<{ requests: RequestLogEntry[] }>("GET", `/requests?since=${since}`)).requests;
    }
    revokeTokens(): Promise<unknown> {
        return this.call("POST", "/modelarts/tokens/revoke");
    }

    // Identity services
    async idToken(subject: string, audience: string, ttlSeconds?: number): Promise<string> {
        return (await this.call<{ token: string }>("POST", "/identity/id-token", { subject, audience, ttlSeconds })).token;
    }
    /** Every later session (STS, metadata, federation) lasts `seconds`; null restores what each request asks. */
    setSessionSeconds(seconds: number | null): Promise<unknown> {
        return this.call("PUT", "/identity/sessions", { seconds });
    }
    async sessions(): Promise<Array<{ cloud: string; accessKeyId: string; expiresAt: number; accountKey: string; source: string }>> {
        return (
            await this.call<{ sessions: Array<{ cloud: string; accessKeyId: string; expiresAt: number; accountKey: string; source: string }> }>(
                "GET",
                "/identity/sessions",
            )
        ).sessions;
    }

    // DSW console
    async dswInstances(): Promise<Array<Record<string, unknown>>> {
        return (await this.call<{ instances: Array<Record<string, unknown>> }>("GET", "/dsw/instances")).instances;
    }
    dswInstance(id: string): Promise<Record<string, unknown>> {
        return this.call("GET", `/dsw/instances/${id}`);
    }
    dswStop(id: string): Promise<unknown> {
        return this.call("POST", `/dsw/instances/${id}/stop`);
    }
    dswStart(id: string): Promise<unknown> {
        return this.call("POST", `/dsw/instances/${id}/start`);
    }
    dswDelete(id: string): Promise<unknown> {
        return this.call("POST", `/dsw/instances/${id}/delete`);
    }
    dswFail(id: string, reason?: { ReasonCode?: string; ReasonMessage?: string }): Promise<unknown> {
        return this.call("POST", `/dsw/instances/${id}/fail`, reason ?? {});
    }
    dswSetSpec(id: string, spec: { EcsSpec?: string; RequestedResource?: Record<string, string> }): Promise<unknown> {
        return this.call("PUT", `/dsw/instances/${id}/spec`, spec);
    }
    dswSetTimer(id: string, t: { DueTime?: string; RemainingTimeInMs?: number }): Promise<unknown> {
        return this.call("PUT", `/dsw/instances/${id}/timer`, t);
    }
    dswDeleteTimer(id: string): Promise<unknown> {
        return this.call("DELETE", `/dsw/instances/${id}/timer`);
    }
    dswDeleteCuller(id: string): Promise<unknown> {
        return this.call("DELETE", `/dsw/instances/${id}/culler`);
    }
    dswMarkIdle(id: string, idleForMinutes = 0): Promise<unknown> {
        return this.call("POST", `/dsw/instances/${id}/idle`, { idleForMinutes });
    }

    // ModelArts console
    async maInstances(): Promise<Array<Record<string, unknown>>> {
        return (await this.call<{ instances: Array<Record<string, unknown>> }>("GET", "/modelarts/instances")).instances;
    }
    maInstance(id: string): Promise<Record<string, unknown>> {
        return this.call("GET", `/modelarts/instances/${id}`);
    }
    maStop(id: string): Promise<unknown> {
        return this.call("POST", `/modelarts/instances/${id}/stop`);
    }
    maStart(id: string): Promise<unknown> {
        return this.call("POST", `/modelarts/instances/${id}/start`);
    }
    maDelete(id: string): Promise<unknown> {
        return this.call("POST", `/modelarts/instances/${id}/delete`);
    }
    maFail(id: string, status: "UNAVAILABLE" | "START_FAILED" | "CREATE_FAILED" = "UNAVAILABLE"): Promise<unknown> {
        return this.call("POST", `/modelarts/instances/${id}/fail`, { status });
    }
    maSetFlavor(id: string, flavor: string): Promise<unknown> {
        return this.call("PUT", `/modelarts/instances/${id}/flavor`, { flavor });
    }
    maSetAutoStop(id: string, autoStop: { enable: boolean; duration?: number }): Promise<unknown> {
        return this.call("PUT", `/modelarts/instances/${id}/auto-stop`, autoStop);
    }
    maSoldOut(flavor: string, soldOut = true): Promise<unknown> {
        return this.call("PUT", `/modelarts/flavors/${encodeURIComponent(flavor)}/sold-out`, { soldOut });
    }

    // ModelArts notebooks (the current API) console
    async notebooks(): Promise<Array<Record<string, unknown>>> {
        return (await this.call<{ notebooks: Array<Record<string, unknown>> }>("GET", "/notebooks")).notebooks;
    }
    notebook(id: string): Promise<Record<string, unknown>> {
        return this.call("GET", `/notebooks/${id}`);
    }
    nbStop(id: string): Promise<unknown> {
        return this.call("POST", `/notebooks/${id}/stop`);
    }
    nbStart(id: string): Promise<unknown> {
        return this.call("POST", `/notebooks/${id}/start`);
    }
    nbDelete(id: string): Promise<unknown> {
        return this.call("POST", `/notebooks/${id}/delete`);
    }
    nbFail(id: string, status?: "START_FAILED" | "CREATE_FAILED" | "ERROR"): Promise<unknown> {
        return this.call("POST", `/notebooks/${id}/fail`, { status });
    }
    /** A change made in the console: flavor, image, a larger EVS disk (GB) or lease (ms; -1 switches it off); or `leaseRemainingMs`: the lease fires that long from now. */
    nbSet(id: string, change: { flavor?: string; imageId?: string; leaseMs?: number; leaseRemainingMs?: number; capacity?: number }): Promise<unknown> {
        return this.call("PUT", `/notebooks/${id}/settings`, change);
    }
}
