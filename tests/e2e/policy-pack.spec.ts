/**
 * The shipped cost-guard policy pack (`policy-pack/`, policies in `policy/`) through the real
 * CLI: `pulumi preview --policy-pack` fails on a mandatory violation, warns on an advisory one,
 * takes its configuration from `--policy-pack-config`, and makes no API call while it judges.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const PACK = path.resolve(__dirname, "../../policy-pack");

const program = (schedule: string, extra = "") => `
const { dsw, modelarts } = require("pulumi-notebooks");
new dsw.Instance("gpu", {
    workspaceId: "40823",
    instanceName: "policy_gpu",
    ecsSpec: "ecs.gn7i-c8g1.2xlarge",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1-gpu",
    labels: { team: "ml" },
    ${schedule}
});
new modelarts.NotebookV2("v2", {
    name: "policy-v2",
    flavor: "modelarts.vm.gpu.p100",
    imageId: "278e88d1-5b71-4766-8502-b3ba72e824d9",
    volume: { category: "EVS" },
    lease: { duration: "4h" },
    tags: { team: "ml" },
    ${extra}
});
`;

describe("e2e: the cost-guard policy pack through pulumi preview --policy-pack", () => {
    let t: TestEmulator;
    before(async () => (t = await startTestEmulator()));
    after(() => t.close());

    it("a GPU notebook without a stop schedule fails the preview (mandatory), naming the resource and the rule", async () => {
        const proj = await PulumiProject.create("policy-mandatory", program(""), emulatorConfig(t.url));
        const before = (await t.admin.counters()).total;
        const pv = await proj.run(["preview", "--policy-pack", PACK]);
        assert.notEqual(pv.code, 0, pv.output);
        assert.match(pv.output, /gpu-notebook-stop-schedule/);
        assert.match(pv.output, /dsw\.Instance gpu \(1 GPU\) has no stop schedule/);
        assert.match(pv.output, /mandatory/);
        assert.equal((await t.admin.counters()).total - before, 0, "no API call");
    });

    it("a schedule within the limit passes; advisory policies warn (labels, GPU-hours) without failing", async () => {
        const proj = await PulumiProject.create("policy-advisory", program(`shutdownTimer: { remainingTime: "6h" },`), emulatorConfig(t.url));
        const cfg = path.join(proj.dir, "policy-config.json");
        fs.writeFileSync(cfg, JSON.stringify({ "required-labels": { labels: ["team", "cost-center"] } }));
        const pv = await proj.run(["preview", "--policy-pack", PACK, "--policy-pack-config", cfg]);
        assert.equal(pv.code, 0, pv.output);
        assert.match(pv.output, /required-labels/);
        assert.match(pv.output, /lacks the label\(s\) cost-center/);
        assert.match(pv.output, /at most 10 GPU-hours per day \(gpu 1×6 h, v2 1×4 h\)/);
        assert.match(pv.output, /advisory/);
    });

    it("configuration tightens a limit: maxHours 2 makes the 6 h timer a mandatory violation", async () => {
        const proj = await PulumiProject.create("policy-config", program(`shutdownTimer: { remainingTime: "6h" },`), emulatorConfig(t.url));
        const cfg = path.join(proj.dir, "policy-config.json");
        fs.writeFileSync(cfg, JSON.stringify({ "gpu-notebook-stop-schedule": { maxHours: 2 } }));
        const pv = await proj.run(["preview", "--policy-pack", PACK, "--policy-pack-config", cfg]);
        assert.notEqual(pv.code, 0);
        assert.match(pv.output, /stops only after 6 h \(shutdownTimer 6h\); the limit is 2 h/);
        assert.match(pv.output, /modelarts\.NotebookV2 v2 \(1 GPU\) stops only after 4 h/);
    });
});
