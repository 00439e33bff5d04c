/**
 * The ModelArts (DevEnviron, `demanager`) backend, in moto's shape: it owns the notebook records
 * and the service's rules (who sees what, which status allows which action, what an update may
 * change). Routes (routes.ts) parse a request, call one method here and serialize the answer; the
 * admin console (admin/routes.ts) acts like a person in the web console through the `console*`
 * methods. Nothing outside this class writes a ModelArts record.
 */
import { ModelArtsTenant } from "../options";
import { EmuContext } from "../context";
import { advanceRecords } from "../http";
import { ConsoleError } from "../admin/consoleError";
import { maError, maNotFound } from "../huawei/envelope";
import { MA_TRANSITIONAL, advanceMa, planMaCreate, planMaDelete, planMaRestart, planMaStart, planMaStop } from "./lifecycle";
import { FLAVORS, MaAutoStop, MaInstanceRecord, MaStatus } from "./model";
import { ValidCreate } from "./validate";

export interface MaListQuery {
    workspaceId: string;
    status?: string;
    aiProjectId?: string;
    poolId?: string;
    sortBy: "name" | "creation_timestamp";
    order: "asc" | "desc";
    offset: number;
    /** 0: no limit. */
    limit: number;
}

function uuidLike(ctx: EmuContext): string {
    const h = ctx.ids.alnum(32).replace(/[g-z]/g, (c) => "abcdef"[c.charCodeAt(0) % 6]);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export class MaBackend {
    constructor(private ctx: EmuContext) {}

    private get clock() {
        return { now: this.ctx.now(), durations: this.ctx.options.durations, secondMs: this.ctx.options.secondMs, random: () => this.ctx.phases.next() };
    }

    private get records(): Record<string, MaInstanceRecord> {
        return this.ctx.store.state.modelarts;
    }

    advanceAll(): boolean {
        const changed = advanceRecords(this.records, (r) => advanceMa(r, this.clock));
        if (changed) {
            this.ctx.store.markDirty();
        }
        return changed;
    }

    private touch(rec: MaInstanceRecord): MaInstanceRecord {
        rec.updateTs = this.ctx.now();
        this.ctx.store.markDirty();
        return rec;
    }

    /** The tenant's notebook in the project, or 404 (another tenant's is indistinguishable from none). */
    find(tenant: ModelArtsTenant, projectId: string, id: string): MaInstanceRecord {
        const rec = this.records[id];
        if (rec && advanceMa(rec, this.clock) === "deleted") {
            delete this.records[id];
            this.ctx.store.markDirty();
            throw maNotFound();
        }
        if (!rec || rec.projectId !== projectId || rec.tenantKey !== tenant.accessKey) {
            throw maNotFound();
        }
        return rec;
    }

    // --- the API ------------------------------------------------------------------------------

    createNotebook(tenant: ModelArtsTenant, projectId: string, v: ValidCreate): MaInstanceRecord {
        this.advanceAll();
        const mine = Object.values(this.records).filter((r) => r.projectId === projectId && r.tenantKey === tenant.accessKey);
        if (mine.some((r) => r.name === v.name && r.status !== "DELETED")) {
            throw maError("6301", `The instance name ${v.name} already exists.`);
        }
        if (mine.length >= this.ctx.options.modelartsMaxInstances) {
            throw maError("6302", "The maximum number of instances has been reached.");
        }
        const now = this.ctx.now();
        const rec: MaInstanceRecord = {
            id: `DE-${uuidLike(this.ctx)}`,
            projectId,
            tenantKey: tenant.accessKey,
            userId: tenant.userId,
            userName: tenant.userName,
            ...v,
            status: "CREATING",
            plan: [],
            creationTs: now,
            updateTs: now,
        };
        planMaCreate(rec, { ...this.clock, now }, this.ctx.faults.failThisCreate());
        this.records[rec.id] = rec;
        this.ctx.store.markDirty();
        return rec;
    }

    listNotebooks(tenant: ModelArtsTenant, projectId: string, q: MaListQuery): { total: number; page: MaInstanceRecord[] } {
        this.advanceAll();
        const matched = Object.values(this.records)
            .filter(
                (r) =>
                    r.projectId === projectId &&
                    r.tenantKey === tenant.accessKey &&
                    r.workspaceId === q.workspaceId &&
                    (q.status === undefined || r.status === q.status) &&
                    (q.aiProjectId === undefined || r.aiProjectId === q.aiProjectId) &&
                    (q.poolId === undefined || r.pool?.id === q.poolId),
            )
            .sort((a, b) => {
                const d = q.sortBy === "name" ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.creationTs - b.creationTs;
                return q.order === "asc" ? d : -d;
            });
        const page = q.limit === 0 ? matched.slice(q.offset) : matched.slice(q.offset, q.offset + q.limit);
        return { total: matched.length, page };
    }

    /** The old API updates only the description and auto_stop (docs/modelarts-devenv-api.md §3.5). */
    updateNotebook(tenant: ModelArtsTenant, projectId: string, id: string, change: { description?: string; autoStop?: MaAutoStop }): MaInstanceRecord {
        const rec = this.find(tenant, projectId, id);
        if (rec.status === "DELETED" || rec.status === "CREATING" || rec.status === "CREATE_QUEUING") {
            throw maError("6347", `When the instance is in the '${rec.status}' status, the 'spec' parameter cannot be modified.`);
        }
        if (change.description !== undefined) {
            rec.description = change.description;
        }
        if (change.autoStop) {
            rec.autoStop = change.autoStop;
            // Documented: a new duration applies at the next start. Turning auto-stop off disarms it now.
            if (!change.autoStop.enable) {
                rec.stopAt = undefined;
            }
        }
        return this.touch(rec);
    }

    deleteNotebook(tenant: ModelArtsTenant, projectId: string, id: string): MaInstanceRecord {
        const rec = this.find(tenant, projectId, id);
        if (rec.status === "DELETED") {
            throw maNotFound();
        }
        if (this.ctx.options.modelartsRefuseDeleteRunning && (rec.status === "RUNNING" || MA_TRANSITIONAL.has(rec.status))) {
            throw maError("6304", "Please stop the instance before deleting.");
        }
        planMaDelete(rec, this.clock);
        this.ctx.store.markDirty();
        return rec;
    }

    /** start / stop / restart; returns the status before the action. */
    act(tenant: ModelArtsTenant, projectId: string, id: string, action: string): { rec: MaInstanceRecord; previous: MaStatus } {
        const rec = this.find(tenant, projectId, id);
        const s = rec.status;
        switch (action) {
            case "start":
                if (s === "RUNNING") throw maError("6305", "The instance is already running.");
                if (s === "STARTING") throw maError("6306", "The instance is starting.");
                if (s !== "STOPPED" && s !== "START_FAILED" && s !== "UNAVAILABLE")
                    throw maError("6357", `The operation is not allowed when the instance is ${s}.`);
                planMaStart(rec, this.clock);
                break;
            case "stop":
                if (s === "STOPPED") throw maError("6307", "The instance has been stopped.");
                if (s === "STOPPING") throw maError("6308", "The instance is stopping.");
                if (s === "STARTING" || s === "CREATING") throw maError("6306", "The instance is starting.");
                if (s !== "RUNNING") throw maError("6357", `The operation is not allowed when the instance is ${s}.`);
                planMaStop(rec, this.clock);
                break;
            case "restart":
                if (s !== "RUNNING") throw maError("6327", "The instance is not running.");
                planMaRestart(rec, this.clock);
                break;
            default:
                throw maError("6336", `The value of action is invalid: ${action}.`);
        }
        this.ctx.store.markDirty();
        return { rec, previous: s };
    }

    /** A token for a running notebook's IDE. */
    token(tenant: ModelArtsTenant, projectId: string, id: string): string {
        const rec = this.find(tenant, projectId, id);
        if (rec.status !== "RUNNING") {
            throw maError("6327", "The instance is not running.");
        }
        return this.ctx.ids.alnum(32);
    }

    // --- the web console (any tenant's notebook) ----------------------------------------------

    consoleAll(): MaInstanceRecord[] {
        this.advanceAll();
        return Object.values(this.records);
    }

    consoleRecord(id: string): MaInstanceRecord {
        this.advanceAll();
        const r = this.records[id];
        if (!r) {
            throw new ConsoleError(404, `no ModelArts instance ${id}`);
        }
        return r;
    }

    consoleStop(id: string): MaInstanceRecord {
        const r = this.consoleRecord(id);
        planMaStop(r, this.clock);
        return this.touch(r);
    }

    consoleStart(id: string): MaInstanceRecord {
        const r = this.consoleRecord(id);
        planMaStart(r, this.clock);
        return this.touch(r);
    }

    consoleDelete(id: string): MaInstanceRecord {
        const r = this.consoleRecord(id);
        planMaDelete(r, this.clock);
        return this.touch(r);
    }

    consoleFail(id: string, status: "START_FAILED" | "CREATE_FAILED" | "UNAVAILABLE"): MaInstanceRecord {
        const r = this.consoleRecord(id);
        r.plan = [];
        r.status = status;
        r.stopAt = undefined;
        r.failedReasons = { code: "ModelArts.6333", message: "The notebook is being restored after a fault (emulated).", detail: {} };
        r.errorCode = "ModelArts.6333";
        return this.touch(r);
    }

    consoleSetFlavor(id: string, flavor: unknown): MaInstanceRecord {
        if (typeof flavor !== "string" || !FLAVORS[flavor]) {
            throw new ConsoleError(400, `unknown flavor ${String(flavor)}`);
        }
        const r = this.consoleRecord(id);
        r.flavor = flavor;
        return this.touch(r);
    }

    consoleSetAutoStop(id: string, auto: MaAutoStop | undefined): MaInstanceRecord {
        const r = this.consoleRecord(id);
        r.autoStop = auto ?? { enable: false, prompt: true };
        if (!r.autoStop.enable) {
            r.stopAt = undefined;
        } else if (r.status === "RUNNING" && r.autoStop.duration !== undefined) {
            // A console change of a running notebook's timer re-arms it from now.
            r.stopAt = this.ctx.now() + r.autoStop.duration * this.ctx.options.secondMs;
        }
        return this.touch(r);
    }

    /** A flavor sells out (or comes back) in the region. */
    consoleSetSoldOut(flavor: string, soldOut: boolean): readonly string[] {
        const list = new Set(this.ctx.store.state.soldOutFlavors);
        if (soldOut) list.add(flavor);
        else list.delete(flavor);
        this.ctx.store.state.soldOutFlavors = [...list];
        this.ctx.store.markDirty();
        return this.ctx.store.state.soldOutFlavors;
    }
}
