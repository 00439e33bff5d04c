/**
 * `modelarts.getNotebooksV2`: ListNotebooks' filters and paging (docs/modelarts-notebooks-api.md
 * §3), walking every page unless `offset`/`limit` are given. The notebook token is left out: a
 * lookup's result is stored in state and printed in plain text.
 */
import { z } from "zod";
import { convertKeys, invert, snakeToCamel } from "../common/casing";
import { withoutUndefined } from "../common/resource";
import { parseLookupArgs } from "../common/schema";
import { LIST_PAGE, NbNotebook, NotebooksClient } from "./client";
import type { NotebookV2Summary } from "./lookupResult";

export type { NotebookV2Summary };

export const NB_STATUSES = [
    "INIT",
    "CREATING",
    "STARTING",
    "STOPPING",
    "DELETING",
    "RUNNING",
    "STOPPED",
    "SNAPSHOTTING",
    "CREATE_FAILED",
    "START_FAILED",
    "DELETE_FAILED",
    "ERROR",
    "DELETED",
    "FROZEN",
] as const;

export const GetNotebooksV2Args = z.strictObject({
    projectId: z
        .string()
        .regex(/^[0-9a-f]{32}$/, "projectId must be a 32-character hex project id")
        .optional(),
    credentialsProfile: z
        .string()
        .optional()
        .describe("Credentials profile to list with (a section of the Huawei credentials file, as the resources' `credentialsProfile`); not a filter."),
    name: z.string().min(1).max(128).optional().describe("Fuzzy match on the name."),
    status: z.enum(NB_STATUSES).optional(),
    feature: z.enum(["NOTEBOOK", "DEFAULT"]).optional(),
    poolId: z.string().optional(),
    owner: z
        .string()
        .regex(/^[0-9a-z]{32}$/, "owner must be a 32-character user id")
        .optional()
        .describe("User id of the owner (large accounts and admins only)."),
    workspaceId: z.string().optional().describe('Default "0".'),
    sortKey: z.string().optional().describe("Sort fields, comma-separated."),
    sortDir: z.enum(["ASC", "DESC"]).optional(),
    offset: z.number().int().min(0).optional().describe("Fetch from this offset only (default: walk every page)."),
    limit: z
        .number()
        .int()
        .min(1)
        .max(LIST_PAGE, `limit must be at most ${LIST_PAGE} (the API's page size)`)
        .optional()
        .describe("Page size, at most 50 (the API's largest page)."),
});
export type GetNotebooksV2Args = z.input<typeof GetNotebooksV2Args>;

const FROM_WIRE = invert({ special: {}, opaque: new Set(), convert: (k) => k }, snakeToCamel, new Set());

function summaryOf(n: NbNotebook): NotebookV2Summary {
    const { token: _token, ...rest } = n;
    return withoutUndefined(convertKeys(rest, FROM_WIRE) as Record<string, unknown>) as NotebookV2Summary;
}

export async function getNotebooksV2(client: NotebooksClient, raw: GetNotebooksV2Args): Promise<{ notebooks: NotebookV2Summary[]; totalCount: number }> {
    const a = parseLookupArgs(GetNotebooksV2Args, raw);
    const query = {
        name: a.name,
        status: a.status,
        feature: a.feature,
        pool_id: a.poolId,
        owner: a.owner,
        // Sent as both `workspace_id` and `workspaceId` by the client (docs/modelarts-notebooks-api.md §1).
        workspaceId: a.workspaceId,
        sort_key: a.sortKey,
        sort_dir: a.sortDir,
    };
    const single = a.offset !== undefined || a.limit !== undefined;
    const limit = a.limit ?? LIST_PAGE;
    const notebooks: NotebookV2Summary[] = [];
    let total: number;
    for (let offset = a.offset ?? 0; ; offset += limit) {
        const r = await client.list({ ...query, offset, limit });
        total = r.total;
        notebooks.push(...r.notebooks.map(summaryOf));
        if (single || r.notebooks.length < limit || offset + limit >= r.total) break;
    }
    return { notebooks, totalCount: total };
}
