/**
 * The DSW field table (provider/dsw/fields.ts), the provider's wire schema (provider/dsw/wire.ts)
 * held to each other without a server; tests/integration/field-table.spec.ts holds both tables to
 * the emulator's answers.
 */
import { strict as assert } from "node:assert";
import { DSW_FIELDS, DSW_WRITE_ONLY, driftable } from "../../provider/dsw/fields";
import { DSW_DRIFT_INPUTS, toWire } from "../../provider/dsw/mapping";
import { InstanceWire } from "../../provider/dsw/wire";

describe("DSW field table vs wire schema", () => {
    it("the wire schema types only fields of the table, and drift only fields both reads carry", () => {
        const typed = Object.keys(InstanceWire.shape);
        for (const k of typed) assert.ok(k in DSW_FIELDS, `wire.ts types ${k}, which the field table does not list`);
        for (const k of Object.keys(DSW_WRITE_ONLY)) assert.ok(!(k in DSW_FIELDS) || !driftable(k as keyof typeof DSW_FIELDS), `${k} is write-only`);
        for (const input of DSW_DRIFT_INPUTS) {
            const wire = Object.keys(toWire({ [input]: 1 }) as object)[0];
            assert.ok(wire in DSW_FIELDS && driftable(wire as keyof typeof DSW_FIELDS), `${input} (${wire}) drifts but is not on both read paths`);
        }
        assert.ok(!DSW_DRIFT_INPUTS.includes("spotSpec") && !DSW_DRIFT_INPUTS.includes("oversoldType"));
    });
});
