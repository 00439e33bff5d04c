import { strict as assert } from "node:assert";
import { nameChecks } from "../../provider/common/gather";
import { PollRounds } from "../../provider/common/pollRounds";

interface Item {
    id: string;
    v: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A cloud of `n` items whose listing (walks, with the moment each began) and GETs are recorded. */
function cloud(n: number, o: { walkMs?: number; pageSize?: number; pageGapMs?: number; failWalk?: boolean; missing?: string[] } = {}) {
    const items = new Map(Array.from({ length: n }, (_, i) => [`nb-${i}`, { id: `nb-${i}`, v: i }]));
    const walks: number[] = [];
    const walkEnds: number[] = [];
    const gets: string[] = [];
    const rounds = new PollRounds<Item>({
        walk: async () => {
            walks.push(Date.now());
            await sleep(o.walkMs ?? 5);
            walkEnds.push(Date.now());
            if (o.failWalk) throw new Error("ListNotebooks: throttled");
            const listed = new Map(items);
            for (const id of o.missing ?? []) listed.delete(id);
            return listed;
        },
        get: async (id) => {
            gets.push(id);
            const hit = items.get(id);
            if (!hit) throw new Error(`${id}: not found`);
            return hit;
        },
        pageSize: o.pageSize ?? 50,
        gatherMs: 10,
        batchMin: 3,
        pageGapMs: o.pageGapMs ?? 0,
    });
    return { items, walks, walkEnds, gets, rounds };
}

describe("PollRounds: a fleet's status polls share rounds of one listing (issue 27)", () => {
    it("polls asked together are answered by one walk, each with its own item", async () => {
        const c = cloud(10);
        const answers = await Promise.all(["nb-1", "nb-4", "nb-7", "nb-9"].map((id) => c.rounds.ask("ws", id)));
        assert.deepEqual(
            answers.map((a) => a.v),
            [1, 4, 7, 9],
        );
        assert.equal(c.walks.length, 1);
        assert.deepEqual(c.gets, []);
    });

    it("fewer polls than batchMin are GETs, not a listing", async () => {
        const c = cloud(10);
        await Promise.all(["nb-1", "nb-2"].map((id) => c.rounds.ask("ws", id)));
        assert.equal(c.walks.length, 0);
        assert.deepEqual(c.gets.sort(), ["nb-1", "nb-2"]);
    });

    it("a poll asked while a walk runs is not answered by it: it joins the next walk, which starts after it", async () => {
        const c = cloud(10, { walkMs: 60 });
        const first = Promise.all(["nb-0", "nb-1", "nb-2"].map((id) => c.rounds.ask("ws", id)));
        await sleep(30); // the first walk has begun and is still running
        const askedAt = Date.now();
        const late = Promise.all(["nb-3", "nb-4", "nb-5"].map((id) => c.rounds.ask("ws", id)));
        await Promise.all([first, late]);
        assert.equal(c.walks.length, 2, "two rounds");
        assert.ok(c.walks[1] >= askedAt, "the second walk began after its polls were asked");
        assert.ok(c.walks[1] >= c.walkEnds[0], "never two walks of one scope at once");
    });

    it("the next round waits pageGapMs for each page the last walk read", async () => {
        // 120 items in pages of 50: 3 pages, so 3 × 40 ms between the end of one walk and the next.
        const c = cloud(120, { pageGapMs: 40 });
        await Promise.all(["nb-0", "nb-1", "nb-2"].map((id) => c.rounds.ask("ws", id)));
        await Promise.all(["nb-3", "nb-4", "nb-5"].map((id) => c.rounds.ask("ws", id)));
        assert.equal(c.walks.length, 2);
        assert.ok(c.walks[1] - c.walkEnds[0] >= 115, `gap ${c.walks[1] - c.walkEnds[0]} ms after a 3-page walk`);
    });

    it("a round of fewer polls than the last listing's pages reads each with its GET", async () => {
        // 500 items in pages of 50: a walk costs 10 calls, so 4 polls are cheaper as 4 GETs.
        const c = cloud(500);
        await Promise.all(Array.from({ length: 12 }, (_, i) => c.rounds.ask("ws", `nb-${i}`)));
        assert.equal(c.walks.length, 1, "12 polls for a 10-page listing: one walk");
        await Promise.all(["nb-20", "nb-21", "nb-22", "nb-23"].map((id) => c.rounds.ask("ws", id)));
        assert.equal(c.walks.length, 1, "4 polls: no second walk");
        assert.deepEqual(c.gets.sort(), ["nb-20", "nb-21", "nb-22", "nb-23"]);
    });

    it("a failed walk, or an item it misses, falls back to the GET, whose error the poll gets", async () => {
        const failing = cloud(5, { failWalk: true });
        const viaGet = await Promise.all(["nb-0", "nb-1", "nb-2"].map((id) => failing.rounds.ask("ws", id)));
        assert.deepEqual(
            viaGet.map((a) => a.v),
            [0, 1, 2],
        );
        assert.deepEqual(failing.gets.sort(), ["nb-0", "nb-1", "nb-2"]);

        const missing = cloud(5, { missing: ["nb-2"] });
        const answers = await Promise.allSettled(["nb-0", "nb-1", "nb-2", "nb-9"].map((id) => missing.rounds.ask("ws", id)));
        assert.deepEqual(missing.gets.sort(), ["nb-2", "nb-9"], "only the items the listing missed are read one by one");
        assert.equal(answers[2].status === "fulfilled" && answers[2].value.v, 2);
        assert.equal(answers[3].status, "rejected");
        assert.match(String(answers[3].status === "rejected" && answers[3].reason), /nb-9: not found/);
    });

    it("scopes are independent: each walks its own listing", async () => {
        const c = cloud(10);
        await Promise.all([..."012"].map((i) => c.rounds.ask("ws-a", `nb-${i}`)).concat([..."345"].map((i) => c.rounds.ask("ws-b", `nb-${i}`))));
        assert.equal(c.walks.length, 2);
    });
});

describe("nameChecks: a fleet's name checks share rounds of one listing (issue 27)", () => {
    /** A workspace of `n` notebooks named nb-0…; walks and filtered listings recorded. */
    type Seen = { id: string; name: string; seenAt: number };

    /** A workspace of `n` notebooks named nb-0…; walks and filtered listings recorded, each answer stamped with when its listing began. */
    function workspace(n: number, o: { walkMs?: number; failWalk?: boolean } = {}) {
        const items = Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, name: `nb-${i}` }));
        const walks: Array<{ start: number; end: number }> = [];
        const byName: string[] = [];
        const checks = nameChecks<Seen>({
            byName: async (_ws, name) => {
                byName.push(name);
                const seenAt = Date.now();
                return items.filter((i) => i.name.includes(name)).map((i) => ({ ...i, seenAt })); // fuzzy, as the list APIs are
            },
            all: async () => {
                const start = Date.now();
                await sleep(o.walkMs ?? 5);
                walks.push({ start, end: Date.now() });
                if (o.failWalk) throw new Error("ListNotebooks: throttled");
                return items.map((i) => ({ ...i, seenAt: start }));
            },
            nameOf: (i) => i.name,
            pageSize: 50,
            windowMs: 10,
            batchMin: 3,
        });
        return { items, walks, byName, checks };
    }

    it("checks asked while a walk runs wait for the next walk, so a stream of checks costs a few walks, each answer exact and newer than its check", async () => {
        const w = workspace(120, { walkMs: 40 });
        const asked: Array<{ name: string; at: number; answer: Promise<Seen[]> }> = [];
        for (let i = 0; i < 60; i++) {
            const name = `nb-${i}`;
            asked.push({ name, at: Date.now(), answer: w.checks.ask("ws", name) });
            await sleep(2);
        }
        const answers = await Promise.all(asked.map((a) => a.answer));
        answers.forEach((a, i) =>
            assert.deepEqual(
                a.map(({ id, name }) => ({ id, name })),
                [{ id: `id-${i}`, name: `nb-${i}` }],
                "only the exact name, not nb-1x for nb-1",
            ),
        );
        assert.ok(w.walks.length >= 2, `${w.walks.length} walks: the stream outlasts the first walk`);
        // Rounds follow the listing (a 40 ms walk, then 3 pages × 100 ms): however slow the machine
        // makes the stream, at most one walk per 340 ms of it, where a walk per 10 ms window would be 34.
        const streamMs = asked[asked.length - 1].at - asked[0].at;
        const bound = Math.ceil(streamMs / 340) + 1;
        assert.ok(w.walks.length <= bound, `${w.walks.length} walks for 60 checks over ${streamMs} ms (bound ${bound})`);
        for (let i = 1; i < w.walks.length; i++) assert.ok(w.walks[i].start >= w.walks[i - 1].end, "never two walks of one workspace at once");
        // No answer older than its check: the listing that answered each check began after it was asked.
        asked.forEach((a, i) => assert.ok(answers[i][0].seenAt >= a.at, `${a.name} asked at ${a.at}, answered by a listing begun at ${answers[i][0].seenAt}`));
    });

    it("fewer checks than batchMin list by name; a failed walk fails its checks instead of letting creates go unchecked", async () => {
        const w = workspace(10);
        assert.deepEqual(
            (await w.checks.ask("ws", "nb-3")).map(({ id, name }) => ({ id, name })),
            [{ id: "id-3", name: "nb-3" }],
        );
        assert.deepEqual(w.byName, ["nb-3"]);
        assert.equal(w.walks.length, 0);
        const failing = workspace(10, { failWalk: true });
        const r = await Promise.allSettled(["nb-1", "nb-2", "nb-3"].map((n) => failing.checks.ask("ws", n)));
        assert.deepEqual(
            r.map((x) => x.status),
            ["rejected", "rejected", "rejected"],
        );
    });
});
