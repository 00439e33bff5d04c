import { strict as assert } from "node:assert";
import { DESIRED_STATUS, INPUT_KEYS, bookkeeping, readInputs, userInputsOf } from "../../provider/common/resource";

const policy = { name: "update", flavor: "stopThenUpdate", status: "update" } as const;

describe("bookkeeping in state, kept out of every diff Pulumi displays", () => {
    it("is written under __-prefixed keys, which Pulumi's display ignores (IsInternalPropertyKey)", () => {
        const b = bookkeeping({ name: "nb", flavor: "f", status: "STOPPED", description: undefined }, "RUNNING");
        assert.deepEqual(Object.keys(b).sort(), [DESIRED_STATUS, INPUT_KEYS].sort());
        assert.ok(Object.keys(b).every((k) => k.startsWith("__")));
        assert.deepEqual(b[INPUT_KEYS], ["name", "flavor", "status"]);
        assert.equal(b[DESIRED_STATUS], "STOPPED");
    });

    it("reads the user's inputs and wish from a new state and from one written before 0.4.0", () => {
        const live = { name: "nb", flavor: "f", status: "RUNNING", url: "https://x" };
        const current = { ...live, [INPUT_KEYS]: ["name", "flavor", "status"], [DESIRED_STATUS]: "STOPPED" };
        const legacy = { ...live, inputKeys: ["name", "flavor", "status"], desiredStatus: "STOPPED" };
        for (const s of [current, legacy]) {
            assert.deepEqual(userInputsOf(s, policy), { name: "nb", flavor: "f", status: "RUNNING" });
            assert.deepEqual(userInputsOf(s, policy, true), { name: "nb", flavor: "f", status: "STOPPED" });
        }
    });

    it("a read's reported inputs carry the SDK's keys but no bookkeeping", () => {
        const props = { __nbName: "nb", __nbOwner: "p/s", [INPUT_KEYS]: ["name"], [DESIRED_STATUS]: "RUNNING", name: "nb" };
        assert.deepEqual(readInputs(props, { name: "nb" }), { __nbName: "nb", __nbOwner: "p/s", name: "nb" });
    });
});
