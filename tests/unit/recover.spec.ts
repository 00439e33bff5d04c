import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { CREATE_ATTEMPTS, Candidate, createOrRecover } from "../../provider/common/recover";

const meta = (status: number) => ({ httpStatusCode: status, requestId: "R", attempts: 1, totalRetryDelayMs: 0 });
const serverError = () => new CloudServiceError("ModelArts", "CreateNotebook", "ModelArts.6102", "Internal server error", meta(500));
const clientError = () => new CloudServiceError("ModelArts", "CreateNotebook", "ModelArts.6301", "bad flavor", meta(400));
const silentLog = { info: () => undefined, warn: () => undefined };
const base = { operation: "CreateNotebook", log: silentLog, sleep: async () => undefined };

describe("create without an idempotency token", () => {
    it("rides out a burst of server errors, looking at the same-named notebooks before every retry", async () => {
        let finds = 0;
        let creates = 0;
        const sleeps: number[] = [];
        const { id } = await createOrRecover({
            ...base,
            candidates: async () => (finds++, []),
            create: async () => {
                if (++creates < CREATE_ATTEMPTS) throw serverError();
                return "nb-1";
            },
            sleep: async (ms) => void sleeps.push(ms),
            random: () => 1,
        });
        assert.equal(id, "nb-1");
        assert.equal(finds, CREATE_ATTEMPTS, "a lookup before each attempt");
        assert.deepEqual(sleeps, [200, 400, 800, 1600, 3200, 5000, 5000], "full-jitter backoff ceiling, capped");
    });

    it("continues with a notebook marked pending by this resource (an interrupted create)", async () => {
        let creates = 0;
        const { id } = await createOrRecover({
            ...base,
            candidates: async () => [{ id: "nb-orphan", mark: "pending", sameRequest: true }],
            create: async () => (creates++, "nb-new"),
        });
        assert.equal(id, "nb-orphan");
        assert.equal(creates, 0);
    });

    it("never continues with a claimed notebook (the one a replacement replaces) nor a stranger's look-alike", async () => {
        for (const mark of ["claimed", "foreign", "none"] as const) {
            let creates = 0;
            const { id } = await createOrRecover({
                ...base,
                candidates: async () => [{ id: "nb-old", mark, sameRequest: true }],
                create: async () => (creates++, "nb-new"),
            });
            assert.equal(id, "nb-new", mark);
            assert.equal(creates, 1);
        }
    });

    it("after a lost answer takes the unmarked newcomer matching its request, never one that was there before", async () => {
        const seen: Candidate[] = [{ id: "stranger", mark: "none", sameRequest: true }];
        const { id } = await createOrRecover({
            ...base,
            candidates: async () => seen,
            create: async () => {
                seen.push({ id: "nb-7", mark: "none", sameRequest: true }, { id: "other-req", mark: "none", sameRequest: false });
                throw serverError();
            },
        });
        assert.equal(id, "nb-7");
    });

    it("two look-alike newcomers after a lost answer: takes neither and names both", async () => {
        const seen: Candidate[] = [];
        await assert.rejects(
            createOrRecover({
                ...base,
                candidates: async () => seen,
                create: async () => {
                    seen.push({ id: "a-1", mark: "none", sameRequest: true }, { id: "b-2", mark: "none", sameRequest: true });
                    throw serverError();
                },
            }),
            /2 notebooks .*\(a-1, b-2\).*None was taken over/,
        );
    });

    it("with unique names, a same-named notebook not its own is a clash said before any create", async () => {
        let creates = 0;
        await assert.rejects(
            createOrRecover({
                ...base,
                candidates: async () => [{ id: "nb-old", mark: "claimed", sameRequest: true }],
                clash: (c) => new Error(`clash with ${c.id} (${c.mark})`),
                create: async () => (creates++, "nb-new"),
            }),
            /clash with nb-old \(claimed\)/,
        );
        assert.equal(creates, 0);
    });

    describe("leftovers of this resource under any name (an interrupted create; found by their mark)", () => {
        it("continues with one that fits the program and says it was continued, so the caller brings it to the program's values", async () => {
            let creates = 0;
            const discarded: string[] = [];
            const r = await createOrRecover({
                ...base,
                candidates: async () => [],
                leftovers: async () => [{ id: "nb-left", name: "old-name", mark: "pending", sameRequest: false, fits: true }],
                discard: async (id) => void discarded.push(id),
                create: async () => (creates++, "nb-new"),
            });
            assert.deepEqual(r, { id: "nb-left", continued: true });
            assert.equal(creates, 0);
            assert.deepEqual(discarded, []);
        });

        it("deletes one that no longer fits (renamed, or a field that needs a replacement changed) before creating anew", async () => {
            const events: string[] = [];
            const warnings: string[] = [];
            const r = await createOrRecover({
                ...base,
                log: { info: () => undefined, warn: (m) => void warnings.push(m) },
                candidates: async () => [],
                leftovers: async () => [{ id: "nb-left", name: "old-name", mark: "pending", sameRequest: false, fits: false }],
                discard: async (id) => void events.push(`discard ${id}`),
                create: async () => (events.push("create"), "nb-new"),
            });
            assert.deepEqual(r, { id: "nb-new", continued: false });
            assert.deepEqual(events, ["discard nb-left", "create"], "deleted first, then created");
            assert.match(warnings.join("\n"), /deleting nb-left \(old-name\), created by an interrupted attempt of this resource/);
        });

        it("of several, continues with the one that fits and deletes the rest", async () => {
            const discarded: string[] = [];
            const r = await createOrRecover({
                ...base,
                candidates: async () => [{ id: "nb-same-name", mark: "pending", sameRequest: true, fits: false }],
                leftovers: async () => [
                    { id: "nb-same-name", mark: "pending", sameRequest: true, fits: false },
                    { id: "nb-fits", mark: "pending", sameRequest: false, fits: true },
                ],
                discard: async (id) => void discarded.push(id),
                create: async () => "nb-new",
            });
            assert.deepEqual(r, { id: "nb-fits", continued: true });
            assert.deepEqual(discarded, ["nb-same-name"], "listed twice, deleted once");
        });

        it("after a lost answer, never deletes a pending one and continues with it: from then on it may be this create's own", async () => {
            const discarded: string[] = [];
            const seen: Candidate[] = [];
            let creates = 0;
            const r = await createOrRecover({
                ...base,
                candidates: async () => seen,
                discard: async (id) => void discarded.push(id),
                create: async () => {
                    creates++;
                    // The answer is lost; the notebook made carries this resource's mark and reads as unfit mid-create.
                    seen.push({ id: "nb-mine", mark: "pending", sameRequest: true, fits: false });
                    throw serverError();
                },
            });
            assert.deepEqual(r, { id: "nb-mine", continued: true });
            assert.deepEqual(discarded, []);
            assert.equal(creates, 1, "not created twice");
        });
    });

    it("gives up at once on a client error, and after CREATE_ATTEMPTS server errors", async () => {
        let creates = 0;
        const b = { ...base, candidates: async () => [] };
        await assert.rejects(createOrRecover({ ...b, create: async () => (creates++, Promise.reject(clientError())) }), /bad flavor/);
        assert.equal(creates, 1);
        creates = 0;
        await assert.rejects(createOrRecover({ ...b, create: async () => (creates++, Promise.reject(serverError())) }), /Internal server error/);
        assert.equal(creates, CREATE_ATTEMPTS);
    });
});

describe("a replacement that continued with the notebook it replaces (recover.ts continuedInThisProcess)", () => {
    it("the engine boundary keeps that notebook from the delete of the original; other deletes go through", async () => {
        const { providerModule } = await import("../../provider/common/resource");
        const deleted: string[] = [];
        const impl = {
            check: () => ({ inputs: {}, failures: [] }),
            diff: () => ({ changes: false, replaces: [], deleteBeforeReplace: false }),
            create: async () => ({ id: "x", outs: {} }),
            read: async (id: string) => ({ id, props: {} }),
            update: async () => ({ outs: {} }),
            delete: async (id: string) => void deleted.push(id),
        };
        const boundary = providerModule(impl as never, () => undefined);
        // A notebook kept in the stack with its mark still on (its create failed, so did the clearing):
        // the replacement's create continues with it.
        const { id, continued } = await createOrRecover({
            ...base,
            candidates: async () => [{ id: "nb-kept", mark: "pending", sameRequest: true }],
            create: async () => "nb-new",
        });
        assert.deepEqual([id, continued], ["nb-kept", true]);
        await boundary.delete("nb-kept", { __nbName: "t" });
        await boundary.delete("nb-other", { __nbName: "t" });
        assert.deepEqual(deleted, ["nb-other"], "the continued notebook is the replacement: not deleted");
    });
});
