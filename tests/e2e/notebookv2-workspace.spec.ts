/**
 * `modelarts.NotebookV2` in a workspace other than the default one, through the real CLI: the
 * refresh reads it there, and `getNotebooksV2({ workspaceId })` lists that workspace's notebooks
 * only. ListNotebooks' workspace filter goes out under both names the sources give it
 * (`workspace_id`: Huawei's generated client and current reference; `workspaceId`: the older
 * reference and Terraform's client; docs/modelarts-notebooks-api.md §1).
 */
import { strict as assert } from "node:assert";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";
const WS = "5e1ec7ed0a1b2c3d4e5f60718293a4b5";

const program = `
const { modelarts } = require("pulumi-notebooks");
const common = { flavor: "modelarts.vm.cpu.2u", imageId: "${IMAGE}", volume: { category: "EVS", capacity: 10 } };
const research = new modelarts.NotebookV2("research", { ...common, name: "e2e-ws-research", workspaceId: "${WS}" });
const plain = new modelarts.NotebookV2("plain", { ...common, name: "e2e-ws-default" });
exports.researchId = research.instanceId;
exports.plainId = plain.instanceId;
// After both exist: the lookup of the research workspace.
const listed = research.instanceId.apply(() => plain.instanceId).apply(() => modelarts.getNotebooksV2({ workspaceId: "${WS}" }));
exports.listedIds = listed.apply((r) => r.notebooks.map((n) => n.id));
exports.listedWorkspaces = listed.apply((r) => [...new Set(r.notebooks.map((n) => n.workspaceId))]);
exports.listedTotal = listed.apply((r) => r.totalCount);
`;

describe("e2e: modelarts.NotebookV2 in a non-default workspace, and getNotebooksV2({ workspaceId })", function () {
    // Each step is one or two CLI runs; on a busy 2-core machine one takes up to two minutes.
    this.timeout(10 * 60_000);
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("nbv2-ws", program, emulatorConfig(t.url));
    });
    after(() => t.close());

    it("up: the lookup lists only the research workspace's notebook, sending workspace_id and workspaceId", async () => {
        await proj.up();
        const out = await proj.outputs();
        assert.deepEqual(out.listedIds, [out.researchId]);
        assert.deepEqual(out.listedWorkspaces, [WS]);
        assert.equal(out.listedTotal, 1);
        const live = await t.admin.notebooks();
        assert.equal(live.find((n) => n.id === out.researchId)?.workspace_id, WS);
        assert.equal(live.find((n) => n.id === out.plainId)?.workspace_id, "0");
        const lists = (await t.admin.requests()).filter((e) => e.op === "modelarts:ListNotebooks");
        assert.ok(lists.length > 0, "the lookup listed");
        for (const e of lists) {
            assert.ok(e.queryNames?.includes("workspace_id") && e.queryNames.includes("workspaceId"), `both names: ${JSON.stringify(e.queryNames)}`);
        }
    });

    it("refresh reads the notebook in its workspace: no drift; up --refresh lists the same", async () => {
        await proj.must(["refresh", "--yes"]);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
        await proj.up(["--refresh"]);
        const out = await proj.outputs();
        assert.deepEqual(out.listedIds, [out.researchId]);
        assert.deepEqual(out.listedWorkspaces, [WS]);
    });

    it("destroy", async () => {
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    });
});
