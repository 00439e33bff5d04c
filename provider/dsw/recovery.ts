/**
 * What a DSW instance's labels say of its origin (common/recover.ts, docs/recovery.md). The create
 * request carries the owner label (`project/stack`) and the creating mark, whose value names the
 * resource (`pending:<logical name>`), so an interrupted create is recognised however early it
 * stopped and whatever the program renamed since. The mark goes when the id is handed to the
 * engine. Instances made before the mark named its resource carry `true`: they are recognised by
 * their name only, as they were then.
 */
import type { Mark } from "../common/recover";
import { CREATING_KEY, OWNER_KEY } from "../common/schema";
import type { Instance } from "./client";
import { markName } from "../common/marks";

const LABEL_VALUE_MAX = 128;
const LEGACY_PENDING = "true";
const PENDING = "pending:";

/**
 * The creating mark's value for a resource: label values are 0–128 characters and must not hold
 * `http://`, `https://` or start with `aliyun`/`acs:` (docs/dsw-api.md, Label); the name as
 * ../common/marks.ts writes it (no `:` nor `/`) after `pending:` keeps to that.
 */
export function pendingLabel(resource: string): string {
    return `${PENDING}${markName(resource, LABEL_VALUE_MAX - PENDING.length)}`;
}

const label = (i: Instance, key: string): string | undefined => i.Labels?.find((l) => l.Key === key)?.Value ?? undefined;

/** What a same-named instance's labels say of it, for the create of resource `resource` of stack `owner`. */
export function markOf(i: Instance, owner: string, resource: string): Mark {
    const o = label(i, OWNER_KEY);
    if (o === undefined) return "none";
    if (o !== owner) return "foreign";
    const pending = label(i, CREATING_KEY);
    if (pending === undefined) return "claimed";
    return pending === LEGACY_PENDING || pending === pendingLabel(resource) ? "pending" : "foreign";
}

/** Whether the instance is a leftover of resource `resource` of stack `owner` (an interrupted create, any name). */
export function isLeftoverOf(i: Instance, owner: string, resource: string): boolean {
    return label(i, OWNER_KEY) === owner && label(i, CREATING_KEY) === pendingLabel(resource);
}

/** The stack's leftovers: instances of `owner` still bearing a creating mark (legacy marks included). */
export function isStackLeftover(i: Instance, owner: string): boolean {
    return label(i, OWNER_KEY) === owner && label(i, CREATING_KEY) !== undefined;
}

/** The resource a leftover's mark names (as the mark writes it), or undefined for a legacy mark. */
export function leftoverResource(i: Instance): string | undefined {
    const v = label(i, CREATING_KEY);
    return v !== undefined && v.startsWith("pending:") ? v.slice("pending:".length) : undefined;
}

/** A resource's name as its creating mark writes it. */
export function markedResource(resource: string): string {
    return pendingLabel(resource).slice("pending:".length);
}
