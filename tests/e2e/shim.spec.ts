import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { DSW_DEV, MA_DEV, TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig, installedPackageDir } from "../support/pulumi";
import { secretAudit } from "../support/secretAudit";

secretAudit.secret("registry-password-123", "imageAuth password");
secretAudit.secret(Buffer.from("robot:registry-password-123").toString("base64"), "imageAuth (base64)");

const program = `
const { dsw, modelarts } = require("pulumi-notebooks");
new dsw.Instance("a", { workspaceId: "40823", instanceName: "shim_a", ecsSpec: "ecs.c6.large", imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3",
    imageAuth: Buffer.from("robot:registry-password-123").toString("base64") });
new modelarts.Notebook("b", { name: "shim-b", profileId: "Multi-Engine 1.0 (python3)-cpu", flavor: "modelarts.vm.cpu.2u",
    spec: { storage: { type: "obs", location: { path: "/bucket/work/" } } } });
`;

describe("e2e: the __provider shim in state", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    let cliOutput = "";
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("shim-e2e", program, emulatorConfig(t.url));
        cliOutput += (await proj.up()).output;
        cliOutput += (await proj.must(["preview", "--refresh", "--diff"])).output;
    });
    after(async () => {
        await proj.run(["destroy", "--yes", "--skip-preview"]);
        await t.close();
    });

    it("stores a few hundred bytes per resource: a require() of the installed package", async () => {
        for (const r of [...(await proj.resources("dsw:Instance")), ...(await proj.resources("modelarts:Notebook"))]) {
            const shim = String(r.outputs?.__provider);
            assert.match(shim, /require\("pulumi-notebooks\/provider-shim\/(dsw|modelarts)"\)/);
            assert.ok(shim.length <= 2048, `__provider is ${shim.length} bytes`);
            process.stdout.write(`      __provider of ${r.type}: ${shim.length} bytes\n`);
        }
    });

    it("captures no credential and marks secret outputs secret", async () => {
        const exported = JSON.stringify(await proj.exportState()) + cliOutput + JSON.stringify(await t.admin.requests());
        for (const secret of [
            DSW_DEV.accessKeySecret,
            MA_DEV.secretKey,
            "registry-password-123",
            Buffer.from("robot:registry-password-123").toString("base64"),
        ]) {
            assert.ok(!exported.includes(secret), `state export, CLI output and request log must not contain ${secret.slice(0, 6)}…`);
        }
        const [a] = await proj.resources("dsw:Instance");
        assert.equal(
            (a.outputs?.imageAuth as { "4dabf18193072939515e22adb298388d"?: string })["4dabf18193072939515e22adb298388d"],
            "1b47061264138c4ac30d75fd1eb44270",
            "imageAuth is a secret in state",
        );
    });

    it("refresh runs the currently installed provider code, not a copy frozen in state", async () => {
        const entry = path.join(installedPackageDir(), "dist/provider/dsw/index.js");
        const original = fs.readFileSync(entry, "utf8");
        try {
            fs.writeFileSync(
                entry,
                original +
                    `\nconst _read = exports.provider.read;\nexports.provider.read = async (...a) => { const r = await _read(...a); if (r.id) r.props.providerBuild = "patched"; return r; };\n`,
            );
            await proj.must(["refresh", "--yes", "--skip-preview"]);
            const [a] = await proj.resources("dsw:Instance");
            assert.equal(a.outputs?.providerBuild, "patched");
        } finally {
            fs.writeFileSync(entry, original);
        }
        await proj.must(["refresh", "--yes", "--skip-preview"]);
        const [a] = await proj.resources("dsw:Instance");
        assert.equal(a.outputs?.providerBuild, undefined);
    });
});
