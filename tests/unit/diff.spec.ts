import { strict as assert } from "node:assert";
import { planDiff, deepEqual } from "../../provider/common/diff";
import { projectLike } from "../../provider/common/casing";
import { DSW_POLICY } from "../../provider/dsw/policy";
import { MA_POLICY, flattenMa as flatten } from "../../provider/modelarts/policy";
import { createBody, updateBody, toWire } from "../../provider/dsw/mapping";

describe("diff policy tables", () => {
    const base = { instanceName: "nb", ecsSpec: "ecs.g6.xlarge", imageUrl: "r.example.com/a:b", status: "Running" };

    it("updates live fields in place, stops for container fields, replaces workspace/quota/tags", () => {
        assert.deepEqual(planDiff(base, { ...base, instanceName: "nb2" }, DSW_POLICY), {
            changed: ["instanceName"],
            replaces: [],
            updates: ["instanceName"],
            stopFirst: false,
        });
        const spec = planDiff(base, { ...base, ecsSpec: "ecs.g6.2xlarge" }, DSW_POLICY);
        assert.equal(spec.stopFirst, true);
        assert.deepEqual(planDiff({ ...base, workspaceId: "1" }, { ...base, workspaceId: "2" }, DSW_POLICY).replaces, ["workspaceId"]);
        assert.deepEqual(planDiff(base, { ...base, tags: { a: "b" } }, DSW_POLICY).replaces, ["tags"]);
    });

    it("ignores provider settings and key order", () => {
        const p = planDiff(
            { ...base, labels: { a: "1", b: "2" }, timeouts: { create: "5m" } },
            { ...base, labels: { b: "2", a: "1" }, timeouts: { create: "9m" } },
            DSW_POLICY,
        );
        assert.deepEqual(p.changed, []);
        assert.ok(deepEqual({ a: 1, b: undefined }, { a: 1 }));
    });

    it("ModelArts: description and autoStop update in place, everything else replaces", () => {
        const nb = { name: "n", profileId: "p", flavor: "modelarts.vm.cpu.2u", spec: { storage: { type: "evs" }, autoStop: { enable: false } } };
        const d = planDiff(flatten(nb), flatten({ ...nb, description: "x", spec: { ...nb.spec, autoStop: { enable: true, duration: 3600 } } }), MA_POLICY);
        assert.deepEqual(d, { changed: ["description", "spec.autoStop"], replaces: [], updates: ["description", "spec.autoStop"], stopFirst: false });
        assert.deepEqual(planDiff(flatten(nb), flatten({ ...nb, flavor: "modelarts.vm.cpu.8u" }), MA_POLICY).replaces, ["flavor"]);
        assert.deepEqual(
            planDiff(flatten(nb), flatten({ ...nb, spec: { ...nb.spec, storage: { type: "evs", location: { volumeSize: 10 } } } }), MA_POLICY).replaces,
            ["spec.storage"],
        );
    });
});

describe("wire mapping", () => {
    it("keeps server-filled defaults out of drift by projecting onto what the user set", () => {
        const live = [
            { datasetId: "d-1", mountPath: "/mnt/a", mountAccess: "RW", actualMountAccess: "RW" },
            { uri: "oss://b/", mountPath: "/mnt/b" },
        ];
        assert.deepEqual(projectLike(live, [{ datasetId: "d-1", mountPath: "/mnt/a" }]), [
            { datasetId: "d-1", mountPath: "/mnt/a" },
            { uri: "oss://b/", mountPath: "/mnt/b" },
        ]);
    });

    it("builds the CreateInstance body with wire names, label list and owner label; user maps untouched", () => {
        const body = createBody(
            {
                instanceName: "nb",
                ecsSpec: "ecs.g6.xlarge",
                imageUrl: "r/x:y",
                requestedResource: undefined,
                userVpc: { vpcId: "vpc-1", vSwitchId: "vsw-1", extendedCidrs: ["10.0.0.0/16"] },
                environmentVariables: { lower_case: "v" },
                labels: { team: "ml" },
                tags: { cost: "a" },
                status: "Running",
            },
            "proj/dev",
            "my-notebook",
        );
        assert.deepEqual(body.UserVpc, { VpcId: "vpc-1", VSwitchId: "vsw-1", ExtendedCIDRs: ["10.0.0.0/16"] });
        assert.deepEqual(body.EnvironmentVariables, { lower_case: "v" });
        assert.deepEqual(body.Labels, [
            { Key: "team", Value: "ml" },
            { Key: "pulumi-notebooks-owner", Value: "proj/dev" },
            { Key: "pulumi-notebooks-creating", Value: "pending:my-notebook" },
        ]);
        assert.deepEqual(body.Tag, [{ Key: "cost", Value: "a" }]);
        assert.equal(body.Status, undefined, "provider settings are not sent");
        assert.deepEqual(toWire({ requestedResource: { cpu: "4", gpuType: "A10" } }), { RequestedResource: { CPU: "4", GPUType: "A10" } });
    });

    it("turns a removed setting into its Disassociate flag", () => {
        assert.deepEqual(updateBody(["datasets", "userVpc", "ecsSpec"], { instanceName: "nb", ecsSpec: "ecs.g6.2xlarge", imageUrl: "r/x:y" }), {
            DisassociateDatasets: true,
            DisassociateVpc: true,
            EcsSpec: "ecs.g6.2xlarge",
        });
    });

    it("sends node pinning as AssignNodeSpec and its removal as DisassociateAssignNode", () => {
        const base = { instanceName: "nb", ecsSpec: "ecs.g6.2xlarge", imageUrl: "r/x:y" };
        assert.deepEqual(updateBody(["assignNodeSpec"], { ...base, assignNodeSpec: { nodeNames: "node-a" } }), { AssignNodeSpec: { NodeNames: "node-a" } });
        assert.deepEqual(updateBody(["assignNodeSpec"], base), { DisassociateAssignNode: true });
        assert.deepEqual(createBody({ ...base, assignNodeSpec: { antiAffinityNodeNames: "node-b" } }, "o", "r").AssignNodeSpec, {
            AntiAffinityNodeNames: "node-b",
        });
    });
});
