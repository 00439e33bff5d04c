/**
 * `pulumi import` of a DevEnviron (older API) notebook: the program inputs of a live notebook, from
 * GET /v1/{project_id}/demanager/instances/{id}, in the shapes the drift read-back (mapping.ts,
 * liveInputs) reports them, cut to the input declaration. `spec.annotations` are write-only (the
 * responses carry only the service's own), so they are not imported; nor is the default
 * workspace ("0").
 */
import { ifAccepted, projectOnto } from "../common/projectOnto";
import type { Notebook } from "./client";
import { dropNulls, fromWire, liveStorage } from "./mapping";
import { MaNotebookInputs } from "./schema";

export function maImportedInputs(n: Notebook): Record<string, unknown> {
    const auto = n.spec?.auto_stop;
    return projectOnto(MaNotebookInputs, {
        name: n.name,
        description: n.description,
        flavor: n.flavor,
        profileId: n.profile?.id,
        spec: {
            storage: n.spec?.storage ? liveStorage(n.spec.storage) : undefined,
            extendStorage: (n.spec?.extend_storage ?? []).map(liveStorage),
            autoStop: auto?.enable ? { enable: true, duration: auto.duration ?? undefined } : undefined,
        },
        workspace: n.workspace?.id && n.workspace.id !== "0" ? { id: n.workspace.id } : undefined,
        pool: n.pool ? fromWire(dropNulls(n.pool as Record<string, unknown>)) : undefined,
        aiProject: n.ai_project?.id ? { id: n.ai_project.id } : undefined,
        status: ifAccepted(MaNotebookInputs.shape.status, n.status),
    }) as Record<string, unknown>;
}
