/**
 * Batched reads: a refresh of many instances in one provider process costs a few ListInstances
 * pages (100 instances each) per workspace instead of one GetInstance per instance. The first read
 * for a workspace walks its listing; concurrent and later reads within `ttlMs` use that snapshot.
 * An instance missing from the listing is confirmed with GetInstance before it is called gone.
 * Anything the provider changes is dropped from the snapshot.
 */
import { DswClient, Instance, isDswNotFound } from "./client";

interface Snapshot {
    at: number;
    byId: Map<string, Instance>;
}

export const LIST_PAGE_SIZE = 100;

export class DswReadCache {
    private snapshots = new Map<string, Promise<Snapshot>>();
    /** When each instance was last changed by this process; older snapshots don't answer for it. */
    private changedAt = new Map<string, number>();

    constructor(
        private client: DswClient,
        private ttlMs = 5000,
        private now: () => number = Date.now,
    ) {}

    /** The instance, or undefined when it does not exist. */
    async get(id: string, workspaceId: string | undefined): Promise<Instance | undefined> {
        if (workspaceId) {
            const snap = await this.snapshot(workspaceId);
            const hit = snap.byId.get(id);
            if (hit && snap.at > (this.changedAt.get(id) ?? -Infinity)) {
                return hit;
            }
        }
        try {
            return await this.client.getInstance(id);
        } catch (e) {
            if (isDswNotFound(e)) {
                return undefined;
            }
            throw e;
        }
    }

    /** Forget what is known of an instance (it is being changed). */
    invalidate(id: string): void {
        this.changedAt.set(id, this.now());
    }

    private snapshot(workspaceId: string): Promise<Snapshot> {
        const cached = this.snapshots.get(workspaceId);
        if (cached) {
            return cached.then((s) => (this.now() - s.at <= this.ttlMs ? s : this.refresh(workspaceId)));
        }
        return this.refresh(workspaceId);
    }

    private refresh(workspaceId: string): Promise<Snapshot> {
        const p = this.walk(workspaceId);
        this.snapshots.set(workspaceId, p);
        p.catch(() => this.snapshots.delete(workspaceId));
        return p;
    }

    private async walk(workspaceId: string): Promise<Snapshot> {
        const at = this.now();
        const byId = new Map<string, Instance>();
        for (let page = 1; ; page++) {
            const r = await this.client.listInstances({
                WorkspaceId: workspaceId,
                ResourceId: "ALL",
                PageNumber: page,
                PageSize: LIST_PAGE_SIZE,
                SortBy: "GmtCreateTime",
                Order: "ASC",
            });
            for (const i of r.instances) {
                byId.set(i.InstanceId, i);
            }
            if (r.instances.length < LIST_PAGE_SIZE || page * LIST_PAGE_SIZE >= r.total) {
                break;
            }
        }
        return { at, byId };
    }
}
