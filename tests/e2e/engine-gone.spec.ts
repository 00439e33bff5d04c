/**
 * `pulumi up` killed with SIGKILL, its plugins left running: Pulumi starts each plugin in a process
 * group of its own (sdk/go/common/resource/plugin/plugin.go, `cmdutil.RegisterProcessGroup`), so a
 * `kill -9` of the CLI, or of its process group, reaches none of them. A provider that outlived its
 * engine finished the creates in flight and handed them over, clearing the creating marks: the
 * next run could not find them, made a second NotebookV2 and left both the first and the DSW
 * instance running after `destroy` (found by an independent tester). The providers now watch the
 * engine (provider/common/engineWatch.ts) and exit when it is gone, so the marks stay and the next
 * run continues the same notebooks. Both provider processes: the native plugin (a YAML program) and
 * the dynamic-provider host (a JavaScript program).
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { FAST, TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { pluginsBlock } from "../support/native";
import { descendantsOf } from "../support/processTree";
import { PulumiProject, consumerRoot, emulatorConfig, toolchain } from "../support/pulumi";

const IMAGE_V2 = "278e88d1-5b71-4766-8502-b3ba72e824d9";
/** Long enough that the kill lands mid-wait; the providers would hand over when it ends. */
const PROVISION_MS = 15_000;
/** The watch checks every second and needs two refusals in a row: gone within a few seconds. */
const PROVIDERS_GONE_WITHIN_MS = 10_000;

const yamlProgram = `name: engine-gone-yaml
runtime: yaml
${pluginsBlock}resources:
  nb:
    type: notebooks:dsw:Instance
    properties: { workspaceId: "40823", instanceName: gone_yaml, ecsSpec: ecs.c6.large, imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" }
  v2:
    type: notebooks:modelarts:NotebookV2
    properties: { name: gone-yaml-v2, flavor: modelarts.vm.cpu.2u, imageId: ${IMAGE_V2}, volume: { category: EVS, capacity: 20 } }
`;

const jsProgram = `const { dsw, modelarts } = require("pulumi-notebooks");
new dsw.Instance("nb", { workspaceId: "40823", instanceName: "gone_js", ecsSpec: "ecs.c6.large", imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" });
new modelarts.NotebookV2("v2", { name: "gone-js-v2", flavor: "modelarts.vm.cpu.2u", imageId: "${IMAGE_V2}", volume: { category: "EVS", capacity: 20 } });
`;

/** Running, not ended (a zombie whose new parent has not reaped it yet has ended). */
function alive(pid: number): boolean {
    try {
        return !/State:\s+Z/.test(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    } catch {
        return false;
    }
}

function commandOf(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
        return "(ended)";
    }
}

async function killedMidCreate(proj: PulumiProject, t: TestEmulator, live: () => Promise<string[]>): Promise<void> {
    const cli = spawn(path.join(toolchain().bin, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive"], {
        cwd: proj.dir,
        env: proj.env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    cli.stdout.on("data", (b: Buffer) => (output += b.toString()));
    cli.stderr.on("data", (b: Buffer) => (output += b.toString()));
    const exited = new Promise<void>((resolve) => cli.on("close", () => resolve()));
    await eventually(async () => (await live()).length === 2, 120_000, "both creates reached the cloud").catch((e: Error) => {
        throw new Error(`${e.message}; the CLI printed:\n${output}`);
    });
    // Both waits poll, and NotebookV2 carries its creating mark (a tag after the create).
    await eventually(async () => (await t.admin.requests()).some((r) => r.op === "modelarts:CreateNotebookTags"), 60_000, "the V2 creating mark");
    const plugins = descendantsOf(cli.pid as number);
    // Ours: the native plugin's server, or the dynamic-provider host that loads this package. The
    // language host is Pulumi's own: it checks its engine every 5 minutes (rpcutil/health.go).
    const providers = plugins.filter((p) => /dist\/provider\/native\/main\.js|cmd\/dynamic-provider/.test(commandOf(p)));
    assert.ok(providers.length > 0, `the CLI runs its providers as child processes: ${plugins.map(commandOf).join("; ")}`);
    cli.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();

    try {
        await eventually(async () => providers.every((p) => !alive(p)), PROVIDERS_GONE_WITHIN_MS, "the providers end once their engine is gone").catch(() => {
            throw new Error(`still running ${PROVIDERS_GONE_WITHIN_MS} ms after the CLI was killed:\n${providers.filter(alive).map(commandOf).join("\n")}`);
        });
    } finally {
        // Whatever outlived the CLI (Pulumi's language host for up to 5 minutes) ends with the test.
        for (const p of plugins.filter(alive)) process.kill(p, "SIGKILL");
    }
    // Past the end of provisioning, when a provider still running would hand the notebooks over.
    const since = (await t.admin.requests()).at(-1)?.seq ?? 0;
    await new Promise((r) => setTimeout(r, Math.max(0, PROVISION_MS + 2_000 - (Date.now() - killedAt))));
    const after = (await t.admin.requests(since)).filter((r) => r.cloud === "dsw" || r.cloud === "modelarts");
    assert.deepEqual(
        after.map((r) => r.op),
        [],
        "no call reaches the clouds once the providers are gone: the creating marks stay",
    );
}

async function recovers(proj: PulumiProject, live: () => Promise<string[]>): Promise<void> {
    const made = (await live()).sort();
    // A killed CLI leaves the file backend's lock and its pending creates behind; a person clears both.
    fs.rmSync(path.join(proj.dir, ".state", ".pulumi", "locks"), { recursive: true, force: true });
    await proj.must(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    const up = await proj.up();
    const continued = new Set([...up.output.matchAll(/found (\S+) .*continuing with it/g)].map((m) => m[1]));
    assert.deepEqual([...continued].sort(), made, `both interrupted creates are continued:\n${up.output}`);
    assert.deepEqual((await live()).sort(), made, "the same notebooks, no second one");
    const inState = [...(await proj.resources("dsw:Instance")), ...(await proj.resources("modelarts:NotebookV2"))].map((r) => String(r.id)).sort();
    assert.deepEqual(inState, made, "both in state");
    await proj.must(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await live(), [], "nothing left after destroy");
}

describe("e2e: pulumi up killed with SIGKILL, its plugins left running: they exit, and the next run continues the same notebooks", function () {
    this.timeout(600_000);
    const emulators: TestEmulator[] = [];
    after(() => Promise.all(emulators.map((t) => t.close())));

    for (const kind of ["native plugin (YAML)", "dynamic provider (JavaScript)"] as const) {
        it(kind, async () => {
            const t = await startTestEmulator({ durations: { ...FAST, provision: PROVISION_MS } });
            emulators.push(t);
            const live = async () => [
                ...(await t.admin.dswInstances()).map((i) => String(i.InstanceId)),
                ...(await t.admin.notebooks()).filter((n) => n.status !== "DELETED").map((n) => String(n.id)),
            ];
            let proj: PulumiProject;
            if (kind === "native plugin (YAML)") {
                const dir = fs.mkdtempSync(path.join(consumerRoot(), "engine-gone-yaml-"));
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yamlProgram);
                proj = await PulumiProject.inDir(dir, emulatorConfig(t.url));
            } else {
                proj = await PulumiProject.create("engine-gone-js", jsProgram, emulatorConfig(t.url));
            }
            await killedMidCreate(proj, t, live);
            await t.admin.setDurations(FAST);
            await recovers(proj, live);
        });
    }
});
