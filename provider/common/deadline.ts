/**
 * The deadline of the resource operation a call belongs to (`timeouts.create/update/delete`),
 * carried implicitly to the transport: a call that is safe to repeat then rides out throttling and
 * transient errors for as long as the operation may still take, instead of failing after a fixed
 * number of attempts while most of the deadline remains (a delete given up after eight 5xx in a
 * row left notebooks running). Outside an operation (lookups, tests) the attempt limit applies.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const storage = new AsyncLocalStorage<number>();

export function withDeadline<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
    return storage.run(deadline, fn);
}

/** Epoch ms the current operation must end by, if any. */
export function currentDeadline(): number | undefined {
    return storage.getStore();
}
