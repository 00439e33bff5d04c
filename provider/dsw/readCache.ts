/**
 * Batched reads, so a fleet costs a few calls instead of one per instance.
 *
 * Refresh: the first read for a workspace and stack walks its ListInstances listing (100 per page),
 * filtered on the stack's owner label: a stack's 20 notebooks cost one page however many other
 * stacks share the workspace (50 stacks of 20 cost 10 pages each unfiltered; bench/fleetDrift.ts);
 * concurrent and later reads use that snapshot (idle window and age cap: common/listingSnapshot.ts). An instance missing from the
 * listing is confirmed with GetInstance before it is called gone. Anything the provider changes is
 * dropped from the snapshot.
 *
 * Status polls (`fresh`): the waits of one provider process (a fleet created by one `pulumi up`)
 * share rounds of one listing per workspace and stack, filtered on the stack's owner label
 * (common/pollRounds.ts: a round starts after every poll it answers was asked, so no answer is
 * staler than a GetInstance would be; small rounds, and instances the listing misses, still use
 * GetInstance).
 *
 * Name checks before a create (`named`) gather the same way into one listing of the workspace.
 */
import { nameChecks } from "../common/gather";
import { ListingSnapshots } from "../common/listingSnapshot";
import { PollRounds } from "../common/pollRounds";
import { OWNER_KEY } from "../common/schema";
import { DswClient, Instance, isDswNotFound } from "./client";
import { isStackLeftover } from "./recovery";

/** How long a poll or name check waits for others to join its listing. */
export const GATHER_MS = 25;
/** Fewest polls or name checks a listing answers; below this, one call each. */
export const BATCH_MIN = 3;

export interface PollScope {
    workspaceId: string;
    owner: string;
}

export const LIST_PAGE_SIZE = 100;

export class DswReadCache {
    /** Refresh's snapshots, one per workspace and owner (provider/common/listingSnapshot.ts). */
    private readonly listings: ListingSnapshots<Instance>;

    constructor(
        private client: DswClient,
        idleMs = 5000,
        now: () => number = Date.now,
    ) {
        this.listings = new ListingSnapshots(
            (key) => {
                const [workspaceId, owner] = JSON.parse(key) as [string, string | undefined];
                return this.listAll({ WorkspaceId: workspaceId, Labels: owner ? JSON.stringify({ [OWNER_KEY]: owner }) : undefined });
            },
            idleMs,
            now,
        );
    }

    /**
     * The instance, or undefined when it does not exist. `owner` (the stack's owner label) narrows
     * the listing; one whose label was changed since is not in it and is read with GetInstance.
     */
    async get(id: string, workspaceId: string | undefined, owner?: string): Promise<Instance | undefined> {
        const hit = workspaceId ? await this.listings.lookup(JSON.stringify([workspaceId, owner]), id) : undefined;
        if (hit) return hit;
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

    private readonly leftoverListings = new Map<string, Promise<Instance[]>>();

    /**
     * The stack's instances still bearing a creating mark (common/recover.ts), in every workspace
     * (`WorkspaceId=ALL`, docs/dsw-api.md §5.3: a replacement into another workspace leaves its
     * leftover there): listed once per process, at its first create or delete, so the listing
     * holds what earlier runs left and nothing this process's own creates marked since (they all
     * wait for it first).
     */
    stackLeftovers(owner: string): Promise<Instance[]> {
        let p = this.leftoverListings.get(owner);
        if (!p) {
            p = this.listAll({ WorkspaceId: "ALL", Labels: JSON.stringify({ [OWNER_KEY]: owner }) }).then((m) =>
                [...m.values()].filter((i) => isStackLeftover(i, owner) && i.Status !== "Deleting"),
            );
            this.leftoverListings.set(owner, p);
            p.catch(() => this.leftoverListings.delete(owner));
        }
        return p;
    }

    /** Instances named exactly `name` in a workspace (undefined = the default one), as they are now. */
    named(workspaceId: string | undefined, name: string): Promise<Instance[]> {
        return this.names.ask(workspaceId ?? "", name);
    }

    private readonly polls = new PollRounds<Instance>({
        walk: (key) => {
            const [workspaceId, owner] = JSON.parse(key) as [string, string];
            return this.listAll({ WorkspaceId: workspaceId, Labels: JSON.stringify({ [OWNER_KEY]: owner }) });
        },
        get: (id) => this.client.getInstance(id),
        pageSize: LIST_PAGE_SIZE,
        gatherMs: GATHER_MS,
        batchMin: BATCH_MIN,
    });

    private readonly names = nameChecks<Instance>({
        // InstanceName filters by substring: walk every page, keep exact matches.
        byName: (ws, name) => this.listAll({ WorkspaceId: ws || undefined, InstanceName: name }).then((m) => [...m.values()]),
        all: (ws) => this.listAll({ WorkspaceId: ws || undefined }).then((m) => [...m.values()]),
        nameOf: (i) => i.InstanceName,
        pageSize: LIST_PAGE_SIZE,
        windowMs: GATHER_MS,
        batchMin: BATCH_MIN,
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
        this.listings.invalidate(id);
    }
}
