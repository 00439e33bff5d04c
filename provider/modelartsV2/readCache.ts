/**
 * `modelarts.NotebookV2` refresh from ListNotebooks pages (provider/common/listingSnapshot.ts):
 * one listing per project, workspace and feature, in pages of the largest `limit` the API
 * documents (50; docs/modelarts-notebooks-api.md §1.2), oldest first so notebooks created during
 * the walk land on its last page. A list item is a whole NotebookResp ([gen]
 * `ListNotebooksResponse.data`), so it answers a read as ShowNotebook would; a notebook the
 * listing misses (another feature or workspace than its state says, changed by this process, or
 * gone) is read with ShowNotebook.
 */
import { SnapshotsPerClient, walkOffsetPages } from "../common/listingSnapshot";
import { LIST_PAGE, NbNotebook, NotebooksClient } from "./client";

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
