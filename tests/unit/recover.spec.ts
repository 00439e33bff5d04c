import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { CREATE_ATTEMPTS, createOrRecover } from "../../provider/common/recover";

const meta = (status: number) => ({ httpStatusCode: status, requestId: "R", attempts: 1, totalRetryDelayMs: 0 });
const serverError = () => new CloudServiceError("ModelArts", "CreateNotebook", "ModelArts.6102", "Internal server error", meta(500));
const clientError = () => new CloudServiceError("ModelArts", "CreateNotebook", "ModelArts.6301", "bad flavor", meta(400));
const silentLog = { info: () => undefined, warn: () => undefined };

describe("create without an idempotency token", () => {
    it("rides out a burst of server errors, looking for its own instance before every retry", async () => {
        let finds = 0;
        let creates = 0;
        const sleeps: number[] = [];
        const id = await createOrRecover({
            operation: "CreateNotebook",
            log: silentLog,
            findOwn: async () => (finds++, undefined),
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

    it("takes over its own instance when a lost answer had in fact created it", async () => {
        let created = false;
        const id = await createOrRecover({
            operation: "CreateNotebook",
            log: silentLog,
            findOwn: async () => (created ? "nb-7" : undefined),
            create: async () => {
                created = true;
                throw serverError();
            },
            sleep: async () => undefined,
        });
        assert.equal(id, "nb-7");
    });

    it("gives up at once on a client error, and after CREATE_ATTEMPTS server errors", async () => {
        let creates = 0;
        const base = { operation: "CreateNotebook", log: silentLog, findOwn: async () => undefined, sleep: async () => undefined };
        await assert.rejects(createOrRecover({ ...base, create: async () => (creates++, Promise.reject(clientError())) }), /bad flavor/);
        assert.equal(creates, 1);
        creates = 0;
        await assert.rejects(createOrRecover({ ...base, create: async () => (creates++, Promise.reject(serverError())) }), /Internal server error/);
        assert.equal(creates, CREATE_ATTEMPTS);
    });
});
