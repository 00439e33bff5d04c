import { strict as assert } from "node:assert";
import { deleteStoppingFirst } from "../../provider/huawei/deletion";
import { modelArtsError } from "../../provider/huawei/errors";
import { WaiterFailureError } from "../../provider/common/waiter";

const meta = { httpStatusCode: 400, requestId: "R", attempts: 1, totalRetryDelayMs: 0 };
const busy = () => modelArtsError("DeleteNotebook", "ModelArts.6357", "The notebook is busy.", meta);
const notFound = () => modelArtsError("DeleteNotebook", "ModelArts.6404", "Notebook x not found.", meta);

/**
 * Seen under bench:faults: the DELETE took effect but its answer was lost; the client's retry was
 * refused as busy (the notebook is DELETING), the stop-first step then watched it vanish and failed.
 */
describe("deleting a ModelArts notebook whose delete answer was lost", () => {
    const log = { info: () => undefined, warn: () => undefined };

    it("ends as gone when the notebook vanishes under the stop it waits for", async () => {
        const answers = [busy, notFound];
        const r = await deleteStoppingFirst({
            log,
            deadline: 10_000,
            now: () => 0,
            remove: async () => {
                throw (answers.shift() ?? notFound)();
            },
            stop: async () => {
                throw new WaiterFailureError("ModelArts notebook x to be STOPPED: the instance no longer exists", "DELETING", "the instance no longer exists");
            },
        });
        assert.equal(r, "gone");
    });

    it("still reports a stop that failed on a notebook that is there", async () => {
        await assert.rejects(
            deleteStoppingFirst({
                log,
                deadline: 10_000,
                now: () => 0,
                remove: async () => {
                    throw busy();
                },
                stop: async () => {
                    throw new Error("stop refused");
                },
            }),
            /stop refused/,
        );
    });
});
