/**
 * Refresh from a cloud's paged listing, so a fleet costs a few list pages instead of one GET per
 * resource (issue 27). The first read of a scope (a workspace, a project's workspace and feature:
 * whatever one listing covers) walks every page; concurrent reads share that walk, and later reads
 * use the same snapshot while they keep coming: within `idleMs` of the walk or of the last read it
 * answered, and never once it is `maxAgeMs` old. The engine reads a stack a few resources at a
 * time (`--parallel`, 4 per CPU by default), so a refresh of 1,000 is a stream of reads lasting
 * longer than one walk; the idle window keeps that stream on one walk. Every answer is then from
 * after the command's first read, as with a GET per resource, though not from the moment of its
 * own read; the age cap (5 min) bounds that in a provider process that lives longer.
 *
 * The snapshot answers only for what it lists and only for resources this process has not changed
 * since the walk began; everything else is the caller's GET (`lookup` answers undefined), so a
 * missing item is never taken for a deleted one.
 *
 * Each cloud supplies the walk (its list operation, page size and filters); this is the shared
 * bookkeeping: DSW (`dsw/readCache.ts`) and both ModelArts APIs (`modelarts/readCache.ts`, `modelartsV2/readCache.ts`).
 */
import { PerClient } from "./perClient";

interface Snapshot<T> {
    /** When the walk began: nothing it lists is older than this. */
    at: number;
    /** When it last answered a read (or the walk ended). */
    used: number;
    byId: Map<string, T>;
}

export class ListingSnapshots<T> {
    private snapshots = new Map<string, Promise<Snapshot<T>>>();
    /** When each resource was last changed by this process; older snapshots don't answer for it. */
    private changedAt = new Map<string, number>();

    constructor(
        /** Every item of one scope's listing, by id. */
        private readonly walk: (scope: string) => Promise<Map<string, T>>,
        private readonly idleMs = 5000,
        private readonly now: () => number = Date.now,
        private readonly maxAgeMs = 300_000,
    ) {}

    private fresh(s: Snapshot<T>): boolean {
        const now = this.now();
        return now - s.used <= this.idleMs && now - s.at <= this.maxAgeMs;
    }

    /** The item as the scope's listing shows it, or undefined when the listing cannot answer for it. */
    async lookup(scope: string, id: string): Promise<T | undefined> {
        const snap = await this.snapshot(scope);
        snap.used = Math.max(snap.used, this.now());
        const hit = snap.byId.get(id);
        return hit !== undefined && snap.at > (this.changedAt.get(id) ?? -Infinity) ? hit : undefined;
    }

    /** The listing's answer, else `get` (the cloud's GET, which decides what "gone" is). */
    async read(scope: string, id: string, get: () => Promise<T>): Promise<T> {
        // The listing is an optimisation: when it fails, the GET answers (and reports its own error).
        const hit = await this.lookup(scope, id).catch(() => undefined);
        return hit ?? get();
    }

    /** Forget what is known of a resource (it is being changed). */
    invalidate(id: string): void {
        this.changedAt.set(id, this.now());
    }

    private snapshot(scope: string): Promise<Snapshot<T>> {
        const cached = this.snapshots.get(scope);
        if (!cached) return this.start(scope);
        return cached.then((s) => {
            if (this.fresh(s)) return s;
            // Reads that find the same expired snapshot share the one walk the first of them starts.
            const latest = this.snapshots.get(scope);
            return latest !== undefined && latest !== cached ? this.snapshot(scope) : this.start(scope);
        });
    }

    private start(scope: string): Promise<Snapshot<T>> {
        const at = this.now();
        const p = this.walk(scope).then((byId) => ({ at, used: this.now(), byId }));
        this.snapshots.set(scope, p);
        p.catch(() => {
            if (this.snapshots.get(scope) === p) this.snapshots.delete(scope);
        });
        return p;
    }
}

/** Every item of an offset-paged listing: pages of `limit` until `total` is reached or a page runs short. */
export async function walkOffsetPages<T>(
    page: (offset: number, limit: number) => Promise<{ total: number; items: T[] }>,
    limit: number,
    idOf: (item: T) => string,
): Promise<Map<string, T>> {
    const byId = new Map<string, T>();
    for (let offset = 0; ;) {
        const r = await page(offset, limit);
        for (const item of r.items) byId.set(idOf(item), item);
        offset += r.items.length;
        // A service that caps the page below `limit` still answers `total`: keep walking from where it stopped.
        if (r.items.length === 0 || offset >= r.total) return byId;
    }
}

/** One set of snapshots per client (a project and credentials profile): what one listing can see. */
export class SnapshotsPerClient<C extends object, T> extends PerClient<C, ListingSnapshots<T>> {
    constructor(walk: (client: C, scope: string) => Promise<Map<string, T>>, idleMs = 5000, now: () => number = Date.now) {
        super((client) => new ListingSnapshots((scope) => walk(client, scope), idleMs, now));
    }
}
