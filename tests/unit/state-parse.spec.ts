import { strict as assert } from "node:assert";
import { DESIRED_STATUS, INPUT_KEYS } from "../../provider/common/resource";
import { StateReadError, atEngineBoundary, readState } from "../../provider/common/state";
import type { CrudProvider } from "../../provider/common/resource";
import { DSW_STATE, DswState, dswState } from "../../provider/dsw/state";
import { MA_STATE, MaState, maState } from "../../provider/modelarts/state";
import { NB_STATE, NbState, nbState } from "../../provider/modelartsV2/state";

describe("state parsed at the engine boundary", () => {
    const dswInputs = { workspaceId: "40823", instanceName: "team_nb", ecsSpec: "ecs.g6.large", imageUrl: "registry/x:1", status: "Running" as const };

    it("reads what each state builder writes", () => {
        const now = Date.parse("2026-12-03T10:00:00Z");
        const dsw = dswState(dswInputs, { InstanceId: "dsw-1", Status: "Running", Labels: [{ Key: "team", Value: "ml" }] }, { mode: "written", now });
        assert.deepEqual(readState("dsw.Instance", DSW_STATE, "dsw-1", dsw), dsw);
        const ma = maState(
            { name: "nb", flavor: "f", status: "RUNNING" },
            { id: "DE-1", name: "nb", status: "RUNNING" },
            { mode: "written", projectId: "p1", now },
        );
        assert.deepEqual(readState("modelarts.Notebook", MA_STATE, "DE-1", ma), ma);
        const nb = nbState(
            { name: "nb", flavor: "f", imageId: "i" },
            { id: "u-1", name: "nb", status: "RUNNING", lease: { enable: true, duration: 3_600_000, create_at: 1 } },
            { mode: "written", projectId: "p1" },
        );
        assert.deepEqual(readState("modelarts.NotebookV2", NB_STATE, "u-1", nb), nb);
        assert.equal(nb.leaseState?.duration, "1h");
    });

    it("reads the forms 0.3.0 wrote (inputKeys, desiredStatus) and a state kept after a failed create (inputs only)", () => {
        const legacy = {
            ...dswInputs,
            instanceId: "dsw-1",
            status: "Stopped",
            inputKeys: ["workspaceId", "instanceName"],
            desiredStatus: "Running",
            __provider: "shim",
        };
        assert.deepEqual(readState("dsw.Instance", DSW_STATE, "dsw-1", legacy), legacy);
        const kept = { ...dswInputs, [INPUT_KEYS]: Object.keys(dswInputs) };
        assert.deepEqual(readState("dsw.Instance", DSW_STATE, "dsw-1", kept), kept);
    });

    it("does not apply the program's input rules to state (it holds the cloud's view after a refresh)", () => {
        // A console rename the input pattern would refuse, and a status outside the input's enum.
        const drifted = { instanceName: "Renamed In Console!", status: "Failed", liveStatus: "Failed", [DESIRED_STATUS]: "Running" };
        assert.equal(readState("dsw.Instance", DSW_STATE, "dsw-1", drifted).instanceName, "Renamed In Console!");
    });

    it("refuses a state it cannot read with one error naming the resource, the id and each field", () => {
        const bad = { projectId: 42, leaseState: { enable: "yes" }, [INPUT_KEYS]: "name" };
        assert.throws(
            () => readState("modelarts.NotebookV2", NB_STATE, "u-1", bad),
            (e: unknown) =>
                e instanceof StateReadError &&
                /^cannot read the state of modelarts\.NotebookV2 u-1: /.test(e.message) &&
                e.fields
                    .map((f) => f.property)
                    .sort()
                    .join(",") === ["__nbInputKeys", "leaseState.enable", "projectId"].sort().join(","),
        );
        assert.throws(() => readState("modelarts.Notebook", MA_STATE, "DE-1", { autoStopState: { stopTimestamp: "soon" } }), /autoStopState\.stopTimestamp/);
    });

    it("hands each controller operation the parsed state, and stops an unreadable one before any call", async () => {
        const seen: object[] = [];
        const impl: CrudProvider<object, MaState> = {
            check: () => ({ inputs: {}, failures: [] }),
            diff: (_id, olds) => (seen.push(olds), { changes: false, replaces: [], deleteBeforeReplace: false }),
            create: async () => ({ id: "x", outs: {} }),
            read: async (id, props) => (seen.push(props), { id, props }),
            update: async (_id, olds) => (seen.push(olds), { outs: olds }),
            delete: async (_id, props) => void seen.push(props),
        };
        const boundary = atEngineBoundary("modelarts.Notebook", impl, MA_STATE);
        const state = { projectId: "p1", credentialsProfile: "team", name: "nb" };
        await boundary.read("DE-1", state);
        await boundary.delete("DE-1", state);
        assert.equal(seen.length, 2);
        await assert.rejects(async () => boundary.delete("DE-1", { projectId: ["p1"] }), /cannot read the state of modelarts\.Notebook DE-1: projectId/);
        assert.equal(seen.length, 2, "no controller call with an unreadable state");
    });
});

// Types only: the parsed state is the controllers' state type.
export type Parsed = [DswState, MaState, NbState];
