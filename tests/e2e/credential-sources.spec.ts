/**
 * Credential sources besides stack config, through the real CLI against the emulator: Huawei's
 * credentials file, the environment names pulumi-alicloud and Terraform users export, and the
 * temporary-credential sources (Alibaba's default chain through its official library: CLI profiles
 * incl. RamRoleArn over STS, the shared credentials file, OIDC, the ECS instance role, a
 * credentials URI; Huawei IdP federation and ECS metadata). Each creates a notebook; every call
 * is signed by a key of that source; the keys, session secrets and ID tokens appear in no state,
 * output or log (the secret audit covers them). Every source is pointed at the emulator by
 * configuration: nothing here contacts an address but loopback.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DSW_DEV, DSW_OTHER, MA_DEV, MA_OTHER, MA_PROJECT, TestEmulator, startTestEmulator } from "../support/emulator";
import { secretAudit } from "../support/secretAudit";
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
    let caFile: string;
    let stsHost: string;
    before(async () => {
        t = await startTestEmulator({ httpsPort: 0 });
        caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emu-ca-")), "ca.pem");
        fs.writeFileSync(caFile, t.emu.caCert as string);
        stsHost = new URL(t.emu.httpsUrl as string).host;
    });
    after(() => t.close());

    /** Files under a home of the test's own (HOME of the stack's processes). */
    function homeWith(files: Record<string, string>): string {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "cred-home-"));
        for (const [rel, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
            fs.writeFileSync(path.join(home, rel), text);
        }
        return home;
    }

    /** A CLI config whose current profile assumes the emulator's deployer role at its STS (https). */
    function ramRoleConfig(sessionName: string, extra: Record<string, unknown> = {}): string {
        const profile = {
            name: "deployer",
            mode: "RamRoleArn",
            access_key_id: DSW_DEV.accessKeyId,
            access_key_secret: DSW_DEV.accessKeySecret,
            ram_role_arn: `acs:ram::${DSW_DEV.userId}:role/notebooks-deployer`,
            ram_session_name: sessionName,
            sts_endpoint: stsHost,
            ...extra,
        };
        return JSON.stringify({ current: "deployer", profiles: [profile] });
    }

    async function idTokenFile(audience: string): Promise<string> {
        const token = await t.admin.idToken("ci-pipeline-42", audience, 3600);
        secretAudit.secret(token, `OIDC ID token for ${audience}`);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "oidc-")), "token");
        fs.writeFileSync(file, token);
        return file;
    }

    /**
     * Up then destroy; every cloud call of both was signed by a temporary key that `source` issued
     * for `account`, and at least one such key was issued. Returns the sessions used.
     */
    async function createsAndDestroysWithSessions(proj: PulumiProject, cloud: "dsw" | "modelarts", source: string, account: string): Promise<string[]> {
        const since = (await t.admin.requests()).length;
        await proj.up();
        assert.ok(String((await proj.outputs()).id).length > 0);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        const calls = (await t.admin.requests()).slice(since).filter((r) => r.cloud === cloud);
        const sessions = new Map((await t.admin.sessions()).map((k) => [k.accessKeyId, k]));
        assert.ok(calls.length > 0);
        for (const c of calls) {
            const k = sessions.get(c.principal ?? "");
            assert.ok(k, `${c.op} signed by ${c.principal}, not a temporary key`);
            assert.equal(k.source, source, `${c.op} signed by a key from ${k.source}`);
            assert.equal(k.accountKey, account);
        }
        return [...new Set(calls.map((c) => c.principal as string))];
    }

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

    it("Alibaba CLI profile, AK mode (~/.aliyun/config.json, `current`)", async () => {
        const home = homeWith({
            ".aliyun/config.json": JSON.stringify({
                current: "team",
                profiles: [
                    { name: "team", mode: "AK", access_key_id: DSW_DEV.accessKeyId, access_key_secret: DSW_DEV.accessKeySecret, region_id: "cn-hangzhou" },
                ],
            }),
        });
        const proj = await PulumiProject.create("cred-cli-ak", dswProgram, { config: { "notebooks:dswEndpoint": t.url }, env: { HOME: home } });
        await createsAndDestroys(proj, DSW_DEV.accessKeyId);
    });

    it("Alibaba shared credentials file (~/.alibabacloud/credentials, [default] access_key)", async () => {
        const home = homeWith({
            ".alibabacloud/credentials": `[default]\ntype = access_key\naccess_key_id = ${DSW_DEV.accessKeyId}\naccess_key_secret = ${DSW_DEV.accessKeySecret}\n`,
        });
        const proj = await PulumiProject.create("cred-ini", dswProgram, { config: { "notebooks:dswEndpoint": t.url }, env: { HOME: home } });
        await createsAndDestroys(proj, DSW_DEV.accessKeyId);
    });

    it("Alibaba RamRoleArn profile: AssumeRole at STS (https), every DSW call signed by the role's session", async () => {
        const home = homeWith({ ".aliyun/config.json": ramRoleConfig("pulumi-e2e", { expired_seconds: 900 }) });
        const proj = await PulumiProject.create("cred-ramrole", dswProgram, {
            config: { "notebooks:dswEndpoint": t.url },
            env: { HOME: home, NODE_EXTRA_CA_CERTS: caFile },
        });
        await createsAndDestroysWithSessions(proj, "dsw", "AssumeRole", DSW_DEV.accessKeyId);
    });

    it("Alibaba OIDC role (RRSA variables): AssumeRoleWithOIDC with the ID token file", async () => {
        const proj = await PulumiProject.create("cred-oidc", dswProgram, {
            config: { "notebooks:dswEndpoint": t.url, "notebooks:dswStsEndpoint": stsHost },
            env: {
                NODE_EXTRA_CA_CERTS: caFile,
                ALIBABA_CLOUD_ROLE_ARN: `acs:ram::${DSW_DEV.userId}:role/notebooks-deployer`,
                ALIBABA_CLOUD_OIDC_PROVIDER_ARN: `acs:ram::${DSW_DEV.userId}:oidc-provider/notebooks-ci`,
                ALIBABA_CLOUD_OIDC_TOKEN_FILE: await idTokenFile("sts.aliyuncs.com"),
            },
        });
        await createsAndDestroysWithSessions(proj, "dsw", "AssumeRoleWithOIDC", DSW_DEV.accessKeyId);
    });

    it("Alibaba ECS instance RAM role (ALIBABA_CLOUD_ECS_METADATA, metadata at notebooks:dswMetadataEndpoint)", async () => {
        const proj = await PulumiProject.create("cred-ecs", dswProgram, {
            config: { "notebooks:dswEndpoint": t.url, "notebooks:dswMetadataEndpoint": t.url },
            env: { ALIBABA_CLOUD_ECS_METADATA: "notebooks-ecs-role" },
        });
        await createsAndDestroysWithSessions(proj, "dsw", "ecs-metadata", DSW_DEV.accessKeyId);
        const imds = (await t.admin.requests()).filter((r) => r.op === "metadata:MetadataToken");
        assert.ok(imds.length > 0, "the library asked for an IMDSv2 session token first");
    });

    it("Alibaba credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)", async () => {
        const proj = await PulumiProject.create("cred-uri", dswProgram, {
            config: { "notebooks:dswEndpoint": t.url },
            env: { ALIBABA_CLOUD_CREDENTIALS_URI: `${t.url}/_sidecar/credentials` },
        });
        await createsAndDestroysWithSessions(proj, "dsw", "credentials-uri", DSW_DEV.accessKeyId);
    });

    it("Huawei IdP federation (HUAWEICLOUD_SDK_IDP_ID + HUAWEICLOUD_SDK_ID_TOKEN_FILE)", async () => {
        const proj = await PulumiProject.create("cred-idp", nbProgram, {
            config: { "notebooks:modelartsEndpoint": t.url },
            env: {
                HUAWEICLOUD_SDK_IDP_ID: "notebooks-ci",
                HUAWEICLOUD_SDK_ID_TOKEN_FILE: await idTokenFile("notebooks-ci"),
                HUAWEICLOUD_SDK_PROJECT_ID: MA_PROJECT,
            },
        });
        await createsAndDestroysWithSessions(proj, "modelarts", "idp", MA_DEV.accessKey);
    });

    it("Huawei ECS metadata (notebooks:modelartsAuth metadata)", async () => {
        const proj = await PulumiProject.create("cred-hw-meta", nbProgram, {
            config: {
                "notebooks:modelartsEndpoint": t.url,
                "notebooks:modelartsAuth": "metadata",
                "notebooks:modelartsMetadataEndpoint": t.url,
                "notebooks:modelartsProjectId": MA_PROJECT,
            },
        });
        await createsAndDestroysWithSessions(proj, "modelarts", "metadata", MA_DEV.accessKey);
    });

    it("STS sessions that end in the middle of a create's wait are replaced before the cloud refuses one", async () => {
        // Every session lasts 2 s (test-time compression); the create takes ~5 s of polling.
        await t.admin.setDurations({ provision: 5000 });
        await t.admin.setSessionSeconds(2);
        try {
            const home = homeWith({ ".aliyun/config.json": ramRoleConfig("long-wait") });
            const proj = await PulumiProject.create("cred-sts-expiry", dswProgram, {
                config: { "notebooks:dswEndpoint": t.url },
                env: { HOME: home, NODE_EXTRA_CA_CERTS: caFile },
            });
            const since = (await t.admin.requests()).length;
            await proj.up();
            const log = (await t.admin.requests()).slice(since);
            const sessions = new Map((await t.admin.sessions()).map((k) => [k.accessKeyId, k]));
            const waits = log.filter((r) => r.op === "dsw:GetInstance");
            const used = [...new Set(waits.map((r) => r.principal as string))];
            const first = sessions.get(used[0]);
            assert.ok(first, "the wait was signed by a session");
            assert.ok(
                waits.some((r) => r.at > first.expiresAt),
                "the wait went on after its first session had ended",
            );
            assert.ok(used.length >= 2, `the wait used ${used.length} session(s)`);
            for (const r of waits) {
                const k = sessions.get(r.principal as string);
                assert.ok(k && r.at < k.expiresAt, `${r.op} at ${r.at} signed by a session that ended at ${k?.expiresAt}`);
            }
            assert.deepEqual(
                log.filter((r) => r.code === "InvalidSecurityToken.Expired"),
                [],
                "no request was refused for an expired session",
            );
            await proj.must(["destroy", "--yes", "--skip-preview"]);
        } finally {
            await t.admin.setSessionSeconds(null);
            await t.admin.setDurations({ provision: 60 });
        }
    });

    it("a profile per resource and per lookup: one stack spans two accounts", async () => {
        const home = homeWith({
            ".aliyun/config.json": JSON.stringify({
                current: "main",
                profiles: [
                    { name: "main", mode: "AK", access_key_id: DSW_DEV.accessKeyId, access_key_secret: DSW_DEV.accessKeySecret },
                    { name: "other-team", mode: "AK", access_key_id: DSW_OTHER.accessKeyId, access_key_secret: DSW_OTHER.accessKeySecret },
                ],
            }),
        });
        const program = `
const pulumi = require("@pulumi/pulumi");
const { dsw } = require("pulumi-notebooks");
const spec = { ecsSpec: "ecs.g6.xlarge", imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/python:3.10" };
const mine = new dsw.Instance("mine", { workspaceId: "40823", instanceName: "acct_main", ...spec });
const theirs = new dsw.Instance("theirs", { workspaceId: "50001", instanceName: "acct_other", credentialsProfile: "other-team", ...spec });
exports.mine = mine.instanceId;
exports.theirs = theirs.instanceId;
exports.otherCount = theirs.instanceId.apply(() => dsw.getInstances({ workspaceId: "50001", credentialsProfile: "other-team" })).apply((r) => r.totalCount);
`;
        const proj = await PulumiProject.create("cred-profiles", program, {
            config: { "notebooks:dswEndpoint": t.url },
            // Stack-wide keys of the main account: the named profile still wins for its resource.
            env: { HOME: home, ALIBABA_CLOUD_ACCESS_KEY_ID: DSW_DEV.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DSW_DEV.accessKeySecret },
        });
        await proj.up();
        const out = await proj.outputs();
        assert.equal(out.otherCount, 1);
        const records = await t.admin.dswInstances();
        const owner = (id: unknown) => records.find((r) => r.instanceId === id || r.InstanceId === id);
        assert.ok(owner(out.mine) && owner(out.theirs));
        const log = await t.admin.requests();
        const signer = (id: unknown) => new Set(log.filter((r) => r.cloud === "dsw" && (r.path ?? "").includes(String(id))).map((r) => r.principal));
        assert.deepEqual([...signer(out.mine)], [DSW_DEV.accessKeyId]);
        assert.deepEqual([...signer(out.theirs)], [DSW_OTHER.accessKeyId]);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        const after = new Set(log.length > 0 ? (await t.admin.requests()).filter((r) => r.op === "dsw:DeleteInstance").map((r) => r.principal) : []);
        assert.ok(after.has(DSW_OTHER.accessKeyId), "destroy used the resource's profile from state");
    });

    it("a ModelArts credentials profile per resource and per lookup (a section of the credentials file)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hwprofiles-"));
        const file = path.join(dir, "credentials");
        const otherProject = MA_OTHER.projects[0].id;
        fs.writeFileSync(
            file,
            `[basic]\nak = ${MA_DEV.accessKey}\nsk = ${MA_DEV.secretKey}\nproject_id = ${MA_PROJECT}\n\n[team-b]\nak = ${MA_OTHER.accessKey}\nsk = ${MA_OTHER.secretKey}\nproject_id = ${otherProject}\n`,
        );
        const program = `
const { modelarts } = require("pulumi-notebooks");
const args = { flavor: "modelarts.vm.cpu.2u", imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090", volume: { category: "EVS" } };
const mine = new modelarts.NotebookV2("mine", { name: "acct-main", ...args });
const theirs = new modelarts.NotebookV2("theirs", { name: "acct-b", credentialsProfile: "team-b", ...args });
exports.mine = mine.instanceId;
exports.theirs = theirs.instanceId;
exports.theirProject = theirs.projectId;
exports.count = theirs.instanceId.apply(() => modelarts.getNotebooksV2({ credentialsProfile: "team-b" })).apply((r) => r.totalCount);
`;
        const proj = await PulumiProject.create("cred-hw-profiles", program, {
            config: { "notebooks:modelartsEndpoint": t.url },
            env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: file },
        });
        await proj.up();
        const out = await proj.outputs();
        assert.equal(out.count, 1);
        assert.equal(out.theirProject, otherProject, "the profile's project_id");
        const log = await t.admin.requests();
        const signer = (id: unknown) => new Set(log.filter((r) => r.cloud === "modelarts" && (r.path ?? "").includes(String(id))).map((r) => r.principal));
        assert.deepEqual([...signer(out.mine)], [MA_DEV.accessKey]);
        assert.deepEqual([...signer(out.theirs)], [MA_OTHER.accessKey]);
        const since = log.length;
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        const deletes = (await t.admin.requests()).slice(since).filter((r) => r.op === "modelarts:DeleteNotebook");
        assert.deepEqual(
            new Set(deletes.map((r) => r.principal)),
            new Set([MA_DEV.accessKey, MA_OTHER.accessKey]),
            "destroy used each notebook's profile from state",
        );
    });
});
