/**
 * `pulumi import` by id with the native plugin, for all three resources: the engine's Read with
 * the id only gets the live notebook back as the program's inputs (each cloud's importInputs.ts),
 * and the code `pulumi import --generate-code` writes, run as the program, previews with no
 * changes. The notebooks are created by one stack and dropped from its state first (as if made in
 * the console: nothing of the first program is left for the import to read).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, consumerRoot, emulatorConfig } from "../support/pulumi";

const repo = path.resolve(__dirname, "../..");
const header = `name: native-import
runtime: yaml
plugins:
  providers:
    - name: notebooks
      path: ${path.join(repo, "bin")}
`;
const original = `${header}resources:
  dsw:
    type: notebooks:dsw:Instance
    properties:
      workspaceId: "40823"
      instanceName: import_dsw
      ecsSpec: ecs.c6.large
      imageUrl: registry.cn-hangzhou.aliyuncs.com/pai/py:3.10
      labels: { team: ml }
      idleCuller: { maxIdleTimeInMinutes: 45, cpuPercentThreshold: 10 }
  old:
    type: notebooks:modelarts:Notebook
    properties:
      name: import-old
      description: imported
      profileId: Multi-Engine 1.0 (python3)-gpu
      flavor: modelarts.vm.gpu.p100
      spec: { storage: { type: evs, location: { volumeSize: 20 } }, autoStop: { enable: true, duration: 3600 } }
  v2:
    type: notebooks:modelarts:NotebookV2
    properties:
      name: import-v2
      flavor: modelarts.vm.cpu.2u
      imageId: 278e88d1-5b71-4766-8502-b3ba72e824d9
      volume: { category: EVS, capacity: 20 }
      lease: { duration: 8h }
      tags: { team: ml }
`;

const TYPES = { dsw: "notebooks:dsw:Instance", old: "notebooks:modelarts:Notebook", v2: "notebooks:modelarts:NotebookV2" } as const;

describe("e2e native plugin: pulumi import by id reads the live notebook into the program's inputs (all three resources)", function () {
    this.timeout(600_000);
    let t: TestEmulator;
    let proj: PulumiProject;

    before(async () => {
        t = await startTestEmulator();
        const dir = fs.mkdtempSync(path.join(consumerRoot(), "native-import-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), original);
        proj = await PulumiProject.inDir(dir, emulatorConfig(t.url));
    });
    after(() => t?.close());

    it("imports each by id with its live inputs; the generated code previews clean; destroy deletes them", async () => {
        await proj.up();
        const ids: Record<string, string> = {};
        for (const [name, type] of Object.entries(TYPES)) {
            const [r] = await proj.resources(type);
            ids[name] = String(r.id);
            await proj.must(["state", "delete", r.urn, "--yes"]);
        }
        // An empty program: nothing but what the imports add.
        fs.writeFileSync(path.join(proj.dir, "Pulumi.yaml"), `${header}resources: {}\n`);

        const generated: string[] = [];
        for (const [name, type] of Object.entries(TYPES)) {
            const out = path.join(proj.dir, `${name}.yaml`);
            const imp = await proj.must(["import", type, name, ids[name], "--yes", "--protect=false", "--out", out]);
            assert.match(imp.output, /= 1 imported/);
            generated.push(fs.readFileSync(out, "utf8"));
        }
        const state = Object.fromEntries(
            ((await proj.exportState()).deployment.resources ?? []).filter((r) => r.type.startsWith("notebooks:")).map((r) => [r.urn.split("::").pop(), r]),
        );
        const inputs = (n: string) => state[n]?.inputs ?? {};
        assert.deepEqual(
            { ...inputs("dsw"), status: undefined },
            {
                workspaceId: "40823",
                instanceName: "import_dsw",
                ecsSpec: "ecs.c6.large",
                imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
                labels: { team: "ml" },
                idleCuller: { maxIdleTimeInMinutes: 45, cpuPercentThreshold: 10 },
                status: undefined,
                ...pickDefaults(inputs("dsw"), ["accessibility", "priority", "workspaceSource", "dynamicMount", "requestedResource", "cloudDisks"]),
            },
        );
        assert.equal(inputs("dsw").status, "Running");
        assert.equal(inputs("old").status, "RUNNING");
        assert.equal(inputs("v2").status, "RUNNING");
        assert.equal(inputs("old").name, "import-old");
        assert.equal(inputs("old").description, "imported");
        assert.equal(inputs("old").profileId, "Multi-Engine 1.0 (python3)-gpu");
        assert.equal(inputs("old").flavor, "modelarts.vm.gpu.p100");
        assert.deepEqual((inputs("old").spec as Record<string, unknown>).autoStop, { enable: true, duration: 3600 });
        assert.equal(inputs("v2").name, "import-v2");
        assert.equal(inputs("v2").imageId, "278e88d1-5b71-4766-8502-b3ba72e824d9");
        assert.deepEqual(inputs("v2").lease, { duration: "8h" });
        assert.deepEqual(inputs("v2").tags, { team: "ml" });

        // The generated code as the program: no changes.
        const program = `${header}resources:\n${generated.map((g) => g.replace(/^resources:\n/m, "")).join("")}`;
        process.stdout.write(`\n----- pulumi import --generate-code (all three) -----\n${generated.join("")}\n`);
        fs.writeFileSync(path.join(proj.dir, "Pulumi.yaml"), program);
        const pv = await proj.must(["preview", "--diff", "--expect-no-changes"]);
        process.stdout.write(`----- preview --diff of the generated program -----\n${pv.stdout}\n`);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);

        // The old API's nested spec rows each show at their path with their own kind: auto-stop
        // updates in place, the EVS size replaces (the engine prints what detailedDiff says).
        fs.writeFileSync(path.join(proj.dir, "Pulumi.yaml"), program.replace("duration: 3600", "duration: 7200").replace("volumeSize: 20", "volumeSize: 30"));
        const json = JSON.parse((await proj.must(["preview", "--json"])).stdout) as {
            steps: Array<{ urn: string; diffReasons?: string[]; replaceReasons?: string[]; detailedDiff?: Record<string, { kind: string }> | null }>;
        };
        const old = json.steps.find((st) => st.urn.endsWith(`${TYPES.old}::old`));
        assert.deepEqual(old?.detailedDiff?.["spec.autoStop.duration"], { kind: "update", inputDiff: true });
        assert.deepEqual(old?.detailedDiff?.["spec.storage.location.volumeSize"], { kind: "update-replace", inputDiff: true });
        assert.deepEqual(old?.replaceReasons, ["spec.storage"]);
        // The summary line names the top-level input (the CLI lists only top-level diffs; it was empty).
        assert.deepEqual(old?.diffReasons, ["spec"]);
        const text = (await proj.must(["preview"])).stdout;
        assert.match(text, /notebooks:modelarts:Notebook\s+old\s+replace\s+\[diff: ~spec\]/, text);

        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
        assert.deepEqual(await t.admin.maInstances(), []);
        assert.deepEqual(await t.admin.notebooks(), []);
    });
});

/** The server-side defaults the cloud echoes and the import keeps (whatever they are, they are inputs now). */
function pickDefaults(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
    return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
