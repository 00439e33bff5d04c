/**
 * Cancellation with the native plugin: the first Ctrl-C (SIGINT to the CLI) makes the engine send
 * the provider Cancel (pkg/engine/deployment.go → deploy.deploymentExecutor.Execute →
 * Host.SignalCancellation, Pulumi 3.248). The provider's waits then end at once, and the create the
 * cloud had already accepted still ends in state with its id (ErrorResourceInitFailed), so the next
 * `up` finishes that notebook instead of making a second one, and `destroy` removes it. One up
 * creates one notebook of each resource at once, so the one Cancel must stop all three waits (DSW,
 * the old ModelArts API and NotebookV2 each wait through their own client and poll operation).
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
  old:
    type: notebooks:modelarts:Notebook
    properties:
      name: cancel-old
      profileId: Multi-Engine 1.0 (python3)-gpu
      flavor: modelarts.vm.gpu.p100
      spec: { storage: { type: evs, location: { volumeSize: 20 } } }
  v2:
    type: notebooks:modelarts:NotebookV2
    properties: { name: cancel-v2, flavor: modelarts.vm.cpu.2u, imageId: 278e88d1-5b71-4766-8502-b3ba72e824d9, volume: { category: EVS, capacity: 20 } }
outputs:
  dsw: \${nb.id}
  old: \${old.id}
  v2: \${v2.id}
`;

/** Each resource's type, and the operation its wait polls with once the create is accepted. */
const KINDS = [
    { output: "dsw", type: "notebooks:dsw:Instance", polls: ["dsw:GetInstance", "dsw:ListInstances"] },
    { output: "old", type: "notebooks:modelarts:Notebook", polls: ["modelarts:GetInstance", "modelarts:ListInstances"] },
    { output: "v2", type: "notebooks:modelarts:NotebookV2", polls: ["modelarts:ShowNotebook", "modelarts:ListNotebooks"] },
] as const;

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

    it("the up ends within seconds of SIGINT, the three accepted creates are in state; the next up finishes the same notebooks, destroy removes them", async () => {
        const child = spawn(path.join(toolchain().bin, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive"], {
            cwd: proj.dir,
            env: proj.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (b: Buffer) => (output += b.toString()));
        child.stderr.on("data", (b: Buffer) => (output += b.toString()));
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));

        const live = async () => [
            ...(await t.admin.dswInstances()).map((i) => String(i.InstanceId)),
            ...(await t.admin.maInstances()).map((i) => String(i.id)),
            ...(await t.admin.notebooks()).map((n) => String(n.id)),
        ];
        await eventually(async () => (await live()).length === KINDS.length, 120_000, "the three creates reached the clouds").catch((e: Error) => {
            throw new Error(`${e.message}; the CLI printed:\n${output}`);
        });
        // Let every wait begin polling its notebook.
        const since = (await t.admin.requests()).length;
        await eventually(
            async () => {
                const ops = new Set((await t.admin.requests()).slice(since).map((r) => r.op));
                return KINDS.every((k) => k.polls.some((op) => ops.has(op)));
            },
            60_000,
            "each wait polls its notebook",
        );
        const sent = Date.now();
        child.kill("SIGINT");
        const code = await exited;
        const tookMs = Date.now() - sent;

        assert.notEqual(code, 0, output);
        assert.ok(tookMs < CANCELLED_WITHIN_MS, `up ended ${tookMs} ms after SIGINT (provisioning takes ${PROVISION_MS} ms)\n${output}`);
        assert.equal(output.match(/cancelled: stopped waiting/g)?.length, KINDS.length, `each of the three waits was cancelled:\n${output}`);
        assert.equal(output.match(/is kept in the stack/g)?.length, KINDS.length, output);

        const liveIds = await live();
        for (const k of KINDS) {
            const [inState] = await proj.resources(k.type);
            assert.ok(inState?.id && liveIds.includes(inState.id), `the accepted ${k.type} create is in state with its id`);
        }
        const state = await proj.exportState();
        assert.deepEqual((state.deployment as { pending_operations?: unknown[] }).pending_operations ?? [], [], "no pending operation left behind");

        // The next up finishes the waits for the same notebooks (the rest of their provisioning).
        await t.admin.setDurations(FAST);
        await proj.up();
        assert.deepEqual((await live()).sort(), [...liveIds].sort(), "the same notebooks, no second one");
        const outputs = await proj.outputs();
        assert.deepEqual(KINDS.map((k) => String(outputs[k.output])).sort(), [...liveIds].sort());

        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await live(), []);
    });
});
