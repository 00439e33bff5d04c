/**
 * Inputs no read path returns (spotSpec, oversoldType: provider/dsw/fields.ts) must not drift: on
 * a real cloud a refresh reads them as absent, and a diff there would stop and restart a GPU
 * notebook on every `pulumi up`. One instance is read through ListInstances (workspaceId given:
 * the refresh walks the workspace listing), the other through GetInstance (default workspace).
 */
import { strict as assert } from "node:assert";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const program = `
const { dsw } = require("pulumi-notebooks");
const common = {
    ecsSpec: "ecs.gn7i-c8g1.2xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1-gpu",
    spotSpec: { spotStrategy: "SpotWithPriceLimit", spotPriceLimit: 0.5 },
    oversoldType: "AcceptQuotaOverSold",
};
const listed = new dsw.Instance("by-listing", { ...common, workspaceId: "40823", instanceName: "e2e_spot_listed" });
const got = new dsw.Instance("by-get", { ...common, instanceName: "e2e_spot_got" });
exports.ids = [listed.instanceId, got.instanceId];
`;

describe("e2e: write-only inputs (spotSpec, oversoldType) never drift", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("dsw-write-only", program, emulatorConfig(t.url));
    });
    after(() => t.close());

    it("refresh through ListInstances and through GetInstance shows no diff", async () => {
        await proj.up();
        const since = (await t.admin.requests()).length;
        const pv = await proj.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
        assert.equal(pv.code, 0, pv.output);
        assert.doesNotMatch(pv.output, /spotSpec|oversoldType/);
        const ops = (await t.admin.requests()).slice(since).map((r) => r.op);
        assert.ok(ops.includes("dsw:ListInstances") && ops.includes("dsw:GetInstance"), `both read paths served the refresh: ${ops.join(" ")}`);
        await proj.must(["up", "--refresh", "--yes", "--skip-preview"]);
        const after = (await t.admin.requests()).slice(since).map((r) => r.op);
        assert.ok(!after.includes("dsw:StopInstance") && !after.includes("dsw:UpdateInstance"), `no stop or update: ${after.join(" ")}`);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });
});
