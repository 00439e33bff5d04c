/**
 * Name checks of a fleet's creates, shared: how many resources of one `pulumi up` (all in one
 * provider process) look for same-named notebooks with a few listings instead of one call each.
 */
import { Rounds } from "./pollRounds";

export interface NameCheckOptions<T> {
    /** The items of a scope whose names match `name` by the list API's own filter (fuzzy, substring). */
    byName: (scope: string, name: string) => Promise<T[]>;
    /** Every item of a scope. */
    all: (scope: string) => Promise<T[]>;
    nameOf: (item: T) => string | undefined;
    /** Items per page of `all`, to space the rounds by what a walk cost (common/pollRounds.ts). */
    pageSize: number;
    windowMs: number;
    /** Fewest name checks one listing of the whole scope answers; below this, each lists by its name. */
    batchMin: number;
}

/**
 * A create waits for its name check, so the spacing of the walks (100 ms per page) stops at a
 * second: a workspace of 5,000 notebooks would otherwise hold each check 10 s.
 */
export const NAME_CHECK_MAX_GAP_MS = 1000;

/**
 * Name checks before creates (names may repeat, so a create first looks for its own earlier
 * attempt): a fleet's checks share rounds of one listing of the scope, as its status polls do
 * (common/pollRounds.ts): a check asked while a walk runs joins the next one, so the answer is
 * never older than the check, and 500 creates cost a few walks instead of one every window
 * (1,137 listing calls for 500 NotebookV2 creates with a walk per 25 ms window, issue 27). Each
 * answer keeps exact matches only; a failed walk fails its checks (a create must not go ahead
 * unchecked).
 */
export function nameChecks<T>(o: NameCheckOptions<T>): Rounds<string, T[]> {
    const exact = (items: T[], name: string) => items.filter((i) => o.nameOf(i) === name);
    return new Rounds<string, T[]>(
        async (scope, names) => {
            if (names.length < o.batchMin) return { answers: names.map((name) => o.byName(scope, name).then((items) => exact(items, name))) };
            const items = await o.all(scope);
            return { answers: names.map((name) => Promise.resolve(exact(items, name))), pages: Math.ceil(items.length / o.pageSize) };
        },
        { gatherMs: o.windowMs, maxGapMs: NAME_CHECK_MAX_GAP_MS },
    );
}
