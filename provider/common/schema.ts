/** zod helpers shared by both clouds' input schemas: field-named failures and common fields. */
import { z } from "zod";
import { InputValidationError } from "./errors";
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

const FIELD_NAMES = new WeakMap<object, ReadonlySet<string>>();

/**
 * Every field name a schema declares, at any depth: what a failure's path may show of a secret
 * input, whose other path segments are keys the program chose for a map (an environment
 * variable's name, a label's) and so part of the secret (common/resource.ts `hidingSecretValues`).
 */
export function fieldNamesOf(schema: z.ZodTypeAny): ReadonlySet<string> {
    const cached = FIELD_NAMES.get(schema);
    if (cached) return cached;
    const names = new Set<string>();
    const seen = new Set<unknown>();
    type Def = { shape?: Record<string, unknown>; options?: unknown[] } & Record<string, unknown>;
    const walk = (s: unknown) => {
        if (s === null || typeof s !== "object" || seen.has(s)) return;
        seen.add(s);
        const def = (s as { _zod?: { def?: Def } })._zod?.def;
        if (!def) return;
        for (const [k, v] of Object.entries(def.shape ?? {})) {
            names.add(k);
            walk(v);
        }
        for (const inner of ["innerType", "element", "valueType", "in", "out", "schema"]) walk(def[inner]);
        def.options?.forEach(walk);
    };
    walk(schema);
    FIELD_NAMES.set(schema, names);
    return names;
}

/** What the values checked are, for the failures that name them. */
export interface Checked {
    /** What an unknown key is not: `"k" is not <noun>`. */
    readonly noun: string;
    /** The property of a rule about the values as a whole. */
    readonly whole: string;
}

export const RESOURCE_INPUTS: Checked = { noun: "an input of this resource", whole: "(inputs)" };
export const LOOKUP_ARGUMENTS: Checked = { noun: "an argument of this lookup", whole: "(arguments)" };

export function failuresOf(error: z.ZodError, checked: Checked = RESOURCE_INPUTS): CheckFailure[] {
    const where = (path: ReadonlyArray<PropertyKey>) => (path.length > 0 ? issuePath(path) : checked.whole);
    return error.issues.flatMap((i): CheckFailure[] => {
        if (i.code === "unrecognized_keys") {
            return i.keys.map((k) => ({
                property: issuePath([...i.path, k]),
                reason: `"${k}" is not ${checked.noun} (check its spelling and case)`,
            }));
        }
        if (i.code === "invalid_key") {
            // A map key broke a rule: report the rule, not zod's generic "Invalid key in record".
            const inner = i.issues.map((x) => x.message).join("; ");
            return [{ property: where(i.path), reason: `key ${JSON.stringify(String(i.path[i.path.length - 1]))}: ${inner}` }];
        }
        if (i.code === "invalid_type" && /received undefined/.test(i.message)) {
            // zod says "expected string, received undefined": say which field is missing.
            return [{ property: where(i.path), reason: `${String(i.path[i.path.length - 1] ?? "value")} is required (${i.expected})` }];
        }
        return [{ property: where(i.path), reason: i.message }];
    });
}

const KIND_OF_EXPECTED: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    object: "an object",
    array: "a list",
    record: "an object of names to values",
};

const FORMATS: Record<string, string> = {
    email: "an email address",
    url: "a URL",
    uuid: "a UUID",
    guid: "a GUID",
    datetime: "an ISO-8601 time",
    date: "an ISO-8601 date",
    ipv4: "an IPv4 address",
    ipv6: "an IPv6 address",
    cidrv4: "an IPv4 CIDR block",
    cidrv6: "an IPv6 CIDR block",
    base64: "base64",
};

const UNITS: Record<string, string> = { string: "characters", array: "items", set: "items", map: "entries", file: "bytes" };
/** A bound's words: inclusive, then exclusive. */
const RELATIONS = { too_big: ["at most", "less than"], too_small: ["at least", "more than"] } as const;

/** The kind of a value (never the value: it may be a secret). */
function kindOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "a list";
    if (typeof v === "object") return "an object";
    if (typeof v === "boolean") return "true or false";
    return `a ${typeof v}`;
}

/**
 * zod's default wording of a rule without a message of its own ("Too big: expected number to be
 * <=50") in this package's: the field and the rule ("limit must be at most 50"). Never the value
 * given, which may be a secret. A missing field is left to {@link failuresOf} ("x is required").
 */
export const inOurWords: z.core.$ZodErrorMap = (iss) => {
    const f = iss.path && iss.path.length > 0 ? issuePath(iss.path) : "the value";
    switch (iss.code) {
        case "invalid_type": {
            if (iss.input === undefined) return undefined;
            const want = KIND_OF_EXPECTED[iss.expected] ?? `a ${iss.expected}`;
            // A fraction where a whole number is wanted: "got a number" would read as no fault.
            const got = iss.expected === "int" && typeof iss.input === "number" ? "" : ` (got ${kindOf(iss.input)})`;
            return `${f} must be ${want}${got}`;
        }
        case "too_big":
        case "too_small": {
            const bound = iss.code === "too_big" ? iss.maximum : iss.minimum;
            const unit = UNITS[iss.origin];
            if (!unit && !["number", "int", "bigint"].includes(iss.origin)) return undefined;
            if (iss.code === "too_small" && unit && Number(bound) === 1 && iss.inclusive !== false) return `${f} must not be empty`;
            const rel = iss.exact ? "exactly" : RELATIONS[iss.code][iss.inclusive === false ? 1 : 0];
            return `${f} must ${iss.origin === "string" || !unit ? "be" : "have"} ${rel} ${String(bound)}${unit ? ` ${unit}` : ""}`;
        }
        case "invalid_value":
            return iss.values.length === 1
                ? `${f} must be ${JSON.stringify(iss.values[0])}`
                : `${f} must be one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "invalid_format":
            if (iss.format === "regex" && iss.pattern) return `${f} must match ${iss.pattern}`;
            if (iss.format === "starts_with" && "prefix" in iss) return `${f} must start with ${JSON.stringify(iss.prefix)}`;
            if (iss.format === "ends_with" && "suffix" in iss) return `${f} must end with ${JSON.stringify(iss.suffix)}`;
            if (iss.format === "includes" && "includes" in iss) return `${f} must contain ${JSON.stringify(iss.includes)}`;
            return `${f} must be ${FORMATS[iss.format] ?? `in the ${iss.format} format`}`;
        case "not_multiple_of":
            return `${f} must be a multiple of ${String(iss.divisor)}`;
        case "invalid_union":
            return `${f} matches none of the forms it may take`;
        case "custom":
            return `${f} is not valid`;
        default:
            return undefined;
    }
};

/** Values a person wrote, parsed with each rule worded by its own message or {@link inOurWords}. */
export function parseUserValues<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
    return schema.safeParse(value, { error: inOurWords });
}

/**
 * A lookup's arguments checked, or the failures naming each argument and its rule (not its
 * value: an argument may come from a secret). The native plugin's Invoke and the lookups the
 * TypeScript SDK runs both check with it, so a program in any language reads the same words.
 */
export function checkLookupArgs<S extends z.ZodType>(schema: S, value: unknown): { data: z.output<S> } | { failures: CheckFailure[] } {
    const parsed = parseUserValues(schema, value);
    return parsed.success ? { data: parsed.data } : { failures: failuresOf(parsed.error, LOOKUP_ARGUMENTS) };
}

/** {@link checkLookupArgs} for a lookup that runs: its failures thrown as one InputValidationError. */
export function parseLookupArgs<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const checked = checkLookupArgs(schema, value);
    if ("failures" in checked) throw new InputValidationError(checked.failures);
    return checked.data;
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
