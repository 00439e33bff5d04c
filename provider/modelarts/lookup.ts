/**
 * `modelarts.getNotebooks`: the `demanager` list API's filters and paging (shared/api/modelarts.md
 * §3.3), walking all pages unless `offset`/`limit` are given.
 */
import { z } from "zod";
import { InputValidationError } from "../common/errors";
import { failuresOf } from "../common/schema";
import { ModelArtsClient } from "./client";
import { fromWire } from "./mapping";

export const GetNotebooksArgs = z.strictObject({
    projectId: z.string().regex(/^[0-9a-f]{32}$/, "projectId must be a 32-character hex project id").optional(),
    status: z
        .enum(["CREATE_QUEUING", "CREATING", "CREATE_FAILED", "START_QUEUING", "READY_TO_START", "STARTING", "RESTARTING", "START_FAILED", "RUNNING", "STOPPING", "STOPPED", "UNAVAILABLE", "DELETED", "RESIZING", "RESIZE_FAILED"])
        .optional(),
    provisionType: z.literal("Docker").optional(),
    sortBy: z.enum(["name", "creation_timestamp"]).optional(),
    order: z.enum(["asc", "desc"]).optional(),
    offset: z.number().int().min(0).optional().describe("Fetch from this offset only (default: walk every page)."),
    limit: z.number().int().min(1).optional(),
    workspaceId: z.string().optional().describe('Default "0".'),
    showSelf: z.boolean().optional(),
    aiProject: z.string().optional(),
    poolId: z.string().optional(),
});
export type GetNotebooksArgs = z.input<typeof GetNotebooksArgs>;

export interface NotebookSummary {
    id: string;
    name: string;
    status: string;
    [field: string]: unknown;
}

export const NOTEBOOK_PAGE_SIZE = 100;

export async function getNotebooks(client: ModelArtsClient, raw: GetNotebooksArgs): Promise<{ notebooks: NotebookSummary[]; totalCount: number }> {
    const parsed = GetNotebooksArgs.safeParse(raw);
    if (!parsed.success) {
        throw new InputValidationError(failuresOf(parsed.error));
    }
    const a = parsed.data;
    const query = {
        status: a.status,
        provision_type: a.provisionType,
        sortby: a.sortBy,
        order: a.order,
        workspace_id: a.workspaceId,
        show_self: a.showSelf === undefined ? undefined : String(a.showSelf),
        // Wire name `ai_project_id`, as the OTC SDK sends it (emulator/modelarts/routes.ts says why).
        ai_project_id: a.aiProject,
        pool_id: a.poolId,
    };
    const single = a.offset !== undefined || a.limit !== undefined;
    const limit = a.limit ?? NOTEBOOK_PAGE_SIZE;
    const notebooks: NotebookSummary[] = [];
    let total = 0;
    for (let offset = a.offset ?? 0; ; offset += limit) {
        const r = await client.list({ ...query, offset, limit });
        total = r.total;
        notebooks.push(...r.instances.map((n) => fromWire(n) as NotebookSummary));
        if (single || r.instances.length < limit || offset + limit >= r.total) {
            break;
        }
    }
    return { notebooks, totalCount: total };
}
