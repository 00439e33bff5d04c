/**
 * State parsed where the engine hands it over. Each resource's state is its inputs, its declared
 * outputs (provider/<cloud>/outputs.ts) and the provider's bookkeeping; the state schema is built
 * from those declarations and parsed once at the engine boundary (resource.ts
 * `atEngineBoundary`), so controllers get typed state and re-check nothing.
 *
 * The inputs part is structural: the declared types (strings, numbers, enums, objects, arrays,
 * maps) without the input rules (patterns, ranges, cross-field refinements), because state holds
 * the cloud's view of each input after a refresh, which the program's rules do not bind. Every
 * field is optional (a state kept after a failed create holds the inputs only) and unknown keys
 * pass (`__provider`, the SDK's internal keys).
 */
import { z } from "zod";
import { CrudProvider, DESIRED_STATUS, INPUT_KEYS } from "./resource";
import { failuresOf } from "./schema";

/** A state the provider cannot read: names the resource, its id and the field. */
export class StateReadError extends Error {
    constructor(
        readonly resource: string,
        readonly id: string,
        readonly fields: ReadonlyArray<{ property: string; reason: string }>,
    ) {
        super(
            `cannot read the state of ${resource}${id ? ` ${id}` : ""}: ${fields.map((f) => `${f.property || "(state)"}: ${f.reason}`).join("; ")}` +
                " (written by a version this one does not read: run `pulumi refresh` with the version that wrote it, or remove the resource with `pulumi state delete`)",
        );
        this.name = "StateReadError";
    }
}

/** The type of a schema without its rules (see the module comment); every object field optional. */
export function structural(schema: z.ZodType): z.ZodType {
    if (schema instanceof z.ZodString) return z.string();
    if (schema instanceof z.ZodNumber) return z.number();
    if (schema instanceof z.ZodBoolean) return z.boolean();
    if (schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral || schema instanceof z.ZodNull) return schema;
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault)
        return structural(schema.unwrap() as z.ZodType).optional();
    if (schema instanceof z.ZodNullable) return structural(schema.unwrap() as z.ZodType).nullable();
    if (schema instanceof z.ZodArray) return z.array(structural(schema.element as z.ZodType));
    if (schema instanceof z.ZodObject) return z.looseObject(optionalFields(schema.shape));
    if (schema instanceof z.ZodRecord) return z.record(z.string(), structural(schema.valueType as z.ZodType));
    if (schema instanceof z.ZodUnion) return z.union((schema.options as readonly z.ZodType[]).map(structural));
    if (schema instanceof z.ZodPipe) return structural(schema.in as z.ZodType);
    return z.unknown();
}

function optionalFields(shape: Readonly<Record<string, z.ZodType>>): Record<string, z.ZodType> {
    return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, structural(v).optional()]));
}

/** The bookkeeping every state carries, under its current names and the 0.3.0 ones (`inputKeys`, `desiredStatus`). */
const BOOKKEEPING = {
    [INPUT_KEYS]: z.array(z.string()).optional(),
    [DESIRED_STATUS]: z.string().optional(),
    inputKeys: z.array(z.string()).optional(),
    desiredStatus: z.string().optional(),
    liveStatus: z.string().optional(),
    __provider: z.string().optional(),
    __nbName: z.string().optional(),
    __nbOwner: z.string().optional(),
    __nbUrn: z.string().optional(),
};

/**
 * A resource's state schema: inputs (structural), outputs (which win where a name is both: `status`
 * is the live status in state), bookkeeping; `S` is the state type its controller declares.
 */
export function stateSchemaOf<S extends object>(inputs: z.ZodObject, outputs: z.ZodObject, extra: Readonly<Record<string, z.ZodType>> = {}): z.ZodType<S> {
    const checked = z.looseObject({ ...optionalFields(inputs.shape), ...optionalFields(outputs.shape), ...BOOKKEEPING, ...extra });
    // The checked object is built from the declarations S is written from (each resource's
    // state.ts); zod cannot carry that correspondence through the rule-stripping walk, so
    // the one assertion below states it, once, and tests/unit/state-parse.spec.ts checks that
    // every builder's state parses.
    return checked.transform((v) => v as S);
}

/** Reads the state the engine handed over, or fails naming the resource, id and field. */
export function readState<S extends object>(resource: string, schema: z.ZodType<S>, id: string, props: object): S {
    const parsed = schema.safeParse(props);
    if (!parsed.success) {
        throw new StateReadError(resource, id, failuresOf(parsed.error));
    }
    return parsed.data;
}

/**
 * A controller as an engine boundary serves it (the dynamic provider's module, the native plugin):
 * every state the engine hands over is parsed here, once, into the controller's state type.
 * Inputs reach `create`/`update` as the engine sends them; each controller parses them against its
 * input declaration (`parseChecked`), which owns their rules.
 */
export function atEngineBoundary<I extends object, S extends object>(
    resource: string,
    impl: CrudProvider<I, S>,
    state: z.ZodType<S>,
): CrudProvider<object, object> {
    const read = (id: string, props: object) => readState(resource, state, id, props);
    return {
        check: (olds, news) => impl.check(olds, news),
        diff: (id, olds, news) => impl.diff(id, read(id, olds), news),
        // The controller parses these with its input declaration (parseChecked) before any use.
        create: (props) => impl.create(props as I),
        read: (id, props) => impl.read(id, read(id, props)),
        update: (id, olds, news) => impl.update(id, read(id, olds), news as I),
        delete: (id, props) => impl.delete(id, read(id, props)),
    };
}
