import { strict as assert } from "node:assert";
import { StopFirst, withStopFirst } from "../../provider/common/stopFirst";

/** A StopFirst that records the calls it gets; `startFails` makes the restart fail too. */
function recorder(o: Partial<Pick<StopFirst, "needed" | "restartOnFailure">> & { startFails?: boolean } = {}) {
    const calls: string[] = [];
    const s: StopFirst = {
        needed: o.needed ?? true,
        restartOnFailure: o.restartOnFailure ?? true,
        fields: ["flavor"],
        stop: async () => void calls.push("stop"),
        start: async () => {
            calls.push("start");
            if (o.startFails) throw new Error("StartNotebook failed: ModelArts.6357");
        },
        log: { info: (m) => calls.push(`info: ${m}`), warn: (m) => calls.push(`warn: ${m}`) },
    };
    return { s, calls, ops: () => calls.filter((c) => !c.includes(":")) };
}

const failing = (calls: string[]) => async () => {
    calls.push("update");
    throw new Error("UpdateNotebook failed: ModelArts.6102 (RequestId r-1)");
};

describe("withStopFirst: a failure after the stop restores the run state", () => {
    it("stops, runs the steps, and does not start (the caller restores the run state)", async () => {
        const r = recorder();
        assert.equal(await withStopFirst(r.s, async () => (r.calls.push("update"), 7)), 7);
        assert.deepEqual(r.ops(), ["stop", "update"]);
    });

    it("starts again after a failing step, then reports the step's failure unchanged", async () => {
        const r = recorder();
        await assert.rejects(withStopFirst(r.s, failing(r.calls)), /^Error: UpdateNotebook failed: ModelArts\.6102 \(RequestId r-1\)$/);
        assert.deepEqual(r.ops(), ["stop", "update", "start"]);
    });

    it("a failing restart is a warning; the step's failure is still what is reported", async () => {
        const r = recorder({ startFails: true });
        await assert.rejects(withStopFirst(r.s, failing(r.calls)), /UpdateNotebook failed/);
        assert.ok(
            r.calls.some((c) => /^warn: could not start it again .*ModelArts\.6357.*may be left stopped/.test(c)),
            r.calls.join("\n"),
        );
    });

    it("no start when nothing was stopped, or when the run state asks for stopped", async () => {
        const notStopped = recorder({ needed: false });
        await assert.rejects(withStopFirst(notStopped.s, failing(notStopped.calls)));
        assert.deepEqual(notStopped.ops(), ["update"]);
        const wantsStopped = recorder({ restartOnFailure: false });
        await assert.rejects(withStopFirst(wantsStopped.s, failing(wantsStopped.calls)));
        assert.deepEqual(wantsStopped.ops(), ["stop", "update"]);
    });
});
