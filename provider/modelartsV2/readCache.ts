/**
 * `modelarts.NotebookV2` refresh from ListNotebooks pages (provider/common/listingSnapshot.ts):
 * one listing per project, workspace and feature, in pages of the largest `limit` the API
 * documents (50; docs/modelarts-notebooks-api.md §1.2), oldest first so notebooks created during
 * the walk land on its last page. A list item is a whole NotebookResp ([gen]
 * `ListNotebooksResponse.data`), so it answers a read as ShowNotebook would; a notebook the
 * listing misses (another feature or workspace than its state says, changed by this process, or
 * gone) is read with ShowNotebook.
 */
import { nameChecks } from "../common/gather";
import { SnapshotsPerClient, walkOffsetPages } from "../common/listingSnapshot";
import { PerClient } from "../common/perClient";
import { POLL_BATCH_MIN, POLL_GATHER_MS, PollRounds } from "../common/pollRounds";
import { LIST_PAGE, NbNotebook, NotebooksClient } from "./client";
import { OWNER_KEY } from "../common/schema";
import { isStackLeftover } from "./recovery";

/** What one listing covers: ListNotebooks lists one workspace and one feature at a time. */
export function nbListScope(props: { workspaceId?: string; feature?: string }): string {
    // The parsed state (provider/common/state.ts) holds strings or nothing; "" is the API's default too.
    return JSON.stringify([props.workspaceId || "0", props.feature || "NOTEBOOK"]);
}

export function walkNotebooks(client: NotebooksClient, scope: string): Promise<Map<string, NbNotebook>> {
    const [workspaceId, feature] = JSON.parse(scope) as [string, string];
    return walkOffsetPages(
        async (offset, limit) => {
            const r = await client.list({ workspaceId, feature, sort_key: "create_at", sort_dir: "ASC", offset, limit });
            return { total: r.total, items: r.notebooks };
        },
        LIST_PAGE,
        (n) => n.id,
    );
}

export function nbListings(idleMs?: number, now?: () => number): SnapshotsPerClient<NotebooksClient, NbNotebook> {
    return new SnapshotsPerClient(walkNotebooks, idleMs, now);
}

/**
 * What the waits and name checks of one project's fleet share (issue 27): status polls answered by
 * rounds of the scope's listing (common/pollRounds.ts), and name checks before creates answered
 * by rounds of one listing of the workspace (common/gather.ts) instead of a listing each (the
 * `name` filter is fuzzy, so each costs every page it matches).
 */
export class NbSharedReads {
    readonly polls: PollRounds<NbNotebook>;

    constructor(private readonly client: NotebooksClient) {
        this.polls = new PollRounds({ walk: (scope) => walkNotebooks(client, scope), get: (id) => client.get(id), pageSize: LIST_PAGE });
    }

    private readonly leftoverListings = new Map<string, Promise<NbNotebook[]>>();

    /**
     * The stack's notebooks still bearing a creating mark (common/recover.ts): listed once per
     * process, at its first create or delete in the workspace, so the listing holds what earlier runs
     * left and nothing this process's own creates marked since (they all wait for it first).
     */
    stackLeftovers(workspaceId: string, prefix: string): Promise<NbNotebook[]> {
        const key = JSON.stringify([workspaceId, prefix]);
        let p = this.leftoverListings.get(key);
        if (!p) {
            p = listStackLeftovers(this.client, workspaceId, prefix);
            this.leftoverListings.set(key, p);
            p.catch(() => this.leftoverListings.delete(key));
        }
        return p;
    }

    /** Notebooks named exactly `name` in a workspace, as the list shows them now. */
    named(workspaceId: string, name: string): Promise<NbNotebook[]> {
        return this.names.ask(workspaceId, name);
    }

    private readonly names = nameChecks<NbNotebook>({
        byName: (workspaceId, name) => this.client.listAll({ name, workspaceId }),
        all: (workspaceId) => this.client.listAll({ workspaceId }),
        nameOf: (n) => n.name,
        pageSize: LIST_PAGE,
        windowMs: POLL_GATHER_MS,
        batchMin: POLL_BATCH_MIN,
    });
}

/**
 * The stack's notebooks still bearing a creating mark: ListNotebooks filtered on the owner tag's
 * key (the `tags` filter takes `key` or `key=value`; docs/modelarts-notebooks-api.md §1.3), so only
 * notebooks this package manages are listed; the values are compared here.
 */
export async function listStackLeftovers(client: NotebooksClient, workspaceId: string, prefix: string): Promise<NbNotebook[]> {
    const tagged = await client.listAll({ workspaceId, tags: OWNER_KEY });
    return tagged.filter((n) => isStackLeftover(n, prefix) && n.status !== "DELETED" && n.status !== "DELETING");
}

export function nbSharedReads(): PerClient<NotebooksClient, NbSharedReads> {
    return new PerClient((client) => new NbSharedReads(client));
}
