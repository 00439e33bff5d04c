import { strict as assert } from "node:assert";
import { DswInstanceProvider } from "../../provider/dsw/instance";
import { ModelArtsNotebookProvider } from "../../provider/modelarts/notebook";
import { BAD_INPUTS } from "../fixtures/badInputs";

/** Providers with no way to reach a cloud: check must decide alone. */
const noCloud = () => {
    throw new Error("check must not call the API");
};
const dsw = new DswInstanceProvider({ client: noCloud, cache: noCloud, poll: () => ({ minDelayMs: 1, maxDelayMs: 1 }) });
const ma = new ModelArtsNotebookProvider({ client: noCloud, poll: () => ({ minDelayMs: 1, maxDelayMs: 1 }) });

describe("bad-input corpus: check rejects each case naming the field", () => {
    it(`has at least 30 cases per cloud (${BAD_INPUTS.filter((c) => c.cloud === "dsw").length} DSW, ${BAD_INPUTS.filter((c) => c.cloud === "modelarts").length} ModelArts)`, () => {
        assert.ok(BAD_INPUTS.filter((c) => c.cloud === "dsw").length >= 30);
        assert.ok(BAD_INPUTS.filter((c) => c.cloud === "modelarts").length >= 30);
    });
    for (const c of BAD_INPUTS) {
        it(`${c.cloud}: ${c.name} → ${c.property}`, () => {
            const p = c.cloud === "dsw" ? dsw : ma;
            const r = p.check({}, c.args);
            assert.ok(r.failures.length > 0, "rejected");
            assert.ok(
                r.failures.some((f) => f.property === c.property && f.reason.length > 5),
                `expected a failure on ${c.property}, got ${JSON.stringify(r.failures)}`,
            );
        });
    }
    it("accepts the corpus' base arguments", () => {
        assert.deepEqual(dsw.check({}, { workspaceId: "40823", instanceName: "ok", ecsSpec: "ecs.g6.xlarge", imageUrl: "r.example.com/a:b" }).failures, []);
        assert.deepEqual(ma.check({}, { name: "ok", profileId: "p", flavor: "modelarts.vm.cpu.2u", spec: { storage: { type: "evs" } } }).failures, []);
    });
});

describe("check with values unknown at preview", () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    it("defers the rules of unknown inputs to `up` but still rejects known bad inputs", () => {
        const base = { workspaceId: "40823", ecsSpec: "ecs.g6.xlarge", imageUrl: "r.example.com/a:b" };
        const ok = dsw.check({}, { ...base, instanceName: UNKNOWN });
        assert.deepEqual(ok.failures, []);
        assert.equal(ok.inputs.status, "Running", "defaults still apply");
        const bad = dsw.check({}, { ...base, instanceName: UNKNOWN, priority: 42 });
        assert.deepEqual(bad.failures.map((f) => f.property), ["priority"]);
    });
});
