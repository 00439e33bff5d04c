import { strict as assert } from "node:assert";
import { ListingSnapshots, SnapshotsPerClient, walkOffsetPages } from "../../provider/common/listingSnapshot";

interface Item {
    id: string;
    v: number;
}

/** A listing of `items` whose walks are counted; `gate` holds a walk open until released. */
function listing(items: Item[]) {
    const calls: string[] = [];
    let release: (() => void) | undefined;
    let fail = false;
    const walk = async (scope: string) => {
        calls.push(scope);
        if (fail) throw new Error("ListNotebooks: throttled");
        if (release === undefined) {
            await new Promise<void>((r) => {
                release = r;
            });
        }
        return new Map(items.map((i) => [i.id, { ...i }]));
    };
    return {
        calls,
        walk,
        open: () => {
            release = () => undefined;
        },
        releaseNow: () => release?.(),
        failNext: (v: boolean) => {
            fail = v;
        },
    };
}

describe("ListingSnapshots: refresh from a shared, paged listing (issue 27)", () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `nb-${i}`, v: i }));

    it("reads made together share one walk, and each gets its own item", async () => {
        const l = listing(items);
        const s = new ListingSnapshots<Item>(l.walk, 5000);
        const gets: string[] = [];
        const reads = items.map((i) => s.read("ws", i.id, async () => (gets.push(i.id), i)));
        await new Promise((r) => setImmediate(r));
        l.releaseNow();
        const got = await Promise.all(reads);
        assert.deepEqual(
            got.map((g) => g.id),
            items.map((i) => i.id),
        );
        assert.equal(l.calls.length, 1, "one walk for five reads");
        assert.deepEqual(gets, [], "no GET when the listing answers");
    });

    it("an item the listing does not show is read with the GET (never taken for gone)", async () => {
        const l = listing(items);
        l.open();
        const s = new ListingSnapshots<Item>(l.walk, 5000);
        let gets = 0;
        const r = await s.read("ws", "nb-elsewhere", async () => (gets++, { id: "nb-elsewhere", v: 9 }));
        assert.equal(r.v, 9);
        assert.equal(gets, 1);
    });

    it("scopes are walked separately", async () => {
        const l = listing(items);
        l.open();
        const s = new ListingSnapshots<Item>(l.walk, 5000);
        await s.read("ws-a", "nb-0", async () => items[0]);
        await s.read("ws-b", "nb-0", async () => items[0]);
        await s.read("ws-a", "nb-1", async () => items[1]);
        assert.deepEqual(l.calls, ["ws-a", "ws-b"]);
    });

    it("reads that keep coming stay on one walk; after an idle gap longer than idleMs, one new walk serves all the reads that find it stale", async () => {
        const l = listing(items);
        l.open();
        let now = 1000;
        const s = new ListingSnapshots<Item>(l.walk, 5000, () => now);
        for (const i of items) {
            await s.read("ws", i.id, async () => assert.fail("listed"));
            now += 4000;
        }
        assert.equal(l.calls.length, 1, "a read every 4 s, 16 s in all: one walk");
        now += 2000;
        await Promise.all(items.map((i) => s.read("ws", i.id, async () => i)));
        assert.equal(l.calls.length, 2, "6 s idle: one new walk shared by five reads");
    });

    it("a snapshot is never used past maxAgeMs, however busy", async () => {
        const l = listing(items);
        l.open();
        let now = 0;
        const s = new ListingSnapshots<Item>(l.walk, 5000, () => now, 20_000);
        for (let k = 0; k < 10; k++) {
            await s.read("ws", "nb-0", async () => items[0]);
            now += 3000;
        }
        // Reads at 0, 3, …, 27 s: the walk at 0 answers up to 20 s, a second one from 21 s.
        assert.equal(l.calls.length, 2);
    });

    it("a resource this process changed after the walk began is read with the GET", async () => {
        const l = listing(items);
        l.open();
        let now = 1000;
        const s = new ListingSnapshots<Item>(l.walk, 5000, () => now);
        await s.read("ws", "nb-0", async () => items[0]);
        now += 10;
        s.invalidate("nb-2");
        let gets = 0;
        const r = await s.read("ws", "nb-2", async () => (gets++, { id: "nb-2", v: 42 }));
        assert.equal(r.v, 42);
        assert.equal(gets, 1);
        assert.equal((await s.read("ws", "nb-3", async () => assert.fail("listed"))).v, 3, "the others still come from the listing");
    });

    it("a failed walk falls back to the GET and is not kept: the next read walks again", async () => {
        const l = listing(items);
        l.open();
        l.failNext(true);
        const s = new ListingSnapshots<Item>(l.walk, 5000);
        let gets = 0;
        assert.equal((await s.read("ws", "nb-1", async () => (gets++, items[1]))).v, 1);
        assert.equal(gets, 1);
        l.failNext(false);
        await s.read("ws", "nb-1", async () => assert.fail("listed now"));
        assert.equal(l.calls.length, 2);
    });

    it("SnapshotsPerClient keeps one set per client", async () => {
        const walked: string[] = [];
        const per = new SnapshotsPerClient<{ name: string }, Item>(async (c, scope) => (walked.push(`${c.name}/${scope}`), new Map()));
        const a = { name: "a" };
        assert.equal(per.of(a), per.of(a));
        await per.of(a).lookup("0", "x");
        await per.of({ name: "b" }).lookup("0", "x");
        await per.of(a).lookup("0", "y");
        assert.deepEqual(walked, ["a/0", "b/0"]);
    });
});

describe("walkOffsetPages", () => {
    const all = Array.from({ length: 123 }, (_, i) => ({ id: `n${i}` }));

    it("walks pages of the limit until total: 123 items in pages of 50 is 3 calls", async () => {
        const asked: Array<[number, number]> = [];
        const m = await walkOffsetPages(
            async (offset, limit) => (asked.push([offset, limit]), { total: all.length, items: all.slice(offset, offset + limit) }),
            50,
            (i) => i.id,
        );
        assert.equal(m.size, 123);
        assert.deepEqual(asked, [
            [0, 50],
            [50, 50],
            [100, 50],
        ]);
    });

    it("limit 0 ('return all') is one call; a service that caps the page anyway is walked on from where it stopped", async () => {
        let calls = 0;
        const one = await walkOffsetPages(
            async (offset) => (calls++, { total: all.length, items: all.slice(offset) }),
            0,
            (i) => i.id,
        );
        assert.equal(one.size, 123);
        assert.equal(calls, 1);
        const asked: number[] = [];
        const capped = await walkOffsetPages(
            async (offset) => (asked.push(offset), { total: all.length, items: all.slice(offset, offset + 40) }),
            0,
            (i) => i.id,
        );
        assert.equal(capped.size, 123);
        assert.deepEqual(asked, [0, 40, 80, 120]);
    });

    it("stops on an empty page even if total says more (a listing that shrank during the walk)", async () => {
        let calls = 0;
        const m = await walkOffsetPages(
            async (offset) => (calls++, { total: 200, items: all.slice(offset, offset + 50) }),
            50,
            (i) => i.id,
        );
        assert.equal(m.size, 123);
        assert.equal(calls, 4);
    });
});
