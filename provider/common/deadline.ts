/**
 * The context of the resource operation a call belongs to, carried implicitly to the transport and
 * the waits:
 * - its deadline (`timeouts.create/update/delete`): a call that is safe to repeat then rides out
 *   throttling and transient errors for as long as the operation may still take, instead of failing
 *   after a fixed number of attempts while most of the deadline remains (a delete given up after
 *   eight 5xx in a row left notebooks running). Outside an operation (lookups, tests) the attempt
 *   limit applies.
 * - its cancellation signal (the native plugin's Cancel, sent by the engine on the first Ctrl-C or
 *   SIGTERM): every wait of the operation ends at once, and a create the cloud already accepted
 *   still hands its id to the engine (keepIdOnFailure), which a race around the whole call could
 *   not do.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface OperationContext {
    deadline?: number;
    signal?: AbortSignal;
}

const storage = new AsyncLocalStorage<OperationContext>();

export function withDeadline<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
    return storage.run({ ...storage.getStore(), deadline }, fn);
}

/** Runs `fn` with `signal` as the cancellation of every wait inside it (deadlines set inside keep it). */
export function withCancellation<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    return storage.run({ ...storage.getStore(), signal }, fn);
}

/** Epoch ms the current operation must end by, if any. */
export function currentDeadline(): number | undefined {
    return storage.getStore()?.deadline;
}

/** The signal that cancels the current operation's waits, if any. */
export function currentCancellation(): AbortSignal | undefined {
    return storage.getStore()?.signal;
}
