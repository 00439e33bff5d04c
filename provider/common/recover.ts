/**
 * Creating where the API has no idempotency token (both clouds): before each attempt, look for an
 * instance this stack already made (a crash or a lost answer); after a failure that may have
 * reached the cloud (5xx, dropped connection), look again rather than give up. The transport does
 * not retry these POSTs itself, since only this lookup can tell whether a retry would duplicate.
 * Attempts are spaced with full-jitter backoff, so a burst of server errors is ridden out, not
 * hammered.
 */
import { fullJitter } from "./backoff";
import { currentDeadline } from "./deadline";
import { errorMessage, mayHaveTakenEffect } from "./errors";
import { ProgressLog } from "./log";

export const CREATE_ATTEMPTS = 8;
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5000;

export interface RecoverableCreate {
    /** "CreateInstance", for messages. */
    operation: string;
    /** Our own earlier instance's id, undefined when there is none; throws on a name clash. */
    findOwn: () => Promise<string | undefined>;
    create: () => Promise<string>;
    log: ProgressLog;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
}

export async function createOrRecover(c: RecoverableCreate): Promise<string> {
    const sleep = c.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const random = c.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
        const own = await c.findOwn();
        if (own !== undefined) {
            return own;
        }
        try {
            return await c.create();
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
