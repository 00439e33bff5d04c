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
        const id = await createOrRecover({
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
        const id = await createOrRecover({
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
            const id = await createOrRecover({
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
        const id = await createOrRecover({
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
