/**
 * Inputs no read path returns (spotSpec, oversoldType, assignNodeSpec: provider/dsw/fields.ts) must not drift: on
 * a real cloud a refresh reads them as absent, and a diff there would stop and restart a GPU
 * notebook on every `pulumi up`. The state `up` writes is read back through GetInstance (the read
 * after a write), the state a refresh writes through ListInstances (refreshes walk the workspace
 * listing, provider/dsw/readCache.ts): neither may show a diff.
 */
import { strict as assert } from "node:assert";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const program = `
const { dsw } = require("pulumi-notebooks");
const common = {
    ecsSpec: "ecs.gn7i-c8g1.2xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1-gpu",
    spotSpec: { spotStrategy: "SpotWithPriceLimit", spotPriceLimit: "0.5" },
    oversoldType: "AcceptQuotaOverSold",
    assignNodeSpec: { nodeNames: "node-a" },
};
const listed = new dsw.Instance("by-listing", { ...common, workspaceId: "40823", instanceName: "e2e_spot_listed" });
const got = new dsw.Instance("by-get", { ...common, instanceName: "e2e_spot_got" });
exports.ids = [listed.instanceId, got.instanceId];
`;

describe("e2e: write-only inputs (spotSpec, oversoldType, assignNodeSpec) never drift", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("dsw-write-only", program, emulatorConfig(t.url));
    });
    after(() => t.close());

    it("state read through GetInstance and through ListInstances shows no diff", async () => {
        const ops = async (since: number) => (await t.admin.requests()).slice(since).map((r) => r.op);
        await proj.up();
        assert.ok((await ops(0)).includes("dsw:GetInstance"), "up read its state back through GetInstance");
        const fromGet = await proj.run(["preview", "--diff", "--expect-no-changes"]);
        assert.equal(fromGet.code, 0, fromGet.output);
        const since = (await t.admin.requests()).length;
        const pv = await proj.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
        assert.equal(pv.code, 0, pv.output);
        assert.doesNotMatch(pv.output, /spotSpec|oversoldType|assignNodeSpec/);
        assert.ok((await ops(since)).includes("dsw:ListInstances"), "the refresh read through ListInstances");
        await proj.must(["up", "--refresh", "--yes", "--skip-preview"]);
        const after = (await t.admin.requests()).slice(since).map((r) => r.op);
        assert.ok(!after.includes("dsw:StopInstance") && !after.includes("dsw:UpdateInstance"), `no stop or update: ${after.join(" ")}`);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });
});
