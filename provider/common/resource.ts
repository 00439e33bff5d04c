/**
 * Pieces every notebook resource provider shares: splitting the SDK's internal inputs
 * (`__nbName`, `__nbOwner`, `__provider`) from user inputs, the check contract, polling settings and
 * wrapping post-create failures so the engine keeps the instance id.
 */
import { z } from "zod";
import { InputValidationError, ResourceInitError, errorMessage } from "./errors";
import { CheckFailure, failuresOf, issuePath } from "./schema";
import { PolicyTable } from "./diff";
import { ConfigGetter, getterFromConfigureRequest } from "./settings";
import { WaiterFailureError, WaiterTimeoutError } from "./waiter";

/** Keys the SDK adds for the provider: logical name (for progress lines) and stack identity. */
export interface InternalInputs {
    __nbName?: string;
    __nbOwner?: string;
}

export function splitInternal(props: Record<string, unknown>): { user: Record<string, unknown>; internal: Record<string, unknown> } {
    const user: Record<string, unknown> = {};
    const internal: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props ?? {})) {
        (k.startsWith("__") ? internal : user)[k] = v;
    }
    return { user, internal };
}

export interface CheckResult {
    inputs: Record<string, unknown>;
    failures: CheckFailure[];
}

/** zod validation plus extra rules; failures name the field, and no API is called. */
export function checkWith<S extends z.ZodTypeAny>(
    schema: S,
    news: Record<string, unknown>,
    extra: (parsed: z.infer<S>) => CheckFailure[],
    normalize: (parsed: z.infer<S>) => z.infer<S>,
): CheckResult {
    const { user, internal } = splitInternal(news);
    const parsed = schema.safeParse(user);
    if (!parsed.success) {
        // At preview, inputs computed from other resources arrive as the unknown sentinel: their
        // rules are checked again at `up`, when the values are known.
        const unknowns = unknownPaths(user);
        const failures = failuresOf(parsed.error).filter((f) => !unknowns.some((u) => f.property === u || f.property.startsWith(`${u}.`) || f.property.startsWith(`${u}[`)));
        if (failures.length > 0 || unknowns.length === 0) {
            return { inputs: news, failures: failures.length > 0 ? failures : failuresOf(parsed.error) };
        }
        return { inputs: { ...stripUndefined(normalize(user as z.infer<S>) as Record<string, unknown>), ...internal }, failures: [] };
    }
    const failures = extra(parsed.data);
    if (failures.length > 0) {
        return { inputs: news, failures };
    }
    // The engine cannot carry `undefined` values: drop them.
    return { inputs: { ...stripUndefined(normalize(parsed.data) as Record<string, unknown>), ...internal }, failures: [] };
}

/** The value the engine sends for an input that is not known yet (sdk/nodejs/runtime/rpc.ts). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Paths (`a.b[0]`) of every unknown value in `v`. */
export function unknownPaths(v: unknown, path: Array<string | number> = []): string[] {
    if (v === UNKNOWN) {
        return [issuePath(path)];
    }
    if (Array.isArray(v)) {
        return v.flatMap((x, i) => unknownPaths(x, [...path, i]));
    }
    if (v !== null && typeof v === "object") {
        return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => unknownPaths(x, [...path, k]));
    }
    return [];
}

/** Parses already-checked inputs (create/update receive what check returned). */
export function parseChecked<S extends z.ZodTypeAny>(schema: S, props: Record<string, unknown>): z.infer<S> {
    const parsed = schema.safeParse(splitInternal(props).user);
    if (!parsed.success) {
        throw new InputValidationError(failuresOf(parsed.error));
    }
    return parsed.data;
}

export interface PollSettings {
    minDelayMs: number;
    maxDelayMs: number;
}

/** Poll delays: `notebooks:pollMinDelayMs`/`pollMaxDelayMs` or NOTEBOOKS_POLL_MIN_MS/_MAX_MS; default 2 s / 15 s. */
export function pollSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): PollSettings {
    const num = (...v: Array<string | undefined>) => {
        const x = v.find((s) => s !== undefined && s !== "");
        const n = x === undefined ? NaN : Number(x);
        return Number.isFinite(n) && n >= 1 ? n : undefined;
    };
    const minDelayMs = num(get("pollMinDelayMs"), env.NOTEBOOKS_POLL_MIN_MS) ?? 2000;
    const maxDelayMs = Math.max(minDelayMs, num(get("pollMaxDelayMs"), env.NOTEBOOKS_POLL_MAX_MS) ?? 15000);
    return { minDelayMs, maxDelayMs };
}

/**
 * After the cloud accepted a create, any failure must still hand the id to the engine, or Pulumi
 * forgets an instance that exists (and bills).
 */
export async function keepIdOnFailure<T>(
    id: string,
    what: string,
    snapshot: () => Promise<Record<string, unknown>>,
    work: () => Promise<T>,
): Promise<T> {
    try {
        return await work();
    } catch (e) {
        if (e instanceof ResourceInitError) {
            throw e;
        }
        let props: Record<string, unknown> = {};
        try {
            props = await snapshot();
        } catch {
            // the instance could not be read back; the id alone still keeps it tracked
        }
        const reason =
            e instanceof WaiterFailureError || e instanceof WaiterTimeoutError ? e.message : `${what} failed: ${errorMessage(e)}`;
        throw new ResourceInitError(`${reason} (instance ${id} is kept in the stack; run \`pulumi up\` again to retry or \`pulumi destroy\` to remove it)`, id, props, [reason]);
    }
}

export function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
        if (v !== undefined) {
            out[k] = v;
        }
    }
    return out;
}

/**
 * The user's inputs as state holds them: state outputs mix inputs and cloud outputs, so the keys
 * the user set are recorded as `inputKeys`; `status` comes from `desiredStatus` when asked (the
 * program's wish rather than the live view).
 */
export function userInputsOf(props: Record<string, unknown>, policy: PolicyTable, desired = false): Record<string, unknown> {
    const { user } = splitInternal(props);
    const keys = Array.isArray(user.inputKeys) ? (user.inputKeys as string[]) : Object.keys(policy).filter((k) => user[k] !== undefined);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
        if (user[k] !== undefined) {
            out[k] = user[k];
        }
    }
    if (desired && typeof user.desiredStatus === "string") {
        out.status = user.desiredStatus;
    }
    return out;
}

/** The CRUD surface both resource providers implement. */
export interface CrudProvider {
    check(olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult;
    diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): unknown;
    create(props: Record<string, unknown>): Promise<unknown>;
    read(id: string, props: Record<string, unknown>): Promise<unknown>;
    update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<unknown>;
    delete(id: string, props: Record<string, unknown>): Promise<void>;
}

/** The object a `__provider` shim loads: `configure` hands the stack config over, the rest delegate. */
export function providerModule(impl: CrudProvider, onConfigure: (get: ConfigGetter) => void) {
    return {
        async configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
            onConfigure(getterFromConfigureRequest(req.config));
        },
        check: impl.check.bind(impl),
        diff: impl.diff.bind(impl),
        create: impl.create.bind(impl),
        read: impl.read.bind(impl),
        update: impl.update.bind(impl),
        delete: impl.delete.bind(impl),
    };
}
