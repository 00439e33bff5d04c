/**
 * Is a notebook with our name the one an interrupted create of this stack made? CreateNotebook has
 * no idempotency token, and no reference shows the service echoing custom `spec.annotations`
 * (shared/api/modelarts.md §3.1: the response's annotations are the service's `target_domain` and
 * `url`), so the decision rests on what the API is documented to return, with the owner annotation
 * as a bonus when the service does return it.
 *
 * Ours when every documented field matches what we sent (exact name, workspace, flavor, profile,
 * description, storage type) and it was created inside the window: since the first attempt of this
 * run began (a lost answer), or within RECOVERY_WINDOW_MS before now (a crash of an earlier run,
 * recovered by `pulumi refresh --clear-pending-creates` then `pulumi up`). Assumed (unconfirmed):
 * `creation_timestamp` is the server's clock in epoch ms; CLOCK_SKEW_MS absorbs client skew.
 */
import { OWNER_KEY } from "../common/schema";
import type { Notebook } from "./client";
import type { MaNotebookInputs } from "./schema";

export const RECOVERY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface Ownership {
    ours: boolean;
    /** What decided, for the message. */
    why: string;
}

export function ownership(n: Notebook, inputs: MaNotebookInputs, owner: string, createdSince: number): Ownership {
    const tag = n.spec?.annotations?.[OWNER_KEY];
    if (typeof tag === "string") {
        return tag === owner ? { ours: true, why: "owner annotation matches" } : { ours: false, why: "owned by another stack" };
    }
    const mismatches: string[] = [];
    const check = (what: string, live: unknown, sent: unknown) => {
        if (live !== undefined && live !== null && live !== sent) mismatches.push(`${what} ${String(live)} ≠ ${String(sent)}`);
    };
    check("workspace", n.workspace?.id ?? "0", inputs.workspace?.id ?? "0");
    check("flavor", n.flavor, inputs.flavor);
    check("profile", n.profile?.id, inputs.profileId);
    check("description", n.description ?? "", inputs.description ?? "");
    check("storage", n.spec?.storage?.type, inputs.spec.storage.type);
    const created = Number(n.creation_timestamp);
    if (!Number.isFinite(created)) {
        mismatches.push("no creation_timestamp");
    } else if (created < createdSince) {
        mismatches.push(`created ${new Date(created).toISOString()}, before this stack's attempt`);
    }
    return mismatches.length === 0
        ? { ours: true, why: "name, workspace, flavor, profile, description, storage and creation time match" }
        : { ours: false, why: mismatches.join(", ") };
}
