/**
 * `pulumi import` of a notebook of the current API: the program inputs of a live notebook, from
 * ShowNotebook, in the shapes the drift read-back (mapping.ts, liveInputs) reports them, cut to the
 * input declaration. The owner tag is the provider's own; the default workspace ("0") is no input.
 */
import { ifAccepted, projectOnto } from "../common/projectOnto";
import type { NbNotebook } from "./client";
import { durationText, tagMap } from "./mapping";
import { NbInputs } from "./schema";

export function nbImportedInputs(n: NbNotebook): Record<string, unknown> {
    const l = n.lease;
    const lease =
        !l || l.enable === undefined || l.enable === null
            ? undefined
            : l.enable === false || typeof l.duration !== "number" || l.duration < 0
              ? { enable: false }
              : { duration: durationText(l.duration) };
    const ssh = (n.endpoints ?? []).filter((e) => e.service === "SSH");
    return projectOnto(NbInputs, {
        name: n.name,
        description: n.description,
        flavor: n.flavor,
        imageId: n.image?.id,
        volume: n.volume ? { category: n.volume.category, ownership: n.volume.ownership, capacity: n.volume.capacity } : undefined,
        poolId: n.pool?.id,
        workspaceId: n.workspace_id === "0" ? undefined : n.workspace_id,
        feature: n.feature,
        endpoints: ssh.map((e) => ({ service: "SSH", keyPairNames: e.key_pair_names, allowedAccessIps: e.allowed_access_ips })),
        lease,
        tags: tagMap(n, false),
        status: ifAccepted(NbInputs.shape.status, n.status),
    }) as Record<string, unknown>;
}
