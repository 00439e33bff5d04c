/**
 * Batched reads, so a fleet costs a few calls instead of one per instance.
 *
 * Refresh: the first read for a workspace walks its ListInstances listing (100 per page);
 * concurrent and later reads within `ttlMs` use that snapshot. An instance missing from the
 * listing is confirmed with GetInstance before it is called gone. Anything the provider changes is
 * dropped from the snapshot.
 *
 * Status polls (`fresh`): waits in one provider process (a fleet created by one `pulumi up`) poll
 * at nearly the same moments. Polls asked within GATHER_MS of each other for one workspace and
 * stack are answered together by one listing filtered on the stack's owner label, which starts
 * after every poll it answers was asked, so no answer is staler than a GetInstance would be. Fewer
 * than BATCH_MIN polls, or an instance the listing misses, still use GetInstance.
 *
 * Name checks before a create (`named`) gather the same way into one listing of the workspace.
 */
import { Gatherer } from "../common/gather";
import { OWNER_KEY } from "../common/schema";
import { DswClient, Instance, isDswNotFound } from "./client";

/** How long a poll waits for others to join its listing. */
export const GATHER_MS = 25;
/** Fewest polls a listing answers; below this, GetInstance each. */
export const BATCH_MIN = 3;

export interface PollScope {
    workspaceId: string;
    owner: string;
}

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

    /** The instance as it is now (a poll of a wait); throws the GetInstance error when it is missing. */
    fresh(id: string, scope: PollScope | undefined): Promise<Instance> {
        return scope ? this.polls.ask(JSON.stringify([scope.workspaceId, scope.owner]), id) : this.client.getInstance(id);
    }

    /** Instances named exactly `name` in a workspace (undefined = the default one), as they are now. */
    named(workspaceId: string | undefined, name: string): Promise<Instance[]> {
        return this.names.ask(workspaceId ?? "", name);
    }

    private readonly polls = new Gatherer<string, Instance>(GATHER_MS, (key, ids) => {
        const [workspaceId, owner] = JSON.parse(key) as [string, string];
        const one = (id: string) => this.client.getInstance(id);
        if (ids.length < BATCH_MIN) {
            return ids.map(one);
        }
        // The listing is an optimisation: if it fails, each poll falls back to its own read.
        const listing = this.listAll({ WorkspaceId: workspaceId, Labels: JSON.stringify({ [OWNER_KEY]: owner }) }).catch(() => new Map<string, Instance>());
        return ids.map((id) => listing.then((byId) => byId.get(id) ?? one(id)));
    });

    private readonly names = new Gatherer<string, Instance[]>(GATHER_MS, (workspaceId, names) => {
        const exact = (all: Iterable<Instance>, name: string) => [...all].filter((i) => i.InstanceName === name);
        const ws = workspaceId === "" ? undefined : workspaceId;
        if (names.length < BATCH_MIN) {
            // InstanceName filters by substring: walk every page, keep exact matches.
            return names.map((name) => this.listAll({ WorkspaceId: ws, InstanceName: name }).then((m) => exact(m.values(), name)));
        }
        const listing = this.listAll({ WorkspaceId: ws });
        return names.map((name) => listing.then((m) => exact(m.values(), name)));
    });

    private async listAll(filter: Record<string, string | undefined>): Promise<Map<string, Instance>> {
        const byId = new Map<string, Instance>();
        for (let page = 1; ; page++) {
            const r = await this.client.listInstances({
                ...filter,
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
                return byId;
            }
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
        return { at, byId: await this.listAll({ WorkspaceId: workspaceId }) };
    }
}
