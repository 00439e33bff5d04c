import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { DswServiceError, DswValidationError, dswError } from "../../provider/dsw/errors";
import { AlreadyStarted, AlreadyStopped, ModelArtsServiceError, MustStopFirst, NotebookBusy, modelArtsError } from "../../provider/huawei/errors";

const meta = { httpStatusCode: 400, requestId: "R1", attempts: 1, totalRetryDelayMs: 0 };

describe("error classes per cloud, built from one table", () => {
    it("ModelArts codes the CRUD code branches on become their own classes", () => {
        const cases: Array<[string, new (...a: never[]) => ModelArtsServiceError]> = [
            ["ModelArts.6304", MustStopFirst],
            ["ModelArts.6357", NotebookBusy],
            ["ModelArts.6305", AlreadyStarted],
            ["ModelArts.6306", AlreadyStarted],
            ["ModelArts.6307", AlreadyStopped],
            ["ModelArts.6308", AlreadyStopped],
        ];
        for (const [code, cls] of cases) {
            const e = modelArtsError("DeleteNotebook", code, "m", meta);
            assert.ok(e instanceof cls && e instanceof CloudServiceError, code);
            assert.equal(e.code, code);
            assert.match(e.message, new RegExp(`ModelArts DeleteNotebook failed: ${code.replace(".", "\\.")}: m .*RequestId R1`));
        }
        const other = modelArtsError("GetNotebook", "ModelArts.6999", "m", meta);
        assert.ok(other instanceof ModelArtsServiceError && !(other instanceof MustStopFirst));
    });
    it("DSW ValidationError is its own class; other codes the base", () => {
        assert.ok(dswError("StartInstance", "ValidationError", "m", meta) instanceof DswValidationError);
        const e = dswError("GetInstance", "InternalError", "m", meta);
        assert.ok(e instanceof DswServiceError && !(e instanceof DswValidationError) && e instanceof CloudServiceError);
    });
});
