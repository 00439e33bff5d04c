import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig, toolchain } from "../support/pulumi";

const program = (accessibility: string) => `
const random = require("@pulumi/random");
const { dsw } = require("pulumi-notebooks");
const suffix = new random.RandomString("suffix", { length: 6, special: false, upper: false });
const nb = new dsw.Instance("smoke", {
    workspaceId: "40823",
    instanceName: suffix.result.apply((s) => "smoke_" + s),
    ecsSpec: "ecs.c6.large",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
    accessibility: "${accessibility}",
});
exports.suffix = suffix.result;
exports.name = nb.instanceName;
exports.id = nb.instanceId;
exports.accessibility = nb.accessibility;
`;

describe("e2e smoke: the real pulumi CLI with a dynamic resource and @pulumi/random", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("smoke", program("PRIVATE"), emulatorConfig(t.url));
    });
    after(() => t.close());

    it("uses the pinned CLI version with the random plugin registered", () => {
        const tc = toolchain();
        const env = { ...process.env, PULUMI_HOME: tc.home, PULUMI_SKIP_UPDATE_CHECK: "true" };
        const version = execFileSync(path.join(tc.bin, "pulumi"), ["version"], { env, encoding: "utf8" }).trim();
        assert.equal(version, `v${(JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version}`);
        const plugins = execFileSync(path.join(tc.bin, "pulumi"), ["plugin", "ls"], { env, encoding: "utf8" });
        assert.match(
            plugins,
            new RegExp(
                `random\\s+resource\\s+${(JSON.parse(fs.readFileSync(require.resolve("@pulumi/random/package.json"), "utf8")) as { pulumi: { version: string } }).pulumi.version.replace(/\./g, "\\.")}`,
            ),
        );
    });

    it("preview → up → refresh → up with a changed input → destroy", async () => {
        const pv = await proj.must(["preview"]);
        assert.match(pv.output, /\+ 3 to create/);
        assert.equal((await t.admin.counters()).total, 0, "preview calls no cloud API");

        await proj.up();
        const out = await proj.outputs();
        assert.match(String(out.suffix), /^[a-z0-9]{6}$/);
        assert.equal(out.name, `smoke_${out.suffix}`);
        assert.equal(out.accessibility, "PRIVATE");
        let ops = (await t.admin.requests()).map((r) => r.op);
        assert.ok(ops.includes("dsw:CreateInstance") && ops.includes("dsw:GetInstance"), ops.join(" "));

        const seq = (await t.admin.requests()).length;
        await proj.must(["refresh", "--yes", "--skip-preview"]);
        ops = (await t.admin.requests()).slice(seq).map((r) => r.op);
        assert.ok(ops.length > 0 && ops.every((o) => o === "dsw:ListInstances" || o === "dsw:GetInstance"), ops.join(" "));

        proj.writeProgram(program("PUBLIC"));
        const seq2 = (await t.admin.requests()).length;
        await proj.up();
        ops = (await t.admin.requests()).slice(seq2).map((r) => r.op);
        assert.ok(ops.includes("dsw:UpdateInstance") && !ops.includes("dsw:CreateInstance") && !ops.includes("dsw:StopInstance"), ops.join(" "));
        assert.equal((await proj.outputs()).accessibility, "PUBLIC");
        assert.equal((await t.admin.dswInstance(String(out.id))).Accessibility, "PUBLIC");

        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.equal((await proj.exportState()).deployment.resources?.length ?? 0, 0);
        assert.deepEqual(await t.admin.dswInstances(), []);
    });
});
