/** zod helpers shared by both clouds' input schemas: field-named failures and common fields. */
import { z } from "zod";
import { DURATION_PATTERN } from "./timeouts";

export interface CheckFailure {
    property: string;
    reason: string;
}

/** `datasets[0].uri` from a zod issue path. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
    let out = "";
    for (const p of path) {
        out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
    }
    return out || "(inputs)";
}

export function failuresOf(error: z.ZodError): CheckFailure[] {
    return error.issues.flatMap((i): CheckFailure[] => {
        if (i.code === "unrecognized_keys") {
            return i.keys.map((k) => ({
                property: issuePath([...i.path, k]),
                reason: `"${k}" is not an input of this resource (check its spelling and case)`,
            }));
        }
        if (i.code === "invalid_key") {
            // A map key broke a rule: report the rule, not zod's generic "Invalid key in record".
            const inner = i.issues.map((x) => x.message).join("; ");
            return [{ property: issuePath(i.path), reason: `key ${JSON.stringify(String(i.path[i.path.length - 1]))}: ${inner}` }];
        }
        if (i.code === "invalid_type" && /received undefined/.test(i.message)) {
            // zod says "expected string, received undefined": say which field is missing.
            return [{ property: issuePath(i.path), reason: `${String(i.path[i.path.length - 1] ?? "value")} is required (${i.expected})` }];
        }
        return [{ property: issuePath(i.path), reason: i.message }];
    });
}

export const durationString = (what: string) => z.string().regex(DURATION_PATTERN, `${what} must be a duration such as "30s", "10m" or "1h30m"`);

export const Timeouts = z
    .strictObject({
        create: durationString("timeouts.create").optional().describe('Create deadline, default "30m".'),
        update: durationString("timeouts.update").optional().describe('Update deadline, default "30m".'),
        delete: durationString("timeouts.delete").optional().describe('Delete deadline, default "20m".'),
    })
    .meta({ typeName: "TimeoutsArgs", description: "How long create, update and delete may wait for the cloud." });

export const FailedPolicy = z
    .enum(["restart", "replace", "error"])
    .describe(
        'What `pulumi up` does with an instance found failed on refresh: "restart" (default: start it again, keeping its disk), "replace" (delete and create a new one) or "error" (stop and ask a person).',
    );

/** Key of the label/tag/annotation the provider writes to recognise instances it created. */
export const OWNER_KEY = "pulumi-notebooks-owner";

/**
 * Key of the DSW label a create writes beside the owner label and removes when it hands the id to
 * the engine: an instance that still has it was left by an interrupted create (common/recover.ts).
 */
export const CREATING_KEY = "pulumi-notebooks-creating";

/** Keys only the provider writes. */
export const RESERVED_KEYS: readonly string[] = [OWNER_KEY, CREATING_KEY];

export const LabelKey = z
    .string()
    .min(1, "label keys must be 1-128 characters")
    .max(128, "label keys must be 1-128 characters")
    .refine((k) => !/^(aliyun|acs:)/i.test(k), "label keys must not start with aliyun or acs:")
    .refine((k) => !/https?:\/\//i.test(k), "label keys must not contain http:// or https://")
    .refine((k) => !RESERVED_KEYS.includes(k), `${RESERVED_KEYS.join(" and ")} are reserved for the provider`);

export const LabelValue = z
    .string()
    .max(128, "label values must be at most 128 characters")
    .refine((v) => !/https?:\/\//i.test(v), "label values must not contain http:// or https://");

export const isoUtcTime = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be an ISO-8601 UTC time such as "2026-01-12T14:36:01Z"')
    .refine((s) => !Number.isNaN(Date.parse(s)), "must be a valid date");

/** A credentials profile's name (a profile of a cloud's CLI config, or a section of its credentials file). */
export const credentialsProfileName = () =>
    z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "credentialsProfile must be a profile name: letters, digits, '_', '.', '-' (at most 64)")
        .optional();
