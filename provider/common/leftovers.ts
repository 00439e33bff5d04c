/**
 * Notebooks that interrupted creates left behind (docs/recovery.md): they bear a resource's
 * creating mark and no stack's state names them. A create of that resource continues with its own
 * (common/recover.ts); what a delete does with them is here. Deleting resource R deletes R's own
 * leftovers too (R is going, so nothing will continue with them: a crash during R's replacement
 * followed by `pulumi destroy`, say). Another resource's leftover is not this delete's to remove
 * (that resource's next create may continue with it), so it is named once per process, with the
 * way out: without that, `pulumi destroy` after a crash ends with "deleted" while a notebook bills on.
 */
import { ProgressLog } from "./log";

export interface Leftover {
    id: string;
    name?: string;
    /** The resource whose creating mark it bears (undefined: a mark that names none, made before marks named resources). */
    resource?: string;
}

export interface LeftoverSweep {
    /** The stack's leftovers, as listed before this process's own creates began. */
    leftovers: readonly Leftover[];
    /** The resource being deleted (its logical name, as its marks write it). */
    resource: string;
    /** Whether the notebook still bears that resource's creating mark (it may have been continued since the listing). */
    stillLeftOf: (id: string) => Promise<boolean>;
    /** Deletes the notebook and waits until it is gone. */
    remove: (id: string) => Promise<void>;
    log: ProgressLog;
}

/** Leftovers already named by this process: one warning each. */
const named = new Set<string>();

export async function sweepLeftovers(s: LeftoverSweep): Promise<void> {
    const label = (l: Leftover) => (l.name === undefined ? l.id : `${l.id} (${l.name})`);
    for (const l of s.leftovers) {
        if (l.resource === s.resource) {
            if (!(await s.stillLeftOf(l.id))) continue;
            s.log.warn(`deleting ${label(l)} too: an interrupted create of this resource made it, and no stack's state names it`);
            await s.remove(l.id);
        } else if (!named.has(l.id)) {
            named.add(l.id);
            s.log.warn(
                `${label(l)} was made by an interrupted create${l.resource === undefined ? "" : ` of resource ${l.resource}`} of this stack and is not in its state: ` +
                    "if that resource is still in the program, `pulumi up` continues with it; otherwise delete it in the console (pulumi destroy does not see it)",
            );
        }
    }
}
