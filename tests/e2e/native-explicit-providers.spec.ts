/**
 * Explicit provider instances of the native plugin: one YAML stack manages notebooks in two
 * accounts behind two endpoints (two emulators; each provider also names its own region), each
 * `pulumi:providers:notebooks` with its own keys or profile, region and endpoints; a lookup through
 * each provider lists that provider's account only; destroy cleans both.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { DSW_DEV, DSW_OTHER, MA_DEV, MA_OTHER, MA_PROJECT, TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, consumerRoot } from "../support/pulumi";

const repo = path.resolve(__dirname, "../..");
const OTHER_PROJECT = MA_OTHER.projects[0].id;
const IMAGE = "278e88d1-5b71-4766-8502-b3ba72e824d9";

const program = (hz: string, sh: string) => `name: native-providers
runtime: yaml
plugins:
  providers:
    - name: notebooks
      path: ${path.join(repo, "bin")}
config:
  hzDswKeyId:
    type: string
    secret: true
  hzDswKeySecret:
    type: string
    secret: true
  hzMaAk:
    type: string
    secret: true
  hzMaSk:
    type: string
    secret: true
resources:
  hangzhou:
    type: pulumi:providers:notebooks
    properties:
      dswAccessKeyId: \${hzDswKeyId}
      dswAccessKeySecret: \${hzDswKeySecret}
      dswRegion: cn-hangzhou
      dswEndpoint: ${hz}
      modelartsAccessKey: \${hzMaAk}
      modelartsSecretKey: \${hzMaSk}
      modelartsProjectId: ${MA_PROJECT}
      modelartsRegion: cn-north-4
      modelartsEndpoint: ${hz}
  shanghai:
    type: pulumi:providers:notebooks
    properties:
      dswProfile: team-b
      dswRegion: cn-shanghai
      dswEndpoint: ${sh}
      modelartsProfile: team-b
      modelartsRegion: cn-east-3
      modelartsEndpoint: ${sh}
  hzDsw:
    type: notebooks:dsw:Instance
    properties: { workspaceId: "40823", instanceName: hz_nb, ecsSpec: ecs.c6.large, imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" }
    options: { provider: "\${hangzhou}" }
  shDsw:
    type: notebooks:dsw:Instance
    properties: { workspaceId: "50001", instanceName: sh_nb, ecsSpec: ecs.c6.large, imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10" }
    options: { provider: "\${shanghai}" }
  hzV2:
    type: notebooks:modelarts:NotebookV2
    properties: { name: hz-v2, flavor: modelarts.vm.cpu.2u, imageId: ${IMAGE}, volume: { category: EVS, capacity: 20 } }
    options: { provider: "\${hangzhou}" }
  shV2:
    type: notebooks:modelarts:NotebookV2
    properties: { name: sh-v2, flavor: modelarts.vm.cpu.2u, imageId: ${IMAGE}, volume: { category: EVS, capacity: 20 } }
    options: { provider: "\${shanghai}" }
variables:
  shListed:
    fn::invoke:
      function: notebooks:dsw:getInstances
      arguments: { workspaceId: "50001" }
      options: { provider: "\${shanghai}" }
outputs:
  hzDsw: \${hzDsw.id}
  shDsw: \${shDsw.id}
  hzV2: \${hzV2.id}
  shV2: \${shV2.id}
  shListed: \${shListed.totalCount}
`;

describe("e2e native plugin: explicit providers, two accounts behind two endpoints in one stack", function () {
    this.timeout(600_000);
    let hz: TestEmulator;
    let sh: TestEmulator;
    let proj: PulumiProject;

    before(async () => {
        hz = await startTestEmulator();
        sh = await startTestEmulator({ dswRegion: "cn-shanghai", modelartsRegion: "cn-east-3" });
        const dir = fs.mkdtempSync(path.join(consumerRoot(), "native-providers-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(hz.url, sh.url));
        fs.mkdirSync(path.join(dir, ".home/.alibabacloud"), { recursive: true });
        fs.writeFileSync(
            path.join(dir, ".home/.alibabacloud/credentials"),
            `[team-b]\ntype = access_key\naccess_key_id = ${DSW_OTHER.accessKeyId}\naccess_key_secret = ${DSW_OTHER.accessKeySecret}\n`,
        );
        fs.mkdirSync(path.join(dir, ".home/.huaweicloud"), { recursive: true });
        fs.writeFileSync(
            path.join(dir, ".home/.huaweicloud/credentials"),
            `[team-b]\nak = ${MA_OTHER.accessKey}\nsk = ${MA_OTHER.secretKey}\nproject_id = ${OTHER_PROJECT}\n`,
        );
        // No stack-wide notebooks:* settings and no cloud variables: the default provider could reach nothing.
        proj = await PulumiProject.inDir(dir, { secrets: { hzDswKeySecret: DSW_DEV.accessKeySecret, hzMaSk: MA_DEV.secretKey } });
        // Key ids are secret config too, but not audited: they sign every request, so the emulator's request log names them.
        await proj.must(["config", "set", "--secret", "hzDswKeyId", DSW_DEV.accessKeyId]);
        await proj.must(["config", "set", "--secret", "hzMaAk", MA_DEV.accessKey]);
    });
    after(async () => {
        await hz?.close();
        await sh?.close();
    });

    it("each notebook lands in its provider's account and region; lookups list through their provider; destroy cleans both", async () => {
        await proj.up();
        const out = await proj.outputs();
        const principals = async (t: TestEmulator, id: unknown) =>
            [...new Set((await t.admin.requests()).filter((r) => (r.path ?? "").includes(String(id))).map((r) => r.principal))].sort();

        assert.deepEqual(
            (await hz.admin.dswInstances()).map((i) => i.InstanceId ?? i.instanceId),
            [out.hzDsw],
        );
        assert.deepEqual(
            (await sh.admin.dswInstances()).map((i) => i.InstanceId ?? i.instanceId),
            [out.shDsw],
        );
        assert.deepEqual(await principals(hz, out.hzDsw), [DSW_DEV.accessKeyId]);
        assert.deepEqual(await principals(sh, out.shDsw), [DSW_OTHER.accessKeyId]);
        // Each emulator answers as its own region; the provider keeps what its endpoint answered.
        const urls = Object.fromEntries(
            (await proj.exportState()).deployment.resources
                ?.filter((r) => r.type.startsWith("notebooks:"))
                .map((r) => [r.urn.split("::").pop(), r.outputs?.instanceUrl ?? r.outputs?.url]) ?? [],
        );
        assert.match(String(urls.hzDsw), /dsw-cn-hangzhou\./, JSON.stringify(urls));
        assert.match(String(urls.shDsw), /dsw-cn-shanghai\./, JSON.stringify(urls));

        assert.deepEqual(
            (await hz.admin.notebooks()).map((n) => n.id),
            [out.hzV2],
        );
        assert.deepEqual(
            (await sh.admin.notebooks()).map((n) => n.id),
            [out.shV2],
        );
        assert.deepEqual(await principals(hz, out.hzV2), [MA_DEV.accessKey]);
        assert.deepEqual(await principals(sh, out.shV2), [MA_OTHER.accessKey]);
        assert.ok(JSON.stringify(await sh.admin.notebook(String(out.shV2))).includes(OTHER_PROJECT), "in the team-b profile's project");

        // The lookup runs as the program starts: the second up sees the notebook the first created.
        await proj.up();
        assert.equal((await proj.outputs()).shListed, 1, "getInstances through the shanghai provider lists the team-b account there");

        // Each provider's own settings are in state as its inputs, the keys as secrets.
        const providers = (await proj.exportState()).deployment.resources?.filter((r) => r.type === "pulumi:providers:notebooks") ?? [];
        const hzState = providers.find((r) => r.urn.endsWith("::hangzhou"));
        assert.equal(
            (hzState?.inputs?.dswAccessKeySecret as Record<string, unknown>)?.["4dabf18193072939515e22adb298388d"],
            "1b47061264138c4ac30d75fd1eb44270",
        );
        assert.equal(providers.find((r) => r.urn.endsWith("::shanghai"))?.inputs?.dswRegion, "cn-shanghai");

        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await hz.admin.dswInstances(), []);
        assert.deepEqual(await sh.admin.dswInstances(), []);
        assert.deepEqual(await hz.admin.notebooks(), []);
        assert.deepEqual(await sh.admin.notebooks(), []);
    });
});
