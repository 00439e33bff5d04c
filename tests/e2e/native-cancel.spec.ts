/**
 * Cancellation with the native plugin: the first Ctrl-C (SIGINT to the CLI) makes the engine send
 * the provider Cancel (pkg/engine/deployment.go → deploy.deploymentExecutor.Execute →
 * Host.SignalCancellation, Pulumi 3.248). The provider's waits then end at once, and the create the
 * cloud had already accepted still ends in state with its id (ErrorResourceInitFailed), so the next
 * `up` finishes that notebook instead of making a second one, and `destroy` removes it.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { FAST, TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { pluginsBlock } from "../support/native";
import { PulumiProject, consumerRoot, emulatorConfig, toolchain } from "../support/pulumi";

const program = `name: native-cancel
runtime: yaml
${pluginsBlock}resources:
  nb:
    type: notebooks:dsw:Instance
    properties: { workspaceId: "40823", instanceName: cancel_nb, ecsSpec: ecs.c6.large, imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" }
outputs:
  id: \${nb.id}
`;

/**
 * Provisioning long enough that only the cancellation can end the wait within CANCELLED_WITHIN_MS
 * of the signal, short enough that the next up (which waits out the rest of it) stays quick.
 */
const PROVISION_MS = 60_000;
const CANCELLED_WITHIN_MS = 30_000;

describe("e2e native plugin: Ctrl-C during a create stops the waits and keeps the notebook in state", function () {
    this.timeout(600_000);
    let t: TestEmulator;
    let proj: PulumiProject;

    before(async () => {
        t = await startTestEmulator({ durations: { ...FAST, provision: PROVISION_MS } });
        const dir = fs.mkdtempSync(path.join(consumerRoot(), "native-cancel-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program);
        proj = await PulumiProject.inDir(dir, emulatorConfig(t.url));
    });
    after(() => t?.close());

    it("the up ends within seconds of SIGINT, the accepted create is in state; the next up finishes the same notebook, destroy removes it", async () => {
        const child = spawn(path.join(toolchain().bin, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive"], {
            cwd: proj.dir,
            env: proj.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (b: Buffer) => (output += b.toString()));
        child.stderr.on("data", (b: Buffer) => (output += b.toString()));
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));

        await eventually(async () => (await t.admin.dswInstances()).length === 1, 120_000, "the create reached the cloud");
        // Let the provider's wait begin polling.
        await eventually(async () => (await t.admin.requests()).some((r) => r.op === "dsw:GetInstance"), 60_000, "the provider polls the new notebook");
        const sent = Date.now();
        child.kill("SIGINT");
        const code = await exited;
        const tookMs = Date.now() - sent;

        assert.notEqual(code, 0, output);
        assert.ok(tookMs < CANCELLED_WITHIN_MS, `up ended ${tookMs} ms after SIGINT (provisioning takes ${PROVISION_MS} ms)\n${output}`);
        assert.match(output, /cancelled: stopped waiting/, output);
        assert.match(output, /is kept in the stack/, output);

        const [live] = await t.admin.dswInstances();
        const liveId = String(live.InstanceId ?? live.instanceId);
        const [inState] = await proj.resources("notebooks:dsw:Instance");
        assert.equal(inState?.id, liveId, "the accepted create is in state with its id");
        const state = await proj.exportState();
        assert.deepEqual((state.deployment as { pending_operations?: unknown[] }).pending_operations ?? [], [], "no pending operation left behind");

        // The next up finishes the wait for the same notebook (the rest of its provisioning).
        await t.admin.setDurations(FAST);
        await proj.up();
        const after = await t.admin.dswInstances();
        assert.deepEqual(
            after.map((i) => String(i.InstanceId ?? i.instanceId)),
            [liveId],
            "the same notebook, no second one",
        );
        assert.equal(String((await proj.outputs()).id), liveId);

        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
    });
});
