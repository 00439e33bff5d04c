/**
 * Coalescing: requests made under one key within `windowMs` of the first are handed to `run`
 * together, which answers each with its own promise. It is how many resources of one `pulumi up`
 * (all in one provider process) share a listing instead of making one call each.
 */
export type BatchRunner<T, R> = (key: string, items: T[]) => Array<Promise<R>>;

interface Waiting<T, R> {
    item: T;
    resolve: (r: R) => void;
    reject: (e: unknown) => void;
}

export class Gatherer<T, R> {
    private readonly open = new Map<string, Array<Waiting<T, R>>>();

    constructor(
        private readonly windowMs: number,
        private readonly run: BatchRunner<T, R>,
    ) {}

    ask(key: string, item: T): Promise<R> {
        return new Promise<R>((resolve, reject) => {
            let batch = this.open.get(key);
            if (!batch) {
                const created: Array<Waiting<T, R>> = [];
                batch = created;
                this.open.set(key, created);
                setTimeout(() => this.flush(key, created), this.windowMs);
            }
            batch.push({ item, resolve, reject });
        });
    }

    private flush(key: string, batch: Array<Waiting<T, R>>): void {
        this.open.delete(key);
        let answers: Array<Promise<R>>;
        try {
            answers = this.run(
                key,
                batch.map((w) => w.item),
            );
        } catch (e) {
            batch.forEach((w) => w.reject(e));
            return;
        }
        batch.forEach((w, i) => answers[i].then(w.resolve, w.reject));
    }
}

export interface NameCheckOptions<T> {
    /** The items of a scope whose names match `name` by the list API's own filter (fuzzy, substring). */
    byName: (scope: string, name: string) => Promise<T[]>;
    /** Every item of a scope. */
    all: (scope: string) => Promise<T[]>;
    nameOf: (item: T) => string | undefined;
    windowMs: number;
    /** Fewest name checks one listing of the whole scope answers; below this, each lists by its name. */
    batchMin: number;
}

/**
 * Name checks before creates (names may repeat, so a create first looks for its own earlier
 * attempt): a fleet's checks asked within `windowMs` share one listing of the scope; each answer
 * keeps exact matches only.
 */
export function nameChecks<T>(o: NameCheckOptions<T>): Gatherer<string, T[]> {
    return new Gatherer<string, T[]>(o.windowMs, (scope, names) => {
        const exact = (items: T[], name: string) => items.filter((i) => o.nameOf(i) === name);
        if (names.length < o.batchMin) return names.map((name) => o.byName(scope, name).then((items) => exact(items, name)));
        const listing = o.all(scope);
        return names.map((name) => listing.then((items) => exact(items, name)));
    });
}
