/**
 * `modelarts.NotebookV2` (the current notebook API) through the real CLI, with the coverage
 * `modelarts.Notebook` has: create, drift on status, flavor, image and lease in `preview
 * --refresh --diff`, repair with `up --refresh`, a lease stop kept by nightly runs, a failed
 * create kept in state, destroy.
 */
import { strict as assert } from "node:assert";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";
import { secretAudit } from "../support/secretAudit";

const IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";
const OTHER_IMAGE = "5c6e3cb5-1d9b-4d2d-92b4-8c1e5a3c7f01";

/** A tag value the program makes secret: state keeps it encrypted under \`liveTags\` too (an independent tester found it there in plain text). */
const SECRET_TAG = "TopSecretTagValue0001";
secretAudit.secret(SECRET_TAG, "a tag value the program made secret");

const program = (extra = "") => `
const pulumi = require("@pulumi/pulumi");
const { modelarts } = require("pulumi-notebooks");
const nb = new modelarts.NotebookV2("gpu", {
    name: "e2e-notebook-v2",
    flavor: "modelarts.vm.gpu.p100",
    imageId: "${IMAGE}",
    volume: { category: "EVS", capacity: 20 },
    lease: { duration: "8h" },
    tags: { team: "ml", owner: pulumi.secret("${SECRET_TAG}") },
    ${extra}
});
exports.id = nb.instanceId;
exports.status = nb.status;
exports.lease = nb.leaseState;
exports.stoppedBySchedule = nb.stoppedBySchedule;
exports.token = nb.token;
`;

describe("e2e: modelarts.NotebookV2 (current notebook API) through the real pulumi CLI", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    let id: string;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("nbv2-e2e", program(), emulatorConfig(t.url));
    });
    after(() => t.close());

    it("up creates a RUNNING notebook with its lease; the token is a secret; preview --refresh shows nothing", async () => {
        await proj.up();
        const out = await proj.outputs();
        id = String(out.id);
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.equal(out.status, "RUNNING");
        assert.equal((out.lease as { duration: string }).duration, "8h");
        const state = JSON.stringify(await proj.exportState());
        const token = String((await t.admin.notebook(id)).token);
        // Every later CLI output, state file and emulator request of the run is searched for it too.
        secretAudit.secret(token, `ModelArts notebook token of ${id}`);
        assert.ok(token.length > 10 && !state.includes(token), "the notebook token is encrypted in state");
        assert.ok(!state.includes(SECRET_TAG), "a secret tag value is encrypted in state, liveTags included");
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("console drift (stopped, flavor, image, lease) shows in preview --refresh --diff; up --refresh repairs it in place", async () => {
        await t.admin.nbStop(id);
        await eventually(async () => (await t.admin.notebook(id)).status === "STOPPED", 10_000, "the console stop");
        await t.admin.nbSet(id, { flavor: "modelarts.vm.gpu.v100", imageId: OTHER_IMAGE, leaseMs: 2 * 3_600_000 });
        const pv = await proj.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
        assert.notEqual(pv.code, 0);
        assert.match(pv.output, /~ status\s*: "STOPPED" => "RUNNING"/);
        assert.match(pv.output, /~ flavor\s*: "modelarts\.vm\.gpu\.v100" => "modelarts\.vm\.gpu\.p100"/);
        assert.match(pv.output, new RegExp(`~ imageId\\s*: "${OTHER_IMAGE}" => "${IMAGE}"`));
        assert.match(pv.output, /~ duration\s*: "2h" => "8h"/);
        assert.doesNotMatch(pv.output, /replace/);
        await proj.up(["--refresh"]);
        assert.equal(String((await proj.outputs()).id), id, "same notebook, updated in place");
        const live = await t.admin.notebook(id);
        assert.equal(live.status, "RUNNING");
        assert.equal(live.flavor, "modelarts.vm.gpu.p100");
        assert.equal((live.image as { id: string }).id, IMAGE);
        assert.equal((live.lease as { duration: number }).duration, 8 * 3_600_000);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
        assert.ok(!JSON.stringify(await proj.exportState()).includes(String(live.token)), "still encrypted after a refresh wrote the state");
    });

    it("a lease stop is the schedule working: two nightly `up --refresh` runs leave it stopped", async () => {
        await t.admin.nbSet(id, { leaseRemainingMs: 200 });
        await eventually(async () => (await t.admin.notebook(id)).status === "STOPPED", 10_000, "the lease to stop it");
        const since = (await t.admin.requests()).length;
        for (let night = 1; night <= 2; night++) {
            const r = await proj.must(["up", "--refresh", "--yes", "--skip-preview"]);
            assert.doesNotMatch(r.output, /starting/, `night ${night}: no start`);
        }
        const ops = (await t.admin.requests()).slice(since).map((r) => r.op);
        assert.ok(!ops.includes("modelarts:StartNotebook"), ops.join(" "));
        assert.equal((await t.admin.notebook(id)).status, "STOPPED");
        assert.equal((await proj.outputs()).stoppedBySchedule, true);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("a smaller disk is a replacement, announced with the data it deletes", async () => {
        proj.writeProgram(program().replace("capacity: 20", "capacity: 10"));
        const pv = await proj.run(["preview", "--diff"]);
        assert.equal(pv.code, 0, pv.output);
        assert.match(pv.output, /replace/);
        assert.match(pv.output, /deletes its EVS disk/);
        proj.writeProgram(program());
    });

    it("destroy deletes it and leaves nothing in state", async () => {
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        await eventually(async () => (await t.admin.notebooks()).length === 0, 10_000, "the delete");
        assert.equal((await proj.exportState()).deployment.resources?.length ?? 0, 0);
    });

    it("CREATE_FAILED: up fails without hanging, the notebook is kept in state, destroy removes it", async () => {
        const failed = await PulumiProject.create("nbv2-failed", program(), emulatorConfig(t.url));
        await t.admin.setFaults({ failNextCreates: 1 });
        const up = await failed.run(["up", "--yes", "--skip-preview"]);
        assert.notEqual(up.code, 0);
        assert.match(up.output, /CREATE_FAILED/);
        const rs = await failed.resources("modelarts:NotebookV2");
        assert.equal(rs.length, 1);
        assert.ok(rs[0].outputs?.__provider, "kept with its __provider");
        await failed.must(["destroy", "--yes", "--skip-preview"]);
        await eventually(async () => (await t.admin.notebooks()).length === 0, 10_000, "the delete");
    });
});
