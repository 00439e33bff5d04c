/**
 * Pieces every notebook resource provider shares: splitting the SDK's internal inputs
 * (`__nbName`, `__nbOwner`, `__provider`) from user inputs, the check contract, polling settings and
 * wrapping post-create failures so the engine keeps the instance id.
 */
import { z } from "zod";
import { InputValidationError, ResourceInitError, errorMessage } from "./errors";
import { redact, registerSecretValues } from "./redact";
import { CheckFailure, failuresOf, fieldNamesOf, issuePath, parseUserValues } from "./schema";
import { DiffPlan, PolicyTable } from "./diff";
import { ConfigGetter, SettingsError, firstDefined, getterFromConfigureRequest } from "./settings";
import { DEFAULT_POLL_BUDGET, WaiterFailureError, WaiterTimeoutError } from "./waiter";
import { historyFileFrom } from "./phaseHistory";
import { withDeadline } from "./deadline";
import { resolveTimeouts } from "./timeouts";
import { watchEngine } from "./engineWatch";
import { progressFor } from "./log";
import { continuedInThisProcess } from "./recover";

const timeoutsOf = (props: Record<string, unknown>) => resolveTimeouts(props.timeouts as Record<string, string> | undefined);

/** Keys the SDK adds for the provider: logical name (for progress lines) and stack identity. */
export interface InternalInputs {
    __nbName?: string;
    __nbOwner?: string;
    /** The resource's URN, so progress lines attach to it. */
    __nbUrn?: string;
}

export function splitInternal(props: object): { user: Record<string, unknown>; internal: Record<string, unknown> } {
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

/**
 * The internal input naming the top-level inputs the program made secret (`pulumi.secret`, or an
 * output of a secret): a dynamic provider receives every input unwrapped (the host does not accept
 * secrets), so the SDK says which they were (sdk/props.ts); the native plugin sets it from the
 * secret wrappers it receives.
 */
export const SECRET_KEYS = "__nbSecretKeys";

/**
 * Every value under an input the program made secret, registered so that no message of this
 * process shows it (./redact.ts): a create's "already exists" names the name it was given, and
 * the program may have given it as a secret.
 */
function registerProgramSecrets(props: Record<string, unknown>): void {
    for (const k of secretKeysOf(props, [])) registerSecretValues(props[k], "a secret input");
}

/** The inputs to treat as secret in messages: the declared ones and those the program made secret. */
function secretKeysOf(news: Record<string, unknown>, declared: readonly string[]): string[] {
    const marked = news[SECRET_KEYS];
    return [...declared, ...(Array.isArray(marked) ? marked.filter((k): k is string => typeof k === "string") : [])];
}

/**
 * Failures on secret inputs, reported against the resource instead of the property: Pulumi prints
 * a failing property's value (`property imageAuth value {…} has a problem`, diag 2003 in
 * pkg/diag/errors.go; a secret prints as `&{{<plain value>}}`) but not the resource's
 * (`resource 'x' has a problem`, diag 2002), so the reason names the field, and the value, its
 * map keys included, is taken out of the reason.
 */
export function hidingSecretValues(
    failures: CheckFailure[],
    secretInputs: readonly string[],
    inputs: Record<string, unknown> = {},
    fields: ReadonlySet<string> = new Set(),
): CheckFailure[] {
    return failures.map((f) => {
        const root = f.property.split(/[.[]/)[0];
        // "volume.capacity: must be 5-4096 GB", not "volume.capacity: volume.capacity must be 5-4096 GB".
        const named = (reason: string, path = f.property) => `${path}: ${reason.startsWith(`${f.property} `) ? reason.slice(f.property.length + 1) : reason}`;
        if (secretInputs.includes(root)) {
            // A map's keys are the program's too: only the schema's field names stay in the path.
            const path = f.property.replace(/(?<=^[^.[]+(?:\.[^.[]+|\[\d+\])*)\.([^.[]+)/g, (m, seg: string) => (fields.has(seg) ? m : ".*"));
            const reason = withoutValues(f.reason, inputs[root]).replace(/\bkey "[^"]*"/g, "a key");
            return { property: "", reason: `${named(reason, path)} (the value is secret and not shown)` };
        }
        // The engine looks a failing property up at the top level only, so a nested path (and a
        // missing field) prints `value {<nil>}`: name the path in the reason, show the value given.
        const v = valueAt(inputs, f.property);
        if (f.property !== root || v === undefined) {
            const shown = v === undefined || f.reason.includes("(got ") ? "" : ` (got ${JSON.stringify(v)})`;
            return { property: "", reason: `${named(f.reason)}${shown}` };
        }
        return f;
    });
}

/**
 * `reason` with every `(got …)` and every string or number found in `value` taken out. Keys stay:
 * they are field names or names chosen for a map (an environment variable's, a tag's), which the
 * message needs to say where the problem is. Values shorter than 3 characters stay too, since
 * taking them out would take letters out of the words around them.
 */
function withoutValues(reason: string, value: unknown): string {
    let out = reason.replace(/\s*\(got [^)]*\)/g, "");
    const parts: string[] = [];
    const collect = (v: unknown) => {
        if (typeof v === "string" || typeof v === "number") parts.push(String(v));
        else if (Array.isArray(v)) v.forEach(collect);
        else if (v !== null && typeof v === "object") Object.values(v as Record<string, unknown>).forEach(collect);
    };
    collect(value);
    // Longest first, so a value that contains another is taken out whole.
    for (const p of parts.filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) {
        out = out.split(p).join("***");
        out = out.split(JSON.stringify(p).slice(1, -1)).join("***");
    }
    return out;
}

/** The value at `a.b[0].c` in `v`, undefined when absent. */
function valueAt(v: unknown, path: string): unknown {
    let cur: unknown = v;
    for (const part of path.match(/[^.[\]]+/g) ?? []) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
}

/** zod validation plus extra rules; failures name the field, and no API is called. */
export function checkWith<S extends z.ZodTypeAny>(
    schema: S,
    news: Record<string, unknown>,
    extra: (parsed: z.infer<S>) => CheckFailure[],
    normalize: (parsed: z.infer<S>) => z.infer<S>,
    secretInputs: readonly string[] = [],
): CheckResult {
    const secrets = secretKeysOf(news, secretInputs);
    registerProgramSecrets(news);
    const r = checkUnmasked(schema, news, extra, normalize);
    return { ...r, failures: hidingSecretValues(r.failures, secrets, splitInternal(news).user, fieldNamesOf(schema)) };
}

function checkUnmasked<S extends z.ZodTypeAny>(
    schema: S,
    news: Record<string, unknown>,
    extra: (parsed: z.infer<S>) => CheckFailure[],
    normalize: (parsed: z.infer<S>) => z.infer<S>,
): CheckResult {
    const { user, internal } = splitInternal(news);
    const parsed = parseUserValues(schema, user);
    if (!parsed.success) {
        // At preview, inputs computed from other resources arrive as the unknown sentinel: their
        // rules are checked again at `up`, when the values are known.
        const unknowns = unknownPaths(user);
        const failures = failuresOf(parsed.error).filter(
            (f) => !unknowns.some((u) => f.property === u || f.property.startsWith(`${u}.`) || f.property.startsWith(`${u}[`)),
        );
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
    registerProgramSecrets(props);
    const parsed = parseUserValues(schema, splitInternal(props).user);
    if (!parsed.success) {
        throw new InputValidationError(failuresOf(parsed.error));
    }
    return parsed.data;
}

export interface PollSettings {
    minDelayMs: number;
    maxDelayMs: number;
    /** Polls per 60 s of a create's predicted wait (waiter.ts `pollBudget`). */
    budget?: number;
    /** Where earlier creates' phase lengths are kept (phaseHistory.ts); undefined: not kept. */
    historyFile?: string;
}

/**
 * Poll delays: `notebooks:pollMinDelayMs`/`pollMaxDelayMs` or NOTEBOOKS_POLL_MIN_MS/_MAX_MS; default 2 s / 15 s.
 * The poll budget (`notebooks:pollBudget`, NOTEBOOKS_POLL_BUDGET; default 12 per 60 s) and the phase
 * history file (`notebooks:phaseHistory`, NOTEBOOKS_PHASE_HISTORY; see ./phaseHistory.ts).
 */
export function pollSettings(get: ConfigGetter, env: NodeJS.ProcessEnv = process.env): PollSettings {
    // A value that is set but cannot work is an error naming where it came from, not a silent default.
    const setting = (key: string, envName: string) => {
        const fromConfig = get(key);
        const raw = firstDefined(fromConfig, env[envName]);
        return { raw, name: fromConfig !== undefined ? `notebooks:${key}` : envName };
    };
    const delay = (key: string, envName: string): number | undefined => {
        const { raw, name } = setting(key, envName);
        if (raw === undefined) return undefined;
        const n = Number(raw);
        if (!(Number.isFinite(n) && n >= 1)) throw new SettingsError(`${name} must be a number of milliseconds, at least 1; got ${JSON.stringify(raw)}`);
        return n;
    };
    const minSet = delay("pollMinDelayMs", "NOTEBOOKS_POLL_MIN_MS");
    const maxSet = delay("pollMaxDelayMs", "NOTEBOOKS_POLL_MAX_MS");
    // Both given the wrong way round is a mistake to name; a minimum alone above the default maximum raises it.
    if (minSet !== undefined && maxSet !== undefined && minSet > maxSet) {
        const [minName, maxName] = [setting("pollMinDelayMs", "NOTEBOOKS_POLL_MIN_MS").name, setting("pollMaxDelayMs", "NOTEBOOKS_POLL_MAX_MS").name];
        throw new SettingsError(`${minName} (${minSet}) must not exceed ${maxName} (${maxSet})`);
    }
    const minDelayMs = minSet ?? 2000;
    const maxDelayMs = Math.max(minDelayMs, maxSet ?? 15000);
    const { raw: budgetSetting, name: budgetName } = setting("pollBudget", "NOTEBOOKS_POLL_BUDGET");
    const budget = budgetSetting === undefined ? DEFAULT_POLL_BUDGET : Number(budgetSetting);
    if (!(Number.isFinite(budget) && budget >= 2)) {
        throw new SettingsError(`${budgetName} must be a number of polls per 60 s of a create, at least 2; got ${JSON.stringify(budgetSetting)}`);
    }
    const historyFile = historyFileFrom(firstDefined(get("phaseHistory"), env.NOTEBOOKS_PHASE_HISTORY));
    return { minDelayMs, maxDelayMs, budget, historyFile };
}

/**
 * After the cloud accepted a create, any failure must still hand the id to the engine, or Pulumi
 * forgets an instance that exists (and bills). The engine records `properties` as the resource's
 * outputs exactly as given: the dynamic-provider host adds `__provider` to successful results only
 * (pulumi/pulumi sdk/nodejs/cmd/dynamic-provider/index.ts, `grpcResponseFromError` vs
 * `resultIncludingProvider`), and `Struct.fromJavaScript` throws on an `undefined` value, which
 * left the whole `pulumi up` hanging. So the properties always carry the inputs' `__provider`
 * (a later refresh, update or destroy needs it), hold no `undefined`, and fall back to the inputs
 * themselves when the instance cannot be read back.
 */
export async function keepIdOnFailure<T>(
    id: string,
    what: string,
    inputs: Record<string, unknown>,
    snapshot: () => Promise<Record<string, unknown>>,
    work: () => Promise<T>,
    handOver?: HandOver,
    // Recorded in the fallback state but not among its inputs: a default the provider resolved
    // (the ModelArts project id from config). Recorded as an input, it read as a program change
    // (`projectId` set → unset) and planned a replacement of the kept notebook (an independent tester).
    stateOnly: Record<string, unknown> = {},
): Promise<T> {
    try {
        return await work();
    } catch (e) {
        if (e instanceof ResourceInitError) {
            throw e;
        }
        let props: Record<string, unknown> | undefined;
        try {
            props = await snapshot();
        } catch {
            // Not readable now: the inputs as state (below), so refresh/destroy can act on the id.
        }
        // The id goes into the stack's state now: clear the creating mark, so that no later create
        // (a replacement of this failed notebook, say) takes it for an interrupted one; last, so
        // that no call lies between the clearing and the engine's record (docs/recovery.md). If
        // that fails too, the next update clears it.
        const cleared = await handOver?.clear().then(
            () => true,
            () => false,
        );
        if (props !== undefined && cleared === true) props = handOver?.cleared(props) ?? props;
        props ??= {
            ...stateOnly,
            ...inputs,
            [INPUT_KEYS]: Object.keys(splitInternal(inputs).user).filter((k) => inputs[k] !== undefined),
        };
        const reason = e instanceof WaiterFailureError || e instanceof WaiterTimeoutError ? e.message : `${what} failed: ${errorMessage(e)}`;
        const recorded = withoutUndefined({ ...props, __provider: inputs.__provider ?? props.__provider }) as Record<string, unknown>;
        // The engine prints the reasons, not the message: the way out goes into the reason too. A
        // create's notebook would otherwise be unknown to the stack; an update's always is known, and
        // repeating the same update may fail the same way (a change the cloud refuses), so it says what was kept.
        const message =
            what === "create"
                ? `${reason} (instance ${id} is kept in the stack; run \`pulumi up --refresh\` to retry or \`pulumi destroy\` to remove it)`
                : `${reason} (the ${what} stopped part-way: the stack records instance ${id} as the cloud reports it now; change the program or fix the cause, then run \`pulumi up\`)`;
        throw new ResourceInitError(message, id, recorded, [message]);
    }
}

/**
 * True (and says so) when the engine asks to delete a notebook this process's create continued
 * with: the replacement is that same notebook, and deleting the "original" would delete it
 * (recover.ts `continuedInThisProcess`). Both engine boundaries (dynamic and native) ask this.
 */
export function keptFromReplacementDelete(id: string, props: Record<string, unknown>): boolean {
    if (!continuedInThisProcess(id)) return false;
    progressFor(String(props.__nbName ?? id), props.__nbUrn).warn(
        `not deleting ${id}: this run's create continued with that same notebook (its earlier create had not finished handing it over), ` +
            "so it is the replacement; it stays in the stack",
    );
    return true;
}

/**
 * How a create hands its id over to the engine: the creating mark that lets an interrupted create
 * find its notebook again is cleared by the last API call before the engine records the id, so a
 * kill can fall between the two only for the length of that one call's answer (docs/recovery.md).
 */
export interface HandOver {
    /** Clears the creating mark at the cloud. */
    clear(): Promise<unknown>;
    /** The state read before the clearing, as it reads once the mark is gone. */
    cleared(state: Record<string, unknown>): Record<string, unknown>;
}

/** A copy without `undefined` anywhere (object keys dropped, array items nulled): what the engine can carry. */
export function withoutUndefined(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : withoutUndefined(x)));
    if (v !== null && typeof v === "object") {
        return Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
                .filter(([, x]) => x !== undefined)
                .map(([k, x]) => [k, withoutUndefined(x)]),
        );
    }
    return v;
}

export function stripUndefined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
    const out: { [K in keyof T]?: Exclude<T[K], undefined> } = {};
    for (const k of Object.keys(o) as (keyof T)[]) {
        const v = o[k];
        if (v !== undefined) {
            out[k] = v as Exclude<T[typeof k], undefined>; // narrowed above; TypeScript does not narrow a generic index
        }
    }
    return out;
}

/**
 * Bookkeeping in state: which keys of the state are the user's inputs (state mixes inputs and
 * cloud outputs), and the program's wished run state (`status` is the live one after a read).
 * Named with `__`, which Pulumi's display leaves out of every diff (`IsInternalPropertyKey`,
 * sdk/go/common/resource/properties.go), so a refresh never lists them as changes. States written
 * before 0.4.0 hold them as `inputKeys` / `desiredStatus`: still read.
 */
export const INPUT_KEYS = "__nbInputKeys";
export const DESIRED_STATUS = "__nbDesiredStatus";
const BOOKKEEPING_KEYS: readonly string[] = [INPUT_KEYS, DESIRED_STATUS];

export interface Bookkeeping {
    [INPUT_KEYS]: string[];
    [DESIRED_STATUS]: string;
}

/** The bookkeeping of a state whose user inputs are `inputs`. */
export function bookkeeping(inputs: object, defaultStatus: string): Bookkeeping {
    const i = inputs as Record<string, unknown>;
    return {
        [DESIRED_STATUS]: typeof i.status === "string" ? i.status : defaultStatus,
        [INPUT_KEYS]: Object.keys(i).filter((k) => i[k] !== undefined),
    };
}

/**
 * The user's inputs as state holds them (the keys in its bookkeeping); `status` comes from the
 * desired status when asked (the program's wish rather than the live view).
 */
export function userInputsOf(props: object, policy: PolicyTable, desired = false): Record<string, unknown> {
    const { user, internal } = splitInternal(props);
    const recorded = internal[INPUT_KEYS] ?? user.inputKeys;
    const keys = Array.isArray(recorded) ? (recorded as string[]) : Object.keys(policy).filter((k) => user[k] !== undefined);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
        if (user[k] !== undefined) {
            out[k] = user[k];
        }
    }
    const wish = internal[DESIRED_STATUS] ?? user.desiredStatus;
    if (desired && typeof wish === "string") {
        out.status = wish;
    }
    return out;
}

/** The inputs a `read` reports: the cloud's view of each user input (drift shows against them). */
export function readInputs(props: Record<string, unknown>, userInputs: Record<string, unknown>): Record<string, unknown> {
    const internal = Object.fromEntries(Object.entries(splitInternal(props).internal).filter(([k]) => !BOOKKEEPING_KEYS.includes(k)));
    return { ...internal, ...userInputs };
}

/**
 * `failedPolicy: "error"` on an instance a refresh found failed: the preview stops and asks for a
 * person. Checked in `check`, which the engine calls with the program's inputs only, so the
 * program's current policy decides; `diff` also runs on a refresh's read inputs (which carry the
 * stored policy), and a stack once set to "error" could otherwise never be switched back.
 */
export function failedPolicyRule(what: string, previousStatus: unknown, failedStatuses: readonly string[], policy: string | undefined): CheckFailure[] {
    if (policy !== "error" || typeof previousStatus !== "string" || !failedStatuses.includes(previousStatus)) {
        return [];
    }
    return [
        {
            property: "",
            reason: `the ${what} is ${previousStatus} and failedPolicy is "error": repair or delete it, or set failedPolicy to "restart" or "replace"`,
        },
    ];
}

/**
 * The CRUD surface both resource providers implement: `I` the program's (checked) inputs, `S` the
 * resource's typed state. `check` and `diff`'s new inputs arrive unvalidated from the engine.
 */
export interface CrudProvider<I extends object, S extends object> {
    check(olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult;
    diff(id: string, olds: S, news: Record<string, unknown>): DiffPlan;
    create(props: I): Promise<{ id: string; outs: S }>;
    read(id: string, props: S): Promise<{ id: string; props: S; inputs?: I }>;
    update(id: string, olds: S, news: I): Promise<{ outs: S }>;
    delete(id: string, props: S): Promise<void>;
}

/**
 * The object a `__provider` shim loads: `configure` hands the stack config over, the rest delegate.
 * The engine's side is untyped: `impl` is the controller behind its state parser
 * (state.ts `atEngineBoundary`), which turns the objects the engine sends into typed state; and
 * everything handed back crosses here, cleaned of `undefined` at every depth, since the host turns
 * it into a protobuf Struct (`Struct.fromJavaScript` refuses `undefined` as "Unexpected struct
 * type", and a create whose outputs it refused is lost from the stack).
 */
export function providerModule(impl: CrudProvider<object, object>, onConfigure: (get: ConfigGetter) => void) {
    dropHostEchoes();
    watchEngine();
    return {
        async configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
            onConfigure(getterFromConfigureRequest(req.config));
        },
        check: (olds: Record<string, unknown>, news: Record<string, unknown>) => reportedNow(() => forEngine(impl.check(olds, news))),
        // Each write operation runs under its own deadline, so the transport may retry safe calls
        // until then (deadline.ts); reads keep the attempt limit.
        create: async (props: Record<string, unknown>) =>
            forEngine(await withDeadline(Date.now() + timeoutsOf(props).create, () => impl.create(props)).catch((e: unknown) => Promise.reject(redacted(e)))),
        read: (id: string, props: Record<string, unknown>) => reported(async () => forEngine(await impl.read(id, props))),
        update: async (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
            forEngine(
                await withDeadline(Date.now() + timeoutsOf(news).update, () => impl.update(id, olds, news)).catch((e: unknown) => Promise.reject(redacted(e))),
            ),
        delete: (id: string, props: Record<string, unknown>) =>
            reported(() =>
                keptFromReplacementDelete(id, props) ? undefined : withDeadline(Date.now() + timeoutsOf(props).delete, () => impl.delete(id, props)),
            ),
        diff: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) => reportedNow(() => forEngine(impl.diff(id, olds, news))),
    };
}

/**
 * The dynamic-provider host prints every error of check, diff, read and delete to stderr as
 * `${e}: ${e.stack}` before returning it to the engine (sdk/nodejs/cmd/dynamic-provider/index.ts,
 * 3.248), which prints the message again: the user saw the message twice and nine frames of our
 * compiled code (found by an independent tester). Errors leaving those calls carry a stack that
 * marks them, and the host's echo of a marked error is dropped; the engine's line, which names the
 * operation, the cloud's code and message and the request id, is what remains.
 */
const REPORTED_BY_ENGINE = "(reported by the engine)";

async function reported<T>(work: () => Promise<T> | T): Promise<T> {
    try {
        return await work();
    } catch (e) {
        throw marked(e);
    }
}

function marked(e: unknown): unknown {
    if (e instanceof Error) Object.defineProperty(e, "stack", { value: REPORTED_BY_ENGINE, configurable: true, writable: true });
    return redacted(e);
}

/** An error as it may leave the provider: no secret value this process knows in its message (./redact.ts). */
function redacted(e: unknown): unknown {
    if (e instanceof Error) e.message = redact(e.message);
    return e;
}

/** {@link reported} for the synchronous calls (check, diff). */
function reportedNow<T>(work: () => T): T {
    try {
        return work();
    } catch (e) {
        throw marked(e);
    }
}

let echoesDropped = false;

function dropHostEchoes(): void {
    if (echoesDropped) return;
    echoesDropped = true;
    const print = console.error.bind(console);
    console.error = (...args: unknown[]) => {
        if (args.length === 1 && typeof args[0] === "string" && args[0].endsWith(`: ${REPORTED_BY_ENGINE}`)) return;
        print(...args);
    };
}

/** A result as the engine can carry it (see providerModule). */
export function forEngine<T>(v: T): T {
    return withoutUndefined(v) as T;
}
