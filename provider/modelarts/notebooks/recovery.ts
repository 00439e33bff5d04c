/**
 * Is a notebook with our name one an interrupted create of this resource made? CreateNotebook has
 * no idempotency token and names may repeat in a project, so a same-named notebook is no clash.
 * The provider tags each notebook it creates (`pulumi-notebooks-owner` = stack and resource name)
 * right after the create; a notebook caught between the create and the tag is recognised by what
 * the API returns (flavor, image, description, storage, creation time inside the window), as for
 * the old API (../recovery.ts). `create_at` is read as the Terraform client reads it (unconfirmed
 * in the official model).
 */
import { OWNER_KEY } from "../../common/schema";
import type { NbNotebook } from "./client";
import type { NbInputs } from "./schema";

export { CLOCK_SKEW_MS, RECOVERY_WINDOW_MS } from "../recovery";

/** The owner tag's value: the stack and the resource's logical name (tag values are at most 128 characters). */
export function ownerTag(stack: string, name: string): string {
    return `${stack}:${name}`.slice(0, 128);
}

export function isOurs(n: NbNotebook, inputs: NbInputs, owner: string, createdSince: number): boolean {
    const tag = (n.tags ?? []).find((t) => t.key === OWNER_KEY);
    if (tag) return tag.value === owner;
    const created = n.create_at;
    return (
        n.name === inputs.name &&
        (n.workspace_id ?? "0") === (inputs.workspaceId ?? "0") &&
        n.flavor === inputs.flavor &&
        n.image?.id === inputs.imageId &&
        (n.description ?? "") === (inputs.description ?? "") &&
        n.volume?.category === inputs.volume.category &&
        typeof created === "number" &&
        created >= createdSince
    );
}
