/**
 * Status polls of many waits in one provider process (a fleet created by one `pulumi up`),
 * answered by rounds of one shared listing instead of a GET each (issue 27). A fleet's waits poll
 * on their own schedules, so at 500 notebooks the polls arrive a few every 10 ms rather than
 * together; a fixed gathering window then catches too few of them to be worth a listing. Rounds
 * instead follow the listing:
 *
 * - A poll joins its scope's next round. The round starts `gatherMs` after its first poll, but not
 *   while the scope's previous round is still walking, nor sooner than `pageGapMs` for each page
 *   that round walked after it ended: one listing at a time per scope, and its pages spaced out
 *   whatever the fleet's size (10 pages of 50 for 500 NotebookV2 notebooks: at most 10 calls a
 *   second, a fifth of a 50-a-second limit, however many notebooks wait).
 * - A round takes only the polls asked before it starts, so no answer is older than its poll, as
 *   with a GET.
 * - A round of fewer polls than `batchMin`, or than the pages the scope's last listing had, reads
 *   each with the GET: the listing must cost fewer calls than it saves. A poll the listing misses
 *   (not in it, or the listing failed) is read with the GET, which decides what "gone" is.
 *
 * Each cloud supplies its walk (list operation, filters, page size) and its GET: DSW
 * (`dsw/readCache.ts`) and NotebookV2 (`modelartsV2/readCache.ts`).
 */

export interface PollRoundsOptions<T> {
    /** Every item of one scope's listing, by id. */
    walk: (scope: string) => Promise<Map<string, T>>;
    /** The cloud's GET of one item. */
    get: (id: string) => Promise<T>;
    /** Items per listing page, to know how many calls a walk cost. */
    pageSize: number;
    gatherMs?: number;
    batchMin?: number;
    pageGapMs?: number;
    now?: () => number;
}

interface Waiting<Q, R> {
    asked: Q;
    resolve: (v: R) => void;
    reject: (e: unknown) => void;
}

interface ScopeRounds<Q, R> {
    pending: Array<Waiting<Q, R>>;
    /** A round is due (its timer is armed) or walking. */
    busy: boolean;
    /** Not before this may the next round walk. */
    readyAt: number;
    /** Pages of the scope's last listing (1 before the first). */
    pages: number;
}

export const POLL_GATHER_MS = 25;
export const POLL_BATCH_MIN = 3;
export const POLL_PAGE_GAP_MS = 100;

/**
 * What one round does with the requests asked before it started: an answer for each (which may
 * settle after the round, e.g. a fallback GET), once its listing, if it walked one, is done; and
 * the pages that listing had, which space the scope's next round.
 */
export type RoundRunner<Q, R> = (scope: string, asked: Q[], lastPages: number) => Promise<{ answers: Array<Promise<R>>; pages?: number }>;

/** The scheduling of rounds (above), whatever a round reads: status polls, name checks. */
export class Rounds<Q, R> {
    private readonly scopes = new Map<string, ScopeRounds<Q, R>>();

    private readonly gatherMs: number;
    private readonly pageGapMs: number;
    private readonly now: () => number;
    /** The longest gap between rounds, whatever the listing's size. */
    private readonly maxGapMs: number;

    constructor(
        private readonly run: RoundRunner<Q, R>,
        o: { gatherMs?: number; pageGapMs?: number; now?: () => number; maxGapMs?: number } = {},
    ) {
        this.gatherMs = o.gatherMs ?? POLL_GATHER_MS;
        this.pageGapMs = o.pageGapMs ?? POLL_PAGE_GAP_MS;
        this.now = o.now ?? Date.now;
        this.maxGapMs = o.maxGapMs ?? Number.POSITIVE_INFINITY;
    }

    ask(scope: string, asked: Q): Promise<R> {
        return new Promise<R>((resolve, reject) => {
            let s = this.scopes.get(scope);
            if (!s) {
                s = { pending: [], busy: false, readyAt: 0, pages: 1 };
                this.scopes.set(scope, s);
            }
            s.pending.push({ asked, resolve, reject });
            if (!s.busy) this.arm(scope, s);
        });
    }

    private arm(scope: string, s: ScopeRounds<Q, R>): void {
        s.busy = true;
        setTimeout(() => void this.round(scope, s), Math.max(this.gatherMs, s.readyAt - this.now()));
    }

    private async round(scope: string, s: ScopeRounds<Q, R>): Promise<void> {
        const batch = s.pending;
        s.pending = [];
        try {
            const { answers, pages } = await this.run(
                scope,
                batch.map((w) => w.asked),
                s.pages,
            );
            if (pages !== undefined) {
                s.pages = Math.max(1, pages);
                s.readyAt = this.now() + Math.min(s.pages * this.pageGapMs, this.maxGapMs);
            }
            batch.forEach((w, i) => answers[i].then(w.resolve, w.reject));
        } catch (e) {
            batch.forEach((w) => w.reject(e));
        }
        s.busy = false;
        // The scope is kept (its pages and gap) for the next request: a process sees few scopes.
        if (s.pending.length > 0) this.arm(scope, s);
    }
}

/** Status polls answered by rounds of a scope's listing, each falling back to its GET. */
export class PollRounds<T> {
    private readonly rounds: Rounds<string, T>;

    constructor(o: PollRoundsOptions<T>) {
        const batchMin = o.batchMin ?? POLL_BATCH_MIN;
        this.rounds = new Rounds<string, T>(
            async (scope, ids, lastPages) => {
                if (ids.length < Math.max(batchMin, lastPages)) return { answers: ids.map((id) => o.get(id)) };
                // The listing is an optimisation: if it fails, each poll falls back to its own read.
                const listed = await o.walk(scope).catch(() => undefined);
                return {
                    answers: ids.map((id) => {
                        const hit = listed?.get(id);
                        return hit !== undefined ? Promise.resolve(hit) : o.get(id);
                    }),
                    pages: listed ? Math.ceil(listed.size / o.pageSize) : undefined,
                };
            },
            { gatherMs: o.gatherMs, pageGapMs: o.pageGapMs, now: o.now },
        );
    }

    /** The item as it is now: from the next round's listing, else its GET (whose error it throws). */
    ask(scope: string, id: string): Promise<T> {
        return this.rounds.ask(scope, id);
    }
}
