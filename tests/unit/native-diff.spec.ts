import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { call } from "../support/nativeRpc";

const KIND = Object.fromEntries(Object.entries(provproto.PropertyDiff.Kind).map(([k, v]) => [v, k]));
const CHANGES = Object.fromEntries(Object.entries(provproto.DiffResponse.DiffChanges).map(([k, v]) => [v, k]));

interface Answer {
    changes: string;
    replaces: string[];
    diffs: string[];
    detailed: Record<string, string>;
}

/** The engine's Diff of one resource whose state holds `olds` (as inputs and outputs), against `news`. */
async function diff(type: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Answer> {
    const req = new provproto.DiffRequest();
    req.setUrn(`urn:pulumi:dev::p::${type}::nb`);
    req.setId(id);
    req.setOlds(Struct.fromJavaScript(olds as never));
    req.setOldInputs(Struct.fromJavaScript(olds as never));
    req.setNews(Struct.fromJavaScript(news as never));
    const res = await call<provproto.DiffResponse>("diff", req);
    assert.equal(res.getHasdetaileddiff(), true);
    const detailed: Record<string, string> = {};
    res.getDetaileddiffMap().forEach((d, k) => (detailed[k] = KIND[d.getKind()] ?? "?"));
    return { changes: CHANGES[res.getChanges()] ?? "?", replaces: res.getReplacesList(), diffs: res.getDiffsList(), detailed };
}

describe("native plugin: Diff's detailed diff follows each row of the policy table, nested ones included", () => {
    const OLD = "notebooks:modelarts:Notebook";
    const nb = {
        name: "nb",
        profileId: "Multi-Engine 1.0 (python3)-gpu",
        flavor: "modelarts.vm.gpu.p100",
        spec: { storage: { type: "evs", location: { volumeSize: 50 } }, autoStop: { enable: true, duration: 7200 } },
        status: "RUNNING",
        failedPolicy: "restart",
    };
    const withSpec = (spec: Record<string, unknown>) => ({ ...nb, spec: { ...nb.spec, ...spec } });

    it("old API: a changed auto-stop duration is an in-place update at its own path", async () => {
        const d = await diff(OLD, "DE-1", nb, withSpec({ autoStop: { enable: true, duration: 10800 } }));
        assert.deepEqual(d, { changes: "DIFF_SOME", replaces: [], diffs: ["spec"], detailed: { "spec.autoStop.duration": "UPDATE" } });
    });

    it("old API: a changed EVS size replaces, at its own path; an auto-stop change beside it stays an update (it forces nothing)", async () => {
        const d = await diff(OLD, "DE-1", nb, withSpec({ storage: { type: "evs", location: { volumeSize: 60 } }, autoStop: { enable: false } }));
        assert.deepEqual(d, {
            changes: "DIFF_SOME",
            replaces: ["spec.storage"],
            diffs: ["spec"],
            detailed: {
                "spec.autoStop.enable": "UPDATE",
                "spec.autoStop.duration": "DELETE",
                "spec.storage.location.volumeSize": "UPDATE_REPLACE",
            },
        });
    });

    it("old API: added annotations replace", async () => {
        const d = await diff(OLD, "DE-1", nb, withSpec({ annotations: { team: "ml" } }));
        assert.deepEqual(d.detailed, { "spec.annotations": "ADD_REPLACE" });
        assert.deepEqual(d.replaces, ["spec.annotations"]);
    });

    it("NotebookV2: a smaller disk (a replacement the core forces on an in-place row) shows as a replace", async () => {
        const v2 = {
            name: "nb",
            flavor: "modelarts.vm.cpu.2u",
            imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9",
            volume: { category: "EVS", capacity: 20 },
            status: "RUNNING",
            failedPolicy: "restart",
        };
        const grow = await diff("notebooks:modelarts:NotebookV2", "nb-1", v2, { ...v2, volume: { category: "EVS", capacity: 30 } });
        assert.deepEqual(grow.detailed, { "volume.capacity": "UPDATE" });
        const shrink = await diff("notebooks:modelarts:NotebookV2", "nb-1", v2, { ...v2, volume: { category: "EVS", capacity: 10 } });
        assert.deepEqual(shrink.detailed, { "volume.capacity": "UPDATE_REPLACE" });
        assert.deepEqual(shrink.replaces, ["volume.capacity"]);
    });

    it("NotebookV2: an EVS disk's omitted capacity is its 5 GB default, never a change beside a real one", async () => {
        const v2 = {
            name: "nb",
            flavor: "modelarts.vm.cpu.2u",
            imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9",
            volume: { category: "EVS", capacity: 5 },
            status: "RUNNING",
            failedPolicy: "restart",
        };
        const d = await diff("notebooks:modelarts:NotebookV2", "nb-1", v2, { ...v2, volume: { category: "EVS" }, description: "nightly" });
        assert.deepEqual(d.detailed, { description: "ADD" });
        assert.deepEqual(d.diffs, ["description"]);
    });

    it("DSW: top-level rows keep their nested paths", async () => {
        const dsw = {
            workspaceId: "40823",
            instanceName: "nb",
            ecsSpec: "ecs.c6.large",
            imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
            idleCuller: { maxIdleTimeInMinutes: 30 },
            status: "Running",
        };
        const d = await diff("notebooks:dsw:Instance", "dsw-1", dsw, { ...dsw, idleCuller: { maxIdleTimeInMinutes: 60 } });
        assert.deepEqual(d.detailed, { "idleCuller.maxIdleTimeInMinutes": "UPDATE" });
        assert.deepEqual(d.diffs, ["idleCuller"]);
    });
});
