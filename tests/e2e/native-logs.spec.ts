/**
 * `pulumi up` and `pulumi refresh` at `-v=9 --logtostderr` with the native plugin: the whole log
 * (stdout and stderr, engine, language host and plugin lines) searched for every credential the
 * test knows. Credentials reach the plugin the ways that keep them out of the engine (environment
 * variables for the default provider, a credentials profile for an explicit one): 0 hits. Given as
 * secure stack config instead, Pulumi 3.248's own V(9) lines print them
 * (docs/native-plugin.md, "Verbose logs"); the second case pins exactly which lines those are, so
 * that none of ours is among them and an upstream fix shows.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { runPulumi } from "../../scripts/lib/cli";
import { DSW_DEV, DSW_OTHER, MA_DEV, MA_OTHER, MA_PROJECT, TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, consumerRoot, toolchain } from "../support/pulumi";

const repo = path.resolve(__dirname, "../..");
const OTHER_PROJECT = MA_OTHER.projects[0].id;

/** Default provider: DSW and NotebookV2 notebooks; an explicit `teamB` provider on its profiles: one of each. */
const program = (url: string) => `name: native-logs
runtime: yaml
plugins:
  providers:
    - name: notebooks
      path: ${path.join(repo, "bin")}
resources:
  teamB:
    type: pulumi:providers:notebooks
    properties:
      dswEndpoint: ${url}
      dswProfile: team-b
      modelartsEndpoint: ${url}
      modelartsProfile: team-b
  mine:
    type: notebooks:dsw:Instance
    properties:
      workspaceId: "40823"
      instanceName: logs_mine
      ecsSpec: ecs.c6.large
      imageUrl: registry.cn-hangzhou.aliyuncs.com/pai/py:3.10
  theirs:
    type: notebooks:dsw:Instance
    properties:
      workspaceId: "50001"
      instanceName: logs_theirs
      ecsSpec: ecs.c6.large
      imageUrl: registry.cn-hangzhou.aliyuncs.com/pai/py:3.10
    options:
      provider: \${teamB}
  mineV2:
    type: notebooks:modelarts:NotebookV2
    properties:
      name: logs-mine
      flavor: modelarts.vm.cpu.2u
      imageId: 278e88d1-5b71-4766-8502-b3ba72e824d9
      volume:
        category: EVS
        capacity: 20
  theirsV2:
    type: notebooks:modelarts:NotebookV2
    properties:
      name: logs-theirs
      flavor: modelarts.vm.cpu.2u
      imageId: 278e88d1-5b71-4766-8502-b3ba72e824d9
      volume:
        category: EVS
        capacity: 20
    options:
      provider: \${teamB}
`;

/** Every credential and token the test knows, by what it is. */
function needles(t: TestEmulator): Array<[string, string]> {
    return [
        [DSW_DEV.accessKeyId, "DSW access key id (default provider)"],
        [DSW_DEV.accessKeySecret, "DSW access key secret (default provider)"],
        [DSW_OTHER.accessKeyId, "DSW access key id (team-b profile)"],
        [DSW_OTHER.accessKeySecret, "DSW access key secret (team-b profile)"],
        [MA_DEV.accessKey, "ModelArts AK (default provider)"],
        [MA_DEV.secretKey, "ModelArts SK (default provider)"],
        [MA_OTHER.accessKey, "ModelArts AK (team-b profile)"],
        [MA_OTHER.secretKey, "ModelArts SK (team-b profile)"],
        [t.emu.options.adminToken, "emulator admin token"],
        ["e2e-passphrase", "stack passphrase"],
    ];
}

const hitLines = (log: string, ns: Array<[string, string]>) =>
    log
        .split("\n")
        .filter((l) => ns.some(([n]) => l.includes(n)))
        .map((l) => `${ns.filter(([n]) => l.includes(n)).map(([, what]) => what)}: ${l.slice(0, 300)}`);

async function project(t: TestEmulator, name: string, env: Record<string, string>): Promise<PulumiProject> {
    const dir = fs.mkdtempSync(path.join(consumerRoot(), `${name}-`));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(t.url));
    // Profiles in the files Alibaba's and Huawei's tools read (the stack's own HOME).
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
    return PulumiProject.inDir(dir, { config: { "notebooks:dswEndpoint": t.url, "notebooks:modelartsEndpoint": t.url }, env });
}

describe("e2e native plugin: no credential in -v=9 --logtostderr output of up and refresh", function () {
    this.timeout(600_000);
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t?.close());

    it("credentials from environment variables and credentials profiles: 0 hits in the whole log, each notebook in its account", async () => {
        const proj = await project(t, "native-logs-env", {
            ALIBABA_CLOUD_ACCESS_KEY_ID: DSW_DEV.accessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: DSW_DEV.accessKeySecret,
            HUAWEICLOUD_SDK_AK: MA_DEV.accessKey,
            HUAWEICLOUD_SDK_SK: MA_DEV.secretKey,
            HUAWEICLOUD_SDK_PROJECT_ID: MA_PROJECT,
        });
        const ns = needles(t);
        let bytes = 0;
        for (const cmd of ["up", "refresh"]) {
            const r = await proj.must([cmd, "--yes", "--skip-preview", "-v=9", "--logtostderr"]);
            bytes += r.output.length;
            // The log is the verbose one: the engine's RPC marshaling of the providers' inputs is in it.
            assert.match(r.stderr, /Marshaling property for RPC\[Provider\[[^\]]*\]\.Configure\(\)\.inputs\]: dswProfile=\{team-b\}/);
            assert.deepEqual(hitLines(r.output, ns), [], `pulumi ${cmd} -v=9 printed a credential`);
        }
        process.stdout.write(`      (searched ${bytes} bytes of up + refresh output for ${ns.length} credentials: 0 hits)\n`);

        const signers = async (cloud: string, id: string) =>
            new Set((await t.admin.requests()).filter((r) => r.cloud === cloud && (r.path ?? "").includes(id)).map((r) => r.principal));
        const byName = Object.fromEntries(
            ((await proj.exportState()).deployment.resources ?? [])
                .filter((r) => r.type.startsWith("notebooks:"))
                .map((r) => [r.urn.split("::").pop(), String(r.id)]),
        );
        assert.deepEqual([...(await signers("dsw", byName.mine))], [DSW_DEV.accessKeyId]);
        assert.deepEqual([...(await signers("dsw", byName.theirs))], [DSW_OTHER.accessKeyId]);
        assert.ok((await t.admin.notebooks()).some((n) => n.id === byName.theirsV2 && JSON.stringify(n).includes(OTHER_PROJECT)));
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
        assert.deepEqual(await t.admin.notebooks(), []);
    });

    it("credentials as secure stack config: the only hits are Pulumi 3.248's own V(9)/V(7) lines (an upstream limit, documented)", async () => {
        const proj = await project(t, "native-logs-config", {});
        // Set here, not through the harness: this run prints them on purpose, so it is not part of the suite's secret audit.
        for (const [k, v] of [
            ["notebooks:dswAccessKeyId", DSW_DEV.accessKeyId],
            ["notebooks:dswAccessKeySecret", DSW_DEV.accessKeySecret],
            ["notebooks:modelartsAccessKey", MA_DEV.accessKey],
            ["notebooks:modelartsSecretKey", MA_DEV.secretKey],
            ["notebooks:modelartsProjectId", MA_PROJECT],
        ])
            await proj.must(["config", "set", "--secret", k, v]);
        const ns = needles(t);
        const upstream = [
            // sdk/go/common/resource/plugin/rpc.go:85 and :313 (MarshalProperties / UnmarshalProperties)
            /"msg":"(Un)?[Mm]arshaling property for RPC\[Provider\[[^\]]*\]\.(CheckConfig|Configure|DiffConfig)\(/,
            // pkg/resource/deploy/step_generator.go (Planner decided to create / not to update ... inputs=map[...])
            /"msg":"Planner decided (to create|not to update) 'urn:pulumi:dev::native-logs::pulumi:providers:notebooks::default'/,
        ];
        const seen = new Set<string>();
        for (const cmd of ["up", "refresh", "destroy"]) {
            const r = await runPulumi(toolchain().bin, [cmd, "--yes", "--skip-preview", "-v=9", "--logtostderr"], { cwd: proj.dir, env: proj.env });
            assert.equal(r.code, 0, r.output);
            const hits = hitLines(r.output, ns);
            const ours = hits.filter((l) => !upstream.some((re) => re.test(l)));
            assert.deepEqual(ours, [], `pulumi ${cmd}: a credential in a line that is not one of the engine's own`);
            for (const l of hits) {
                // The line's template, each credential replaced by what it is (this output is not audited).
                let shown = l.replace(/^.*"msg":"/, "").replace(/Provider\[0x[0-9a-f]+\]/, "Provider[…]");
                for (const [n, what] of ns) shown = shown.split(n).join(`<${what}>`);
                seen.add(shown.replace(/(inputs=map\[[^ ]* ).*/, "$1…").slice(0, 160));
            }
        }
        // If this fails, Pulumi stopped printing secure config values at -v=9: the caveat in docs/ and README can go.
        assert.ok(seen.size > 0, "Pulumi 3.248 prints secure provider config in its V(9) RPC lines");
        process.stdout.write(
            `      upstream lines that print secure config:\n${[...seen]
                .sort()
                .map((l) => `        ${l}\n`)
                .join("")}`,
        );
    });
});
