/**
 * `modelarts.getNotebooks`: the `demanager` list API's filters and paging (docs/modelarts-devenv-api.md
 * §3.3), walking all pages unless `offset`/`limit` are given.
 */
import { z } from "zod";
import { parseLookupArgs } from "../common/schema";
import { withoutUndefined } from "../common/resource";
import { ModelArtsClient } from "./client";
import { fromWire } from "./mapping";
import type { NotebookSummary } from "./lookupResult";

export type { NotebookSummary };

export const GetNotebooksArgs = z.strictObject({
    projectId: z
        .string()
        .regex(/^[0-9a-f]{32}$/, "projectId must be a 32-character hex project id")
        .optional(),
    credentialsProfile: z
        .string()
        .optional()
        .describe("Credentials profile to list with (a section of the Huawei credentials file, as the resources' `credentialsProfile`); not a filter."),
    status: z
        .enum([
            "CREATE_QUEUING",
            "CREATING",
            "CREATE_FAILED",
            "START_QUEUING",
            "READY_TO_START",
            "STARTING",
            "RESTARTING",
            "START_FAILED",
            "RUNNING",
            "STOPPING",
            "STOPPED",
            "UNAVAILABLE",
            "DELETED",
            "RESIZING",
            "RESIZE_FAILED",
        ])
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

export const NOTEBOOK_PAGE_SIZE = 100;

/**
 * A notebook as a lookup reports it, without the fields that carry secrets (the OBS AK/SK in
 * `spec.credential`, the repository's token or key): a lookup's result is stored in state and
 * printed by `pulumi stack output` in plain text.
 */
function summaryOf(n: Record<string, unknown>): NotebookSummary {
    const { repository: _repo, spec, ...rest } = n;
    const s = spec && typeof spec === "object" ? (spec as Record<string, unknown>) : undefined;
    const { credential: _cred, repository: _specRepo, ...safeSpec } = s ?? {};
    // The auto-stop countdown changes by itself: left out so an exported lookup is stable.
    const auto = safeSpec.auto_stop as Record<string, unknown> | undefined;
    if (auto) safeSpec.auto_stop = { ...auto, remain_time: undefined };
    return withoutUndefined(fromWire(s ? { ...rest, spec: safeSpec } : rest)) as NotebookSummary;
}

export async function getNotebooks(client: ModelArtsClient, raw: GetNotebooksArgs): Promise<{ notebooks: NotebookSummary[]; totalCount: number }> {
    const a = parseLookupArgs(GetNotebooksArgs, raw);
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
    let total: number;
    for (let offset = a.offset ?? 0; ; offset += limit) {
        const r = await client.list({ ...query, offset, limit });
        total = r.total;
        notebooks.push(...r.instances.map(summaryOf));
        if (single || r.instances.length < limit || offset + limit >= r.total) {
            break;
        }
    }
    return { notebooks, totalCount: total };
}
