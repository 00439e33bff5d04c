/**
 * The DSW field table (provider/dsw/fields.ts), the provider's wire schema (provider/dsw/wire.ts)
 * held to each other without a server, and NotebookV2's (provider/modelartsV2/fields.ts) to its
 * wire schema and declarations; tests/integration/field-table.spec.ts holds both tables to
 * the emulator's answers.
 */
import { strict as assert } from "node:assert";
import { z } from "zod";
import { DSW_FIELDS, DSW_WRITE_ONLY, driftable } from "../../provider/dsw/fields";
import { DSW_DRIFT_INPUTS, toWire, updateBody } from "../../provider/dsw/mapping";
import { DswInstanceInputs } from "../../provider/dsw/schema";
import { disassociateFlagsOf } from "../../provider/common/declare";
import { NB_FIELDS, NB_NOT_READ_BACK, NB_WRITE_ONLY, NbField } from "../../provider/modelartsV2/fields";
import { STOPPED_ONLY_UPDATES } from "../../provider/modelartsV2/mapping";
import { NbNotebookOutputs } from "../../provider/modelartsV2/outputs";
import { NB_POLICY } from "../../provider/modelartsV2/policy";
import { NbInputs } from "../../provider/modelartsV2/schema";
import { NotebookWire as NbWire } from "../../provider/modelartsV2/wire";
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

describe("NotebookV2 field table vs wire schema, input and output declarations", () => {
    it("types exactly the table's fields, drifts only declared inputs, builds only declared outputs", () => {
        const wire = Object.keys(NbWire.shape).sort();
        assert.deepEqual(Object.keys(NB_FIELDS).sort(), wire, "wire.ts and the field table list the same NotebookResp fields");
        type Json = { properties?: Record<string, Json> };
        const json = z.toJSONSchema(NbInputs, { io: "input", unrepresentable: "any" }) as Json;
        const isInput = (path: string) => path.split(".").reduce<Json | undefined>((s, k) => s?.properties?.[k], json) !== undefined;
        const rows: ReadonlyArray<NbField> = Object.values(NB_FIELDS);
        for (const row of rows) {
            for (const d of row.drift ?? []) assert.ok(isInput(d), `${d} drifts but is not a declared input`);
            for (const o of row.outputs ?? []) assert.ok(o in NbNotebookOutputs.shape, `${o} is built but not a declared output`);
        }
        const drifting = rows.flatMap((r) => r.drift ?? []);
        for (const [k, policy] of Object.entries(NB_POLICY)) {
            // projectId is where the notebook lives (the client's project), not a NotebookResp field.
            if (policy === "ignore" || k === "volume" || k === "projectId") continue;
            const covered = drifting.some((d) => d === k || d.startsWith(`${k}.`)) || k in NB_WRITE_ONLY;
            assert.ok(covered, `${k} is neither read back for drift nor declared write-only`);
        }
        assert.deepEqual(NB_NOT_READ_BACK, Object.keys(NB_WRITE_ONLY));
    });
});

describe("read-back, disassociate and stop-first rules come from the input declarations", () => {
    it("DSW: removing an input that declares a disassociate flag sends the flag", () => {
        const news = { workspaceId: "1", instanceName: "n", ecsSpec: "ecs.g6.large", imageUrl: "r/i:1" } as DswInstanceInputs;
        assert.deepEqual(updateBody(["datasets", "userVpc", "driver", "spotSpec"], news), {
            DisassociateDatasets: true,
            DisassociateVpc: true,
            DisassociateDriver: true,
            DisassociateSpot: true,
        });
        assert.ok(Object.values(disassociateFlagsOf(DswInstanceInputs.shape)).every((f) => f.startsWith("Disassociate")));
        assert.equal(Object.keys(disassociateFlagsOf(DswInstanceInputs.shape)).length, 8);
    });

    it("NotebookV2: the updates that need the notebook stopped are its stopThenUpdate inputs", () => {
        assert.deepEqual([...STOPPED_ONLY_UPDATES].sort(), ["flavor", "imageId", "volume.capacity"]);
    });
});
