import { strict as assert } from "node:assert";
import { DSW_POLICY } from "../../provider/dsw/policy";
import { DswInstanceInputs } from "../../provider/dsw/schema";
import { MA_POLICY } from "../../provider/modelarts/policy";
import { MaNotebookInputs } from "../../provider/modelarts/schema";

/** A key missing from a change-policy table would silently never diff (planDiff skips it). */
describe("change-policy tables are total", () => {
    it("dsw.Instance: one row per input, no row without an input", () => {
        assert.deepEqual(Object.keys(DSW_POLICY).sort(), Object.keys(DswInstanceInputs.shape).sort());
    });
    it("modelarts.Notebook: one row per input and per spec field (the flattened view)", () => {
        const spec = MaNotebookInputs.shape.spec;
        const keys = [...Object.keys(MaNotebookInputs.shape), ...Object.keys(spec.shape).map((k) => `spec.${k}`)];
        assert.deepEqual(Object.keys(MA_POLICY).sort(), keys.sort());
    });
});
