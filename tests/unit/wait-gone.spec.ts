import { strict as assert } from "node:assert";
import { untilGone } from "../../provider/common/status";
import { CloudServiceError } from "../../provider/common/errors";
import { isMaNotFound } from "../../provider/huawei/transport";

const notFound = () =>
    new CloudServiceError("ModelArts", "ShowNotebook", "ModelArts.6404", "Notebook x not found.", {
        httpStatusCode: 400,
        requestId: "R",
        attempts: 1,
        totalRetryDelayMs: 0,
    });

describe("waiting until a notebook is gone", () => {
    it("takes not-found as the answer it waits for: no 'retrying' warning on an ordinary destroy", async () => {
        const warnings: string[] = [];
        let polls = 0;
        let clock = 0;
        await untilGone(
            {
                poll: { minDelayMs: 1, maxDelayMs: 2 },
                deadline: 10_000,
                log: { info: () => undefined, warn: (m) => void warnings.push(m) },
                deps: { sleep: async (ms) => void (clock += ms), now: () => clock, random: () => 0.5 },
            },
            "ModelArts notebook x",
            async () => {
                if (++polls < 3) return { status: "DELETING" };
                throw notFound();
            },
            (n: { status: string }) => n.status,
            isMaNotFound,
        );
        assert.equal(polls, 3);
        assert.deepEqual(warnings, []);
    });
});
