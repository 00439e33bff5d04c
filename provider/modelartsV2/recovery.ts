/**
 * What a same-named notebook of the current API says of its origin (common/recover.ts). Names may
 * repeat in a project and CreateNotebook takes no tags (the generated client's
 * NotebookCreateRequest has none), so the provider tags each notebook right after the create:
 * `pulumi-notebooks-owner` = `creating:<stack>:<resource>` while the create runs, then
 * `<stack>:<resource>` when the id is handed to the engine. A notebook still tagged `creating:` was
 * left by an interrupted create of this resource; one tagged with the plain owner is in the stack's
 * state (the notebook a replacement replaces, say) and is never taken over. A crash between the
 * create's answer and the tag leaves an untagged notebook, which is not recovered (docs/recovery.md).
 */
import { OWNER_KEY } from "../common/schema";
import { createHash } from "node:crypto";
import { markName } from "../common/marks";
import type { Mark } from "../common/recover";
import type { NbNotebook } from "./client";
import type { NbInputs } from "./schema";

const TAG_VALUE_MAX = 128;
const CREATING = "creating:";
/** The longest stack part an owner tag keeps as it is: room is left for `creating:` and the resource. */
const STACK_MAX = 64;

/**
 * The owner tag's value: the stack and the resource's logical name, in the characters a tag value
 * may hold (TmsTag: letters, digits, spaces and `_ . : / = + - @`; rules.ts), so the tag call after
 * the create is never refused for it. The name as ../common/marks.ts writes it, short enough that
 * the creating value (`creating:` before it) is never cut: two names never share a tag.
 */
export function ownerTag(stack: string, name: string): string {
    const safe = stack.replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, "_");
    // A stack name long enough to leave the resource's name no room is cut and hashed alike.
    const prefix = `${safe.length <= STACK_MAX ? safe : `${safe.slice(0, STACK_MAX - 13)}@${createHash("sha256").update(stack).digest("hex").slice(0, 12)}`}:`;
    return name === "" ? prefix : `${prefix}${markName(name, TAG_VALUE_MAX - CREATING.length - prefix.length)}`;
}

/** What the owner tags of every notebook of one stack begin with (the stack, before the resource's name). */
export function stackPrefix(stack: string): string {
    return ownerTag(stack, "");
}

/** Whether the notebook still bears a creating mark of a resource of the stack `prefix` names (an interrupted create's). */
export function isStackLeftover(n: NbNotebook, prefix: string): boolean {
    const tag = (n.tags ?? []).find((t) => t.key === OWNER_KEY);
    return tag?.value?.startsWith(creatingTag(prefix)) === true;
}

/** The resource a leftover's creating mark names (as the tag writes it), given its stack's prefix. */
export function leftoverResource(n: NbNotebook, prefix: string): string | undefined {
    const value = (n.tags ?? []).find((t) => t.key === OWNER_KEY)?.value ?? undefined;
    const start = creatingTag(prefix);
    return value?.startsWith(start) ? value.slice(start.length) : undefined;
}

/** The owner tag's value while the create runs. */
export function creatingTag(owner: string): string {
    return `${CREATING}${owner}`.slice(0, TAG_VALUE_MAX);
}

export function markOf(n: NbNotebook, owner: string): Mark {
    const tag = (n.tags ?? []).find((t) => t.key === OWNER_KEY);
    if (!tag) return "none";
    if (tag.value === owner) return "claimed";
    return tag.value === creatingTag(owner) ? "pending" : "foreign";
}

/** What the API returns for it matches the create request. */
export function sameRequest(n: NbNotebook, inputs: NbInputs): boolean {
    return (
        (n.workspace_id ?? "0") === (inputs.workspaceId ?? "0") &&
        n.flavor === inputs.flavor &&
        n.image?.id === inputs.imageId &&
        (n.description ?? "") === (inputs.description ?? "") &&
        n.volume?.category === inputs.volume.category
    );
}
