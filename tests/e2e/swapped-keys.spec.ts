import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { AdminClient } from "../../emulator/adminClient";
import { DEFAULT_DSW_TENANTS, DEFAULT_MODELARTS_TENANTS } from "../../emulator/options";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { FAST } from "../support/emulator";
import { PulumiProject, RunResult } from "../support/pulumi";

/**
 * Issue 28, finding 6: a key id and its secret typed into each other's slots, for both clouds.
 * The gateways echo what they were sent (APIG: `ak <it> not exist`), so the provider must remove
 * every secret value it knows from what it prints, whatever field carried it; and the emulator's
 * request log must not keep a claimed key id nobody was issued. The mistake as a user makes it:
 * the key id slots set as plain config (so Pulumi, which masks only secret config values, cannot
 * hide what is in them), the secret slots with --secret. Every value of the four slots is searched
 * for in all the CLI printed, the stack's state and the request log.
 *
 * One thing is not the provider's to prevent: the engine records the stack's config in the state
 * (as the inputs of the default `pulumi:providers:pulumi-nodejs` resource, and as each update's
 * `config` in its history file), plain values in plain text, exactly as the user's
 * Pulumi.<stack>.yaml holds them. Those recorded `notebooks:*` config entries are left out of the
 * search (everything else in every state file is searched). The keys are this test's own
 * tenants, not the suite's development keys, so the suite-wide secret audit (which cannot tell
 * those recorded inputs apart) does not see them; this test's search is the stricter one.
 */
const program = `
const { dsw, modelarts } = require("pulumi-notebooks");
new dsw.Instance("swapped-dsw", {
    workspaceId: "40823",
    instanceName: "swapped_keys",
    ecsSpec: "ecs.c6.large",
    imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3.10",
});
new modelarts.Notebook("swapped-ma", {
    name: "swapped-keys",
    profileId: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.2u",
    spec: { storage: { type: "evs", location: { volumeSize: 10 } } },
});
`;

function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const DSW_KEYS = { ...DEFAULT_DSW_TENANTS[0], accessKeyId: "LTAI5tSwappedSlots0028", accessKeySecret: "SwappedSlotsDswSecret0028xYz" };
const MA_KEYS = { ...DEFAULT_MODELARTS_TENANTS[0], accessKey: "SWAPPEDSLOTSAK000028", secretKey: "SwappedSlotsModelArtsSecret0028qRs" };

/** State text without the config the engine records as the default provider's inputs (see above). */
function withoutRecordedConfig(text: string): string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return text;
    }
    const walk = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(walk);
        if (v === null || typeof v !== "object") return;
        const o = v as Record<string, unknown>;
        // Only config keys are named `notebooks:<key>`: the provider resource's inputs, an update's `config`.
        for (const key of Object.keys(o)) if (key.startsWith("notebooks:")) delete o[key];
        Object.values(o).forEach(walk);
    };
    walk(parsed);
    return JSON.stringify(parsed);
}

describe("e2e: key id and secret swapped in stack config (DSW and ModelArts): no secret in any output", () => {
    let t: { emu: RunningEmulator; url: string; admin: AdminClient };
    let proj: PulumiProject;
    const runs: RunResult[] = [];
    // Each slot holds the other one's value; all four are secrets of this stack.
    const slots: Record<string, string> = {
        "notebooks:dswAccessKeyId": DSW_KEYS.accessKeySecret,
        "notebooks:dswAccessKeySecret": DSW_KEYS.accessKeyId,
        "notebooks:modelartsAccessKey": MA_KEYS.secretKey,
        "notebooks:modelartsSecretKey": MA_KEYS.accessKey,
    };

    before(async () => {
        const emu = await startEmulator({ port: 0, durations: FAST, secondMs: 20, tickMs: 10, dswTenants: [DSW_KEYS], modelartsTenants: [MA_KEYS] });
        t = { emu, url: emu.url, admin: new AdminClient(emu.url, emu.options.adminToken) };
        proj = await PulumiProject.create("swapped-keys", program, {
            config: { "notebooks:dswEndpoint": t.url, "notebooks:modelartsEndpoint": t.url, "notebooks:modelartsProjectId": MA_KEYS.projects[0].id },
        });
        for (const [k, v] of Object.entries(slots))
            await proj.must(["config", "set", ...(k.endsWith("Secret") || k.endsWith("SecretKey") ? ["--secret"] : []), k, v]);
    });
    after(() => t.emu.close());

    it("preview passes and up fails with errors naming the operation, the cloud's code and the request id", async () => {
        runs.push(await proj.must(["preview"]));
        const up = await proj.run(["up", "--yes", "--skip-preview"]);
        runs.push(up);
        assert.notEqual(up.code, 0, up.output);
        assert.match(up.output, /DSW \w+ failed: InvalidAccessKeyId\.NotFound: [^\n]*RequestId [0-9A-F]{8}-[0-9A-F-]{27}/, up.output);
        assert.match(up.output, /ModelArts \w+ failed: APIGW\.0301: [^\n]*RequestId [0-9a-f]{32}/, up.output);
        // The echoed key is replaced by the name of the slot it came from, so the message still says what was refused.
        assert.match(up.output, /ak \[the ModelArts access key\] not exist/, up.output);
    });

    it("0 hits for any of the four values in stdout, stderr, the state backend's files and the emulator's request log", async () => {
        const exported = await proj.run(["stack", "export"]);
        runs.push({ ...exported, stdout: withoutRecordedConfig(exported.stdout), output: withoutRecordedConfig(exported.stdout) + exported.stderr });
        const hay: Array<[string, string]> = runs.map((r, i) => [`run ${i} stdout+stderr`, `${r.stdout}\n${r.stderr}\n${r.output}`]);
        for (const f of filesUnder(path.join(proj.dir, ".state"))) {
            const raw = fs.readFileSync(f);
            hay.push([path.relative(proj.dir, f), withoutRecordedConfig((f.endsWith(".gz") ? zlib.gunzipSync(raw) : raw).toString("utf8"))]);
        }
        const log = await t.admin.requests();
        hay.push(["emulator request log", JSON.stringify(log)]);
        const hits = Object.entries(slots).flatMap(([slot, value]) =>
            hay.filter(([, text]) => text.includes(value)).map(([where]) => `${slot}'s value in ${where}`),
        );
        process.stdout.write(
            `      searched ${Object.keys(slots).length} values in ${hay.length} outputs/files (${hay.reduce((n, [, s]) => n + s.length, 0)} chars): ${hits.length} hits\n`,
        );
        assert.deepEqual(hits, []);
        const dswCalls = log.filter((e) => e.cloud === "dsw");
        assert.ok(dswCalls.length > 0 && dswCalls.every((e) => e.principal === "(unknown key id)"), JSON.stringify(dswCalls.map((e) => e.principal)));
    });
});
