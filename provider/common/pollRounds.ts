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

interface Waiting<T> {
    id: string;
    resolve: (v: T) => void;
    reject: (e: unknown) => void;
}

interface ScopeRounds<T> {
    pending: Array<Waiting<T>>;
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

export class PollRounds<T> {
    private readonly scopes = new Map<string, ScopeRounds<T>>();
    private readonly gatherMs: number;
    private readonly batchMin: number;
    private readonly pageGapMs: number;
    private readonly now: () => number;

    constructor(private readonly o: PollRoundsOptions<T>) {
        this.gatherMs = o.gatherMs ?? POLL_GATHER_MS;
        this.batchMin = o.batchMin ?? POLL_BATCH_MIN;
        this.pageGapMs = o.pageGapMs ?? POLL_PAGE_GAP_MS;
        this.now = o.now ?? Date.now;
    }

    /** The item as it is now: from the next round's listing, else its GET (whose error it throws). */
    ask(scope: string, id: string): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            let s = this.scopes.get(scope);
            if (!s) {
                s = { pending: [], busy: false, readyAt: 0, pages: 1 };
                this.scopes.set(scope, s);
            }
            s.pending.push({ id, resolve, reject });
            if (!s.busy) this.arm(scope, s);
        });
    }

    private arm(scope: string, s: ScopeRounds<T>): void {
        s.busy = true;
        setTimeout(() => void this.round(scope, s), Math.max(this.gatherMs, s.readyAt - this.now()));
    }

    private async round(scope: string, s: ScopeRounds<T>): Promise<void> {
        const batch = s.pending;
        s.pending = [];
        const one = (w: Waiting<T>) => this.o.get(w.id).then(w.resolve, w.reject);
        if (batch.length < Math.max(this.batchMin, s.pages)) {
            batch.forEach(one);
        } else {
            // The listing is an optimisation: if it fails, each poll falls back to its own read.
            const listed = await this.o.walk(scope).catch(() => undefined);
            if (listed) {
                s.pages = Math.max(1, Math.ceil(listed.size / this.o.pageSize));
                s.readyAt = this.now() + s.pages * this.pageGapMs;
            }
            for (const w of batch) {
                const hit = listed?.get(w.id);
                if (hit !== undefined) w.resolve(hit);
                else void one(w);
            }
        }
        s.busy = false;
        // The scope is kept (its pages and gap) for the next poll: a process sees few scopes.
        if (s.pending.length > 0) this.arm(scope, s);
    }
}
