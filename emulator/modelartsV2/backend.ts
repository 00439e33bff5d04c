/**
 * The backend of the current notebook API, in moto's shape (see ../backend.ts): it owns the
 * notebook records and the rules; routes parse and serialize, the admin console acts through the
 * `console*` methods. Its records are its own (`state.notebooks`): the old API never sees them.
 */
import { randomUUID } from "node:crypto";
import { ConsoleError } from "../admin/consoleError";
import { EmuContext } from "../context";
import { advanceRecords } from "../http";
import { ModelArtsTenant } from "../options";
import { FLAVORS } from "../modelarts/model";
import { nbError, nbNotFound } from "./errors";
import { NB_EMU_TRANSITIONAL, advanceNb, leaseDue, planNbCreate, planNbDelete, planNbStart, planNbStop } from "./lifecycle";
import { NbConfig, NbEndpoint, NbRecord, NbStatus, billingItems, flavorType } from "./model";
import { NB_MAX_TAGS, validateFlavor, validateImage } from "./validate";

export interface NbListQuery {
    name?: string;
    status?: string;
    feature: string;
    poolId?: string;
    owner?: string;
    workspaceId: string;
    id?: string;
    flavor?: string;
    imageId?: string;
    /** COMPUTE or STORAGE: notebooks billed for it; ALL (or none): every notebook. */
    billing?: "COMPUTE" | "STORAGE";
    /** Each tag a notebook must have: a key, or a key and its value. */
    tags: Array<{ key: string; value?: string }>;
    /** Sort fields in order (create_at when none). */
    sortKeys: NbSortKey[];
    sortDir: "ASC" | "DESC";
    offset: number;
    limit: number;
}

export const NB_SORT_KEYS = ["create_at", "update_at", "name", "status"] as const;
export type NbSortKey = (typeof NB_SORT_KEYS)[number];

const sortValue = (r: NbRecord, k: NbSortKey): string | number =>
    k === "create_at" ? r.createAt : k === "update_at" ? r.updateAt : k === "name" ? r.name : r.status;

export interface NbChange {
    name?: string;
    description?: string;
    endpoints?: NbEndpoint[];
    flavor?: string;
    imageId?: string;
    storageNewSize?: number;
}

export class NbBackend {
    constructor(private ctx: EmuContext) {}

    private get clock() {
        return { now: this.ctx.now(), durations: this.ctx.options.durations, secondMs: this.ctx.options.secondMs, random: () => this.ctx.phases.next() };
    }

    private get records(): Record<string, NbRecord> {
        return (this.ctx.store.state.notebooks ??= {});
    }

    advanceAll(): boolean {
        const changed = advanceRecords(this.records, (r) => advanceNb(r, this.clock));
        if (changed) this.ctx.store.markDirty();
        return changed;
    }

    private touch(rec: NbRecord): NbRecord {
        rec.updateAt = this.ctx.now();
        this.ctx.store.markDirty();
        return rec;
    }

    find(tenant: ModelArtsTenant, projectId: string, id: string): NbRecord {
        const rec = this.records[id];
        if (rec && advanceNb(rec, this.clock) === "deleted") {
            delete this.records[id];
            this.ctx.store.markDirty();
            throw nbNotFound(id);
        }
        if (!rec || rec.projectId !== projectId || rec.tenantKey !== tenant.accessKey) throw nbNotFound(id);
        return rec;
    }

    // --- the API ------------------------------------------------------------------------------

    createNotebook(tenant: ModelArtsTenant, projectId: string, c: NbConfig): NbRecord {
        this.advanceAll();
        const mine = Object.values(this.records).filter((r) => r.projectId === projectId && r.tenantKey === tenant.accessKey);
        if (mine.length >= this.ctx.options.modelartsMaxInstances) throw nbError("6302", "The instance count already reaches the maximum value.");
        if (c.feature === "DEFAULT" && mine.some((r) => r.feature === "DEFAULT"))
            throw nbError("6302", "The instance count already reaches the maximum value.");
        const now = this.ctx.now();
        const rec: NbRecord = {
            ...c,
            id: randomUUID(),
            projectId,
            tenantKey: tenant.accessKey,
            userId: tenant.userId,
            userName: tenant.userName,
            lease: { ...c.lease, createAt: now, updateAt: now },
            tags: [],
            status: "INIT",
            plan: [],
            token: randomUUID(),
            createAt: now,
            updateAt: now,
        };
        planNbCreate(rec, { ...this.clock, now }, this.ctx.faults.failThisCreate());
        this.records[rec.id] = rec;
        this.ctx.store.markDirty();
        return rec;
    }

    private mine(tenant: ModelArtsTenant, projectId: string): NbRecord[] {
        this.advanceAll();
        return Object.values(this.records).filter((r) => r.projectId === projectId && r.tenantKey === tenant.accessKey);
    }

    listNotebooks(tenant: ModelArtsTenant, projectId: string, q: NbListQuery): { total: number; page: NbRecord[] } {
        const needle = q.name?.toLowerCase();
        const keys: NbSortKey[] = q.sortKeys.length > 0 ? q.sortKeys : ["create_at"];
        const order = (a: NbRecord, b: NbRecord) => {
            for (const k of keys) {
                const x = sortValue(a, k);
                const y = sortValue(b, k);
                if (x !== y) return x < y ? -1 : 1;
            }
            return a.id < b.id ? -1 : 1;
        };
        const matched = this.mine(tenant, projectId)
            .filter(
                (r) =>
                    r.workspaceId === q.workspaceId &&
                    r.feature === q.feature &&
                    (needle === undefined || r.name.toLowerCase().includes(needle)) &&
                    (q.status === undefined || r.status === q.status) &&
                    (q.poolId === undefined || r.poolId === q.poolId) &&
                    (q.owner === undefined || r.userId === q.owner) &&
                    (q.id === undefined || r.id === q.id) &&
                    (q.flavor === undefined || r.flavor === q.flavor) &&
                    (q.imageId === undefined || r.imageId === q.imageId) &&
                    (q.billing === undefined || billingItems(r).includes(q.billing)) &&
                    q.tags.every((t) => r.tags.some((x) => x.key === t.key && (t.value === undefined || x.value === t.value))),
            )
            .sort((a, b) => (q.sortDir === "ASC" ? 1 : -1) * order(a, b));
        return { total: matched.length, page: matched.slice(q.offset, q.offset + q.limit) };
    }

    /** ShowNotebookTags: the tags of the caller's notebooks, values merged per key; one workspace, or all when none is given. */
    notebookTags(tenant: ModelArtsTenant, projectId: string, workspaceId: string | undefined): Array<{ key: string; values: string[] }> {
        const merged = new Map<string, Set<string>>();
        for (const r of this.mine(tenant, projectId)) {
            if (workspaceId !== undefined && r.workspaceId !== workspaceId) continue;
            for (const t of r.tags) merged.set(t.key, (merged.get(t.key) ?? new Set()).add(t.value));
        }
        return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, values]) => ({ key, values: [...values].sort() }));
    }

    /** The tag operations' `workspace_id`: a notebook of another workspace is not found there (unconfirmed; docs §1). */
    findInWorkspace(tenant: ModelArtsTenant, projectId: string, id: string, workspaceId: string | undefined): NbRecord {
        const rec = this.find(tenant, projectId, id);
        if (workspaceId !== undefined && rec.workspaceId !== workspaceId) throw nbNotFound(id);
        return rec;
    }

    /** UpdateNotebook: name, description and endpoints any time it is not being created or deleted; flavor, image and disk size only when stopped. */
    updateNotebook(tenant: ModelArtsTenant, projectId: string, id: string, change: NbChange): NbRecord {
        const rec = this.find(tenant, projectId, id);
        const refuse = (param: string) => nbError("6347", `When the instance is in the '${rec.status}' status, the '${param}' parameter cannot be modified.`);
        if (rec.status === "INIT" || rec.status === "CREATING" || rec.status === "DELETING") throw refuse(Object.keys(change)[0] ?? "name");
        const stoppedOnly: Array<[keyof NbChange, string]> = [
            ["flavor", "flavor"],
            ["imageId", "image_id"],
            ["storageNewSize", "storage_new_size"],
        ];
        for (const [k, wire] of stoppedOnly) {
            if (change[k] !== undefined && rec.status !== "STOPPED") throw refuse(wire);
        }
        if (change.flavor !== undefined && change.flavor !== rec.flavor) {
            validateFlavor(change.flavor, this.ctx.store.state.soldOutFlavors);
            if (!this.switchableFlavors(rec).includes(change.flavor)) {
                throw nbError("6792", `Instance ${rec.id} does not support to update flavor to ${change.flavor}, please try another flavor.`);
            }
        }
        if (change.imageId !== undefined) validateImage(change.imageId, change.flavor ?? rec.flavor, rec.workspaceId);
        if (change.storageNewSize !== undefined) {
            if (rec.volume.category !== "EVS") throw nbError("6336", "'storage_new_size' property value is incorrect.");
            if (change.storageNewSize <= rec.volume.capacity || change.storageNewSize > 4096)
                throw nbError("6331", `The evs volume size ranges from ${rec.volume.capacity + 1} GB to 4096 GB.`);
        }
        if (change.name !== undefined) rec.name = change.name;
        if (change.description !== undefined) rec.description = change.description;
        if (change.endpoints !== undefined) rec.endpoints = change.endpoints;
        if (change.flavor !== undefined) rec.flavor = change.flavor;
        if (change.imageId !== undefined) rec.imageId = change.imageId;
        if (change.storageNewSize !== undefined) rec.volume.capacity = change.storageNewSize;
        return this.touch(rec);
    }

    /** Deletes in any state but DELETING (the service removes the container and its storage). */
    deleteNotebook(tenant: ModelArtsTenant, projectId: string, id: string): NbRecord {
        const rec = this.find(tenant, projectId, id);
        if (rec.status === "DELETING")
            throw nbError(
                "6357",
                "The operation is not allowed because another operation is being performed on the instance or the instance is in the target state.",
            );
        planNbDelete(rec, this.clock);
        this.ctx.store.markDirty();
        return rec;
    }

    startNotebook(tenant: ModelArtsTenant, projectId: string, id: string, leaseMs: number | undefined, type?: "TIMING" | "IDLE"): NbRecord {
        const rec = this.find(tenant, projectId, id);
        const s = rec.status;
        if (s === "RUNNING") throw nbError("6305", "The instance is already running.");
        if (s === "STARTING" || s === "INIT" || s === "CREATING") throw nbError("6306", "The instance is starting.");
        if (s !== "STOPPED" && s !== "START_FAILED" && s !== "ERROR")
            throw nbError(
                "6357",
                "The operation is not allowed because another operation is being performed on the instance or the instance is in the target state.",
            );
        if (leaseMs !== undefined) rec.lease = { ...rec.lease, enable: leaseMs !== -1, duration: leaseMs === -1 ? rec.lease.duration : leaseMs };
        if (type !== undefined) rec.lease = { ...rec.lease, type };
        planNbStart(rec, this.clock);
        this.ctx.store.markDirty();
        return rec;
    }

    stopNotebook(tenant: ModelArtsTenant, projectId: string, id: string): NbRecord {
        const rec = this.find(tenant, projectId, id);
        const s = rec.status;
        if (s === "STOPPED") throw nbError("6307", "The instance has already been stopped.");
        if (s === "STOPPING") throw nbError("6308", "The instance is stopping.");
        if (s === "STARTING" || s === "INIT" || s === "CREATING") throw nbError("6306", "The instance is starting.");
        if (s !== "RUNNING")
            throw nbError(
                "6357",
                "The operation is not allowed because another operation is being performed on the instance or the instance is in the target state.",
            );
        planNbStop(rec, this.clock);
        this.ctx.store.markDirty();
        return rec;
    }

    lease(tenant: ModelArtsTenant, projectId: string, id: string): NbRecord {
        return this.find(tenant, projectId, id);
    }

    /** RenewLease: the lease's running duration from its start; -1 switches auto-stop off. */
    renewLease(tenant: ModelArtsTenant, projectId: string, id: string, leaseMs: number, type: "TIMING" | "IDLE" = "TIMING"): NbRecord {
        const rec = this.find(tenant, projectId, id);
        if (NB_EMU_TRANSITIONAL.has(rec.status) && rec.status !== "STARTING")
            throw nbError(
                "6357",
                "The operation is not allowed because another operation is being performed on the instance or the instance is in the target state.",
            );
        const now = this.ctx.now();
        if (leaseMs !== -1 && rec.status === "RUNNING" && rec.lease.createAt + leaseMs <= now) {
            throw nbError("6346", "The timestamp of auto stop must be later than the current timestamp.");
        }
        rec.lease = leaseMs === -1 ? { ...rec.lease, enable: false, updateAt: now } : { ...rec.lease, enable: true, type, duration: leaseMs, updateAt: now };
        return this.touch(rec);
    }

    putTags(tenant: ModelArtsTenant, projectId: string, id: string, tags: Array<{ key: string; value: string }>): NbRecord {
        const rec = this.find(tenant, projectId, id);
        // Merged on a copy and counted before anything is applied: a refused request changes nothing.
        const merged = rec.tags.map((t) => ({ ...t }));
        for (const t of tags) {
            const existing = merged.find((x) => x.key === t.key);
            if (existing) existing.value = t.value;
            else merged.push({ ...t });
        }
        if (merged.length > NB_MAX_TAGS) throw nbError("6336", "'tags' property value is incorrect.");
        rec.tags = merged;
        return this.touch(rec);
    }

    deleteTags(tenant: ModelArtsTenant, projectId: string, id: string, keys: readonly string[]): NbRecord {
        const rec = this.find(tenant, projectId, id);
        rec.tags = rec.tags.filter((t) => !keys.includes(t.key));
        return this.touch(rec);
    }

    /** Flavors the notebook can switch to: the same kind (CPU, GPU, Ascend), paid. */
    switchableFlavors(rec: NbRecord): string[] {
        const type = flavorType(rec.flavor);
        return Object.entries(FLAVORS)
            .filter(([, f]) => f.type === type && !f.free)
            .map(([k]) => k);
    }

    // --- the web console (any tenant's notebook) ----------------------------------------------

    consoleAll(): NbRecord[] {
        this.advanceAll();
        return Object.values(this.records);
    }

    consoleRecord(id: string): NbRecord {
        this.advanceAll();
        const r = this.records[id];
        if (!r) throw new ConsoleError(404, `no ModelArts notebook ${id}`);
        return r;
    }

    consoleStop(id: string): NbRecord {
        const r = this.consoleRecord(id);
        planNbStop(r, this.clock);
        return this.touch(r);
    }

    consoleStart(id: string): NbRecord {
        const r = this.consoleRecord(id);
        planNbStart(r, this.clock);
        return this.touch(r);
    }

    consoleDelete(id: string): NbRecord {
        const r = this.consoleRecord(id);
        planNbDelete(r, this.clock);
        return this.touch(r);
    }

    consoleFail(id: string, status: NbStatus = "ERROR"): NbRecord {
        const r = this.consoleRecord(id);
        r.plan = [];
        r.status = status;
        r.failReason = "ModelArts.6333: the notebook is being restored after a fault (emulated)";
        return this.touch(r);
    }

    /**
     * A change in the console: flavor, image, lease (drift); or time passing: `leaseRemainingMs`
     * moves the lease's start back so that it fires that long from now (a test cannot wait the
     * lease's one-hour minimum).
     */
    consoleSet(id: string, change: { flavor?: unknown; imageId?: unknown; leaseMs?: unknown; leaseRemainingMs?: unknown; capacity?: unknown }): NbRecord {
        const r = this.consoleRecord(id);
        if (change.capacity !== undefined) {
            // The console expands an EVS disk as UpdateNotebook's storage_new_size does: it only grows.
            if (typeof change.capacity !== "number" || !Number.isInteger(change.capacity) || change.capacity <= r.volume.capacity || change.capacity > 4096) {
                throw new ConsoleError(400, `capacity must be an integer above the current ${r.volume.capacity} GB and at most 4096`);
            }
            if (r.volume.category !== "EVS") throw new ConsoleError(400, "only EVS disks expand");
            r.volume = { ...r.volume, capacity: change.capacity };
        }
        if (change.flavor !== undefined) {
            if (typeof change.flavor !== "string" || !FLAVORS[change.flavor]) throw new ConsoleError(400, `unknown flavor ${String(change.flavor)}`);
            r.flavor = change.flavor;
        }
        if (change.imageId !== undefined) {
            if (typeof change.imageId !== "string") throw new ConsoleError(400, "imageId must be a string");
            r.imageId = change.imageId;
        }
        if (change.leaseMs !== undefined) {
            if (typeof change.leaseMs !== "number") throw new ConsoleError(400, "leaseMs must be a number");
            r.lease = change.leaseMs === -1 ? { ...r.lease, enable: false } : { ...r.lease, enable: true, duration: change.leaseMs, updateAt: this.ctx.now() };
        }
        if (change.leaseRemainingMs !== undefined) {
            if (typeof change.leaseRemainingMs !== "number") throw new ConsoleError(400, "leaseRemainingMs must be a number");
            r.lease = { ...r.lease, createAt: this.ctx.now() - r.lease.duration + change.leaseRemainingMs };
            this.ctx.store.markDirty();
            return r;
        }
        return this.touch(r);
    }

    /** When the lease will stop it (for tests and the demo's table). */
    consoleLeaseDue(id: string): number | undefined {
        return leaseDue(this.consoleRecord(id));
    }
}
