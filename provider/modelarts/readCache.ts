/**
 * `modelarts.Notebook` (the old DevEnviron API) refresh from its ListNotebooks listing
 * (provider/common/listingSnapshot.ts): one listing per project and workspace. The API's `limit`
 * defaults to 0, "return all" (docs/modelarts-devenv-api.md §3.3), so the walk asks for everything in
 * one call and, should the service cap a page anyway, goes on from where it stopped until
 * `total_count`. Oldest first, so notebooks created during the walk come last. List items are
 * the same instance object as the GET (docs/modelarts-devenv-api.md §3.1); a notebook the listing misses is read with GET.
 */
import { SnapshotsPerClient, walkOffsetPages } from "../common/listingSnapshot";
import { PerClient } from "../common/perClient";
import { POLL_GATHER_MS, PollRounds, Rounds } from "../common/pollRounds";
import { nameChecks } from "../common/gather";
import { ModelArtsClient, Notebook } from "./client";

/** 0: no limit, the API's own default ("return all"). */
export const WALK_LIMIT = 0;

export function maListScope(props: { workspace?: { id?: string } }): string {
    // The parsed state (provider/common/state.ts) holds a string or nothing; "" is the API's default too.
    return props.workspace?.id || "0";
}

export function walkNotebooks(client: ModelArtsClient, workspaceId: string): Promise<Map<string, Notebook>> {
    return walkOffsetPages(
        async (offset, limit) => {
            const r = await client.list({ workspace_id: workspaceId, sortby: "creation_timestamp", order: "asc", offset, limit });
            return { total: r.total, items: r.instances };
        },
        WALK_LIMIT,
        (n) => n.id,
    );
}

export function maListings(idleMs?: number, now?: () => number): SnapshotsPerClient<ModelArtsClient, Notebook> {
    return new SnapshotsPerClient(walkNotebooks, idleMs, now);
}

/**
 * What the waits and name checks of one project's fleet share (issue 27): status polls answered by
 * rounds of the workspace's listing (common/pollRounds.ts; one call a round, since it returns
 * all), and name checks before creates answered by rounds of one listing too (common/gather.ts)
 * instead of one each.
 */
export class MaSharedReads {
    readonly polls: PollRounds<Notebook>;
    private readonly names: Rounds<string, Notebook[]>;

    constructor(client: ModelArtsClient) {
        this.polls = new PollRounds({ walk: (scope) => walkNotebooks(client, scope), get: (id) => client.get(id), pageSize: Number.POSITIVE_INFINITY });
        const all = async (workspaceId: string) => [...(await walkNotebooks(client, workspaceId)).values()];
        this.names = nameChecks<Notebook>({
            byName: all,
            all,
            nameOf: (n) => n.name,
            pageSize: Number.POSITIVE_INFINITY,
            windowMs: POLL_GATHER_MS,
            batchMin: 1,
        });
    }

    /** Notebooks named exactly `name` in a workspace, as the list shows them now. */
    named(workspaceId: string, name: string): Promise<Notebook[]> {
        return this.names.ask(workspaceId, name);
    }
}

export function maSharedReads(): PerClient<ModelArtsClient, MaSharedReads> {
    return new PerClient((client) => new MaSharedReads(client));
}
