/**
 * A resource's logical name as the provider's marks write it (the DSW creating label, the
 * NotebookV2 owner tag; docs/recovery.md). Label and tag values allow only some characters and a
 * bounded length, so a name that fits is written as it is, and any other is written as its allowed
 * characters followed by `@` and a hash of the whole name: two resources whose names differ only
 * in a replaced character (`q/1`, `q_1`) or beyond the length limit never share a mark (found by an
 * independent tester: they took and deleted each other's notebooks). A name written as it is never
 * holds `@`, so it never equals a hashed one.
 */
import { createHash } from "node:crypto";

const ALLOWED = /^[\p{L}\p{N} _.=+-]*$/u;

export function markName(name: string, max: number): string {
    if (ALLOWED.test(name) && name.length <= max) return name;
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 12);
    return `${name.replace(/[^\p{L}\p{N} _.=+-]/gu, "_").slice(0, Math.max(0, max - hash.length - 1))}@${hash}`;
}
