/**
 * One declaration per input. Each resource's inputs are one zod schema; every field carries its
 * metadata (`input(schema, meta)`), and what used to be written beside the schema is derived from
 * it: the change-policy table (`policyTableOf`), the secret inputs (`secretInputsOf`), the wire
 * names that differ from the casing rule (`wireNamesOf`), the README reference
 * (scripts/reference.ts) and the SDK's `Args` interfaces with their TSDoc (scripts/sdkTypes.ts →
 * sdk/generated/). The metadata lives in zod's global registry (`.meta()`), so
 * `z.toJSONSchema` carries it to the generators too; it is also what a Pulumi package schema
 * would be generated from.
 */
import { z } from "zod";
import type { ChangePolicy, PolicyTable } from "./diff";
import { registerSecretValues } from "./redact";

export interface InputMeta {
    /** Shown as TSDoc in the SDK and in the README reference. */
    description?: string;
    /**
     * What a change costs (diff.ts). Required on every top-level input; a nested field declares one
     * only where it costs something else than its parent (`spec.storage` of ModelArts).
     */
    policy?: ChangePolicy;
    /** Kept encrypted in state, never echoed in an error (the SDK wraps it in `pulumi.secret`). */
    secret?: true;
    /** The cloud's field name where the casing rule would get it wrong (`gpuType` → `GPUType`). */
    wireName?: string;
    /** The operation that sends it when not the create/update body (labels, run state, schedules). */
    sentBy?: string;
    /** Name of the SDK interface generated for an object-typed field (`DatasetArgs`). */
    typeName?: string;
    /** The update-request flag that clears the input at the cloud when the program removes it (DSW `DisassociateVpc`). */
    disassociate?: string;
}

/**
 * A declared input: its type and rules (the schema) with its metadata. A secret input's values are
 * registered for redaction whenever it is parsed (check, create, update), so no error or progress
 * line of the provider can echo them (redact.ts).
 */
export function input<T extends z.ZodType>(schema: T, meta: InputMeta & { policy: ChangePolicy }): T {
    const s = meta.secret ? (schema.refine((v) => (registerSecretValues(v, "a secret input"), true)) as T) : schema;
    return s.meta({ ...metaOf(schema), ...meta });
}

/** A field inside an input object: description, and wire name or type name where needed. */
export function field<T extends z.ZodType>(schema: T, meta: Omit<InputMeta, "policy" | "secret">): T {
    return schema.meta({ ...metaOf(schema), ...meta });
}

/** The metadata of a declared output (provider/<cloud>/outputs.ts). */
export interface OutputMeta {
    /** Shown as TSDoc on the SDK class and in the README's outputs table. */
    description: string;
    /** Kept encrypted in state (the SDK lists it in `additionalSecretOutputs`). */
    secret?: true;
    /**
     * Kept in state for the provider's own use (a due time it applied, say), not offered by the SDK
     * nor listed in the README.
     */
    internal?: true;
    /** The output is an input read back: the SDK gives it the output's type, the README lists it. */
    echoesInput?: true;
    /**
     * Kept encrypted whenever this input is given as a secret: the output holds the input's values
     * under another name (`liveTags` holds `tags`), which the engine's secret-ness of inputs does
     * not reach (it marks only outputs of the input's own name).
     */
    secretWith?: string;
}

/** A declared output: its type (what state holds) and its metadata. */
export function output<T extends z.ZodType>(schema: T, meta: OutputMeta): T {
    return schema.meta({ ...metaOf(schema), ...meta });
}

export function outputMetaOf(schema: z.ZodType): Partial<OutputMeta> {
    return (z.globalRegistry.get(schema) ?? {}) as Partial<OutputMeta>;
}

/** The outputs the SDK offers (every declared one but the internal), in declaration order. */
export function offeredOutputsOf(shape: Shape): readonly string[] {
    return Object.entries(shape)
        .filter(([, s]) => outputMetaOf(s).internal !== true)
        .map(([k]) => k);
}

/** Outputs declared secret. */
export function secretOutputsOf(shape: Shape): readonly string[] {
    return Object.entries(shape)
        .filter(([, s]) => outputMetaOf(s).secret === true)
        .map(([k]) => k);
}

/** Outputs secret whenever an input is: output → input. */
export function secretEchoesOf(shape: Shape): Readonly<Record<string, string>> {
    return Object.fromEntries(
        Object.entries(shape)
            .filter(([, s]) => outputMetaOf(s).secretWith !== undefined)
            .map(([k, s]) => [k, outputMetaOf(s).secretWith as string]),
    );
}

export function metaOf(schema: z.ZodType): InputMeta {
    return (z.globalRegistry.get(schema) ?? {}) as InputMeta;
}

type Shape = Readonly<Record<string, z.ZodType>>;

/** The object schema inside optional/nullable/default wrappers and arrays, if any. */
function objectShapeOf(schema: z.ZodType): Shape | undefined {
    let s: z.ZodType = schema;
    for (;;) {
        if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
            s = s.unwrap() as z.ZodType;
        } else if (s instanceof z.ZodArray) {
            s = s.element as z.ZodType;
        } else if (s instanceof z.ZodObject) {
            return s.shape as Shape;
        } else {
            return undefined;
        }
    }
}

/**
 * The change-policy table of a resource: every top-level input's policy, plus nested fields that
 * declare their own (keyed `parent.child`, the flattened view planDiff compares). Throws when a
 * top-level input has none, so a forgotten policy fails at load, in every test, not silently; and
 * when an `ignore` input (a provider setting) has parts that cost something: the request bodies,
 * the engine's diff and the README take `ignore` for "never reaches the cloud", so such a parent
 * would hide its parts (the old API's `spec` once did: no detailed diff, "provider setting").
 */
export function policyTableOf<S extends Shape>(shape: S): Readonly<Record<keyof S & string, ChangePolicy>> & PolicyTable {
    const table: Record<string, ChangePolicy> = {};
    const missing: string[] = [];
    const hiding: string[] = [];
    for (const [key, schema] of Object.entries(shape)) {
        const policy = metaOf(schema).policy;
        if (policy === undefined) {
            missing.push(key);
            continue;
        }
        table[key] = policy;
        for (const [child, childSchema] of Object.entries(objectShapeOf(schema) ?? {})) {
            const own = metaOf(childSchema).policy;
            if (own !== undefined) {
                table[`${key}.${child}`] = own;
                if (policy === "ignore") hiding.push(`${key}.${child}`);
            }
        }
    }
    if (missing.length > 0) {
        throw new Error(`inputs without a change policy (declare one with input(schema, { policy })): ${missing.join(", ")}`);
    }
    if (hiding.length > 0) {
        throw new Error(
            `parts with a change policy under a provider setting (policy "ignore"; give the parent what the rest of it costs): ${hiding.join(", ")}`,
        );
    }
    return table as Readonly<Record<keyof S & string, ChangePolicy>>;
}

/** Each top-level input's disassociate flag (the update flag that clears it once removed), keyed by input. */
export function disassociateFlagsOf(shape: Shape): Readonly<Record<string, string>> {
    return Object.fromEntries(
        Object.entries(shape)
            .filter(([, s]) => metaOf(s).disassociate !== undefined)
            .map(([k, s]) => [k, metaOf(s).disassociate as string]),
    );
}

/** Inputs (flattened `parent.child` keys) whose change needs the instance stopped: policy `stopThenUpdate`. */
export function stopFirstInputsOf(policy: PolicyTable): readonly string[] {
    return Object.entries(policy)
        .filter(([, p]) => p === "stopThenUpdate")
        .map(([k]) => k);
}

/** Top-level inputs declared secret. */
export function secretInputsOf(shape: Shape): readonly string[] {
    return Object.entries(shape)
        .filter(([, s]) => metaOf(s).secret === true)
        .map(([k]) => k);
}

/** Inputs that never go into the create/update body: those sent by an operation of their own (`sentBy`) and provider settings (policy `ignore`). */
export function separatelySentOf(shape: Shape): ReadonlySet<string> {
    return new Set(
        Object.entries(shape)
            .filter(([, s]) => metaOf(s).sentBy !== undefined || metaOf(s).policy === "ignore")
            .map(([k]) => k),
    );
}

/** Every declared wire name at any depth, keyed by input field name (`gpuType` → `GPUType`). */
export function wireNamesOf(shape: Shape): Readonly<Record<string, string>> {
    const out: Record<string, string> = {};
    const walk = (s: Shape) => {
        for (const [key, schema] of Object.entries(s)) {
            const wire = metaOf(schema).wireName;
            if (wire !== undefined) {
                if (out[key] !== undefined && out[key] !== wire) {
                    throw new Error(`field ${key} declares two wire names: ${out[key]} and ${wire}`);
                }
                out[key] = wire;
            }
            const inner = objectShapeOf(schema);
            if (inner) {
                walk(inner);
            }
        }
    };
    walk(shape);
    return out;
}
