/**
 * What a same-named notebook of the old API says of its origin (common/recover.ts). CreateNotebook
 * has no idempotency token, names are unique in a workspace (ModelArts.6301), and no reference
 * shows the service echoing custom `spec.annotations` (docs/recovery.md: the response's
 * annotations are the service's own, `target_domain` and `url`), so this API keeps no mark a
 * create could find again: an existing notebook is never taken over on resemblance. Within one
 * create, a lost answer is recognised by a notebook that was not there before the first attempt
 * and matches the request (`sameRequest`); a notebook left by a crashed run is reported as a clash
 * that names it, for `adopt: { instanceId }`.
 */
import { OWNER_KEY } from "../common/schema";
import type { Mark } from "../common/recover";
import type { Notebook } from "./client";
import type { MaNotebookInputs } from "./schema";

/** The owner annotation, where a service does echo it: ours is this stack's and in its state, or another's. */
export function markOf(n: Notebook, owner: string): Mark {
    const tag = n.spec?.annotations?.[OWNER_KEY];
    if (typeof tag !== "string") return "none";
    return tag === owner ? "claimed" : "foreign";
}

/** Every documented field the list returns matches the create request. */
export function sameRequest(n: Notebook, inputs: MaNotebookInputs): boolean {
    const eq = (live: unknown, sent: unknown) => live === undefined || live === null || live === sent;
    return (
        eq(n.workspace?.id ?? "0", inputs.workspace?.id ?? "0") &&
        eq(n.flavor, inputs.flavor) &&
        eq(n.profile?.id, inputs.profileId) &&
        eq(n.description ?? "", inputs.description ?? "") &&
        eq(n.spec?.storage?.type, inputs.spec.storage.type)
    );
}
