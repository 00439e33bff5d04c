/**
 * Credential sources besides stack config, through the real CLI against the emulator: Huawei's
 * credentials file, and the environment names pulumi-alicloud and Terraform users export. Each
 * creates a notebook; the keys appear in no state, output or log (the secret audit covers them).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DSW_DEV, MA_DEV, MA_PROJECT, TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject } from "../support/pulumi";

const dswProgram = `
const { dsw } = require("pulumi-notebooks");
exports.id = new dsw.Instance("nb", { workspaceId: "40823", instanceName: "cred_alias", ecsSpec: "ecs.g6.xlarge", imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/python:3.10" }).instanceId;
`;
const nbProgram = `
const { modelarts } = require("pulumi-notebooks");
exports.id = new modelarts.NotebookV2("nb", {
    name: "cred-source",
    flavor: "modelarts.vm.cpu.2u",
    imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090",
    volume: { category: "EVS" },
}).instanceId;
`;

describe("e2e: credentials from the clouds' usual sources (no keys in stack config)", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());

    async function createsAndDestroys(proj: PulumiProject, principal: string): Promise<void> {
        const since = (await t.admin.requests()).length;
        await proj.up();
        assert.ok(String((await proj.outputs()).id).length > 0);
        const who = new Set((await t.admin.requests()).slice(since).map((r) => r.principal));
        assert.deepEqual([...who].filter(Boolean), [principal], "every call signed with the key from that source");
        await proj.must(["destroy", "--yes", "--skip-preview"]);
    }

    it("Huawei's credentials file (HUAWEICLOUD_SDK_CREDENTIALS_FILE, [basic] with project_id)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hwfile-"));
        const file = path.join(dir, "credentials");
        fs.writeFileSync(file, `[basic]\nak = ${MA_DEV.accessKey}\nsk = ${MA_DEV.secretKey}\nproject_id = ${MA_PROJECT}\n`);
        const proj = await PulumiProject.create("cred-hwfile", nbProgram, {
            config: { "notebooks:modelartsEndpoint": t.url },
            env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: file },
        });
        await createsAndDestroys(proj, MA_DEV.accessKey);
    });

    it("Terraform's HW_ACCESS_KEY / HW_SECRET_KEY / HW_PROJECT_ID", async () => {
        const proj = await PulumiProject.create("cred-hw-env", nbProgram, {
            config: { "notebooks:modelartsEndpoint": t.url },
            env: {
                HW_ACCESS_KEY: MA_DEV.accessKey,
                HW_SECRET_KEY: MA_DEV.secretKey,
                HW_PROJECT_ID: MA_PROJECT,
                HUAWEICLOUD_SDK_CREDENTIALS_FILE: "/nonexistent",
            },
        });
        await createsAndDestroys(proj, MA_DEV.accessKey);
    });

    it("pulumi-alicloud's ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY", async () => {
        const proj = await PulumiProject.create("cred-alicloud-env", dswProgram, {
            config: { "notebooks:dswEndpoint": t.url },
            env: { ALICLOUD_ACCESS_KEY: DSW_DEV.accessKeyId, ALICLOUD_SECRET_KEY: DSW_DEV.accessKeySecret },
        });
        await createsAndDestroys(proj, DSW_DEV.accessKeyId);
    });
});
