/**
 * Creating where the API has no idempotency token (both clouds). Before each attempt, look at the
 * notebooks that already bear our name; after a failure that may have reached the cloud (5xx,
 * dropped connection), look again rather than give up. The transport does not retry these POSTs
 * itself, since only this lookup can tell whether a retry would duplicate. Attempts are spaced with
 * full-jitter backoff, so a burst of server errors is ridden out, not hammered.
 *
 * Which notebook a create may continue with (docs/recovery.md):
 * - one marked **pending** by this resource: its create wrote the mark and was interrupted before
 *   it handed the id to the engine (a crash, a killed pipeline). The mark is cleared when the id is
 *   handed over (`claim`), so the notebook a replacement replaces, which is in the stack's state,
 *   is never taken for it, whatever asked for the replacement (a diff, `--replace`,
 *   `replaceOnChanges`). It is continued only when it fits the program (nothing differs that would
 *   need a replacement), and then brought to the program's values by the caller; one that does not
 *   fit (the program changed its name or image since the crash) is deleted before the create, since
 *   it is this resource's and no stack's state will ever name it;
 * - after a lost answer within this same create: an unmarked notebook with our name and request
 *   that was not there before this create's first attempt;
 * - nothing else: a notebook that merely resembles ours (a colleague's, made by hand) is never taken.
 */
import { fullJitter } from "./backoff";
import { currentDeadline } from "./deadline";
import { errorMessage, mayHaveTakenEffect } from "./errors";
import { ProgressLog } from "./log";

export const CREATE_ATTEMPTS = 8;
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5000;

/**
 * What a same-named notebook's marks say: `pending` (this resource's create, not handed over),
 * `claimed` (this resource's, handed over: it is in the stack's state), `foreign` (another
 * stack's or resource's), `none` (no mark: made by someone else, or an API that keeps none).
 */
export type Mark = "pending" | "claimed" | "foreign" | "none";

export interface Candidate {
    id: string;
    mark: Mark;
    /** The cloud's view of it matches the request this create sends. */
    sameRequest: boolean;
    /**
     * For a pending one: nothing differs from the program that would need a replacement, so the
     * create may continue with it and update the rest in place (undefined: it fits).
     */
    fits?: boolean;
    /** Its name, for messages. */
    name?: string;
}

/** What a create ends with: the notebook's id, and whether it continued an interrupted create's (to be brought to the program's values). */
export interface Created {
    id: string;
    continued: boolean;
}

export interface RecoverableCreate {
    /** "CreateInstance", for messages. */
    operation: string;
    /** The notebooks with exactly our name where we create (DELETING ones left out). */
    candidates: () => Promise<Candidate[]>;
    /**
     * This resource's notebooks left by interrupted creates, under any name (the pending mark names
     * the resource, not the notebook): looked at once, before the first attempt.
     */
    leftovers?: () => Promise<Candidate[]>;
    /** Deletes a leftover of this resource that does not fit the program, and waits until it is gone. */
    discard?: (id: string) => Promise<void>;
    /**
     * Names are unique at this API: a same-named notebook that is not ours to continue with makes
     * the create fail, so fail first with a message that says what to do.
     */
    clash?: (c: Candidate) => Error;
    create: () => Promise<string>;
    log: ProgressLog;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
}

/**
 * The notebooks this process's creates continued with. A create continues with a notebook still
 * marked as being created, and a notebook whose create failed after the cloud accepted it, kept in
 * the stack while the clearing of its mark failed too (an auth error mid-wait), is one: a
 * replacement of that resource (`pulumi up --replace`, for which the engine asks the provider for
 * no diff: `stepGenerator.diff`, pkg/resource/deploy/step_generator.go, 3.248) continued with it,
 * and the engine then deleted the "original", the same notebook (found by an independent tester).
 * The engine's delete of an id this process continued with is that case: the boundary keeps it
 * (`keptFromReplacementDelete`).
 */
const continuedHere = new Set<string>();

/** Whether this process's create continued with notebook `id`: the engine's delete of it is a replacement's of itself. */
export function continuedInThisProcess(id: string): boolean {
    return continuedHere.has(id);
}

export async function createOrRecover(c: RecoverableCreate): Promise<Created> {
    const created = await createOrContinue(c);
    if (created.continued) continuedHere.add(created.id);
    return created;
}

async function createOrContinue(c: RecoverableCreate): Promise<Created> {
    const sleep = c.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const random = c.random ?? Math.random;
    const leftovers = (await c.leftovers?.()) ?? [];
    let before: Set<string> | undefined;
    for (let attempt = 1; ; attempt++) {
        const named = await c.candidates();
        const found = before === undefined ? [...named, ...leftovers.filter((l) => !named.some((n) => n.id === l.id))] : named;
        const own = await ownAmong(found, before, c);
        if (own !== undefined) return own;
        before ??= new Set(found.map((x) => x.id));
        const taken = c.clash && found.find((x) => x.mark !== "pending");
        if (taken && c.clash) throw c.clash(taken);
        try {
            return { id: await c.create(), continued: false };
        } catch (e) {
            // Past CREATE_ATTEMPTS, go on while the operation's deadline allows (deadline.ts).
            const deadline = currentDeadline();
            if (!mayHaveTakenEffect(e) || (attempt >= CREATE_ATTEMPTS && (deadline === undefined || Date.now() + MAX_DELAY_MS >= deadline))) {
                throw e;
            }
            c.log.warn(`${c.operation} answer lost (${errorMessage(e)}); checking whether it took effect`);
            await sleep(Math.round(fullJitter(attempt, BASE_DELAY_MS, MAX_DELAY_MS, random)));
        }
    }
}

async function ownAmong(found: Candidate[], before: Set<string> | undefined, c: RecoverableCreate): Promise<Created | undefined> {
    const pending = found.filter((x) => x.mark === "pending");
    // After this create's first attempt, a pending one may be its own (a lost answer): continued whatever it reads as.
    const keep = pending.find((x) => x.fits !== false) ?? (before !== undefined ? pending[0] : undefined);
    // Only before this create's first attempt: from then on a pending notebook may be its own.
    const unfit = before === undefined ? pending.filter((x) => x !== keep) : [];
    const label = (x: Candidate) => (x.name === undefined ? x.id : `${x.id} (${x.name})`);
    if (unfit.length > 0 && c.discard) {
        for (const x of unfit) {
            c.log.warn(
                `deleting ${label(x)}, created by an interrupted attempt of this resource that never reached the stack: ` +
                    (x.fits === false ? "the program has changed what it would have to be replaced for" : "another one is continued"),
            );
            await c.discard(x.id);
        }
    }
    if (keep) {
        const left = c.discard ? [] : unfit;
        c.log.warn(
            `found ${label(keep)}, created by an interrupted attempt of this resource that never reached the stack; continuing with it` +
                (left.length > 0 ? ` (also marked as this resource's and not in the stack: ${left.map(label).join(", ")}; delete them)` : ""),
        );
        return { id: keep.id, continued: true };
    }
    if (before === undefined) return undefined;
    const newcomers = found.filter((x) => !before.has(x.id) && x.mark === "none" && x.sameRequest);
    if (newcomers.length === 1) {
        c.log.warn(`${c.operation} took effect although its answer was lost: continuing with ${newcomers[0].id}`);
        return { id: newcomers[0].id, continued: false };
    }
    if (newcomers.length > 1) {
        throw new Error(
            `${c.operation} answer lost, and ${newcomers.length} notebooks with this name and request appeared since this create began ` +
                `(${newcomers.map((x) => x.id).join(", ")}): one is this create's, the others someone else's, and nothing tells them apart. ` +
                "None was taken over; set adopt: { instanceId } to the one to manage, or delete the one that is not wanted",
        );
    }
    return undefined;
}
