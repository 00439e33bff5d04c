import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { consoleDswClient, consoleSetIdleLimit, goEnv, goProgram } from "../support/native";
import { PulumiProject, consumerRoot, emulatorConfig } from "../support/pulumi";

/**
 * A Go program (tests/fixtures/native-go) on the SDK `pulumi package gen-sdk --language go` makes
 * from sdk/native/schema.json, run by the Go language host against github.com/pulumi/pulumi/sdk/v3
 * from the module cache (no network: GOPROXY=off).
 */
describe("e2e native plugin: a Go program (up, console drift, repair, import, destroy)", function () {
    // Each pulumi command builds the program (go build; sdk/v3 compiled by the toolchain script).
    this.timeout(900_000);
    let t: TestEmulator;
    let proj: PulumiProject;
    const { config, secrets } = emulatorConfig("http://placeholder");

    before(async () => {
        t = await startTestEmulator();
        const dir = fs.mkdtempSync(path.join(consumerRoot(), "native-go-"));
        await goProgram(dir, "native-go");
        proj = await PulumiProject.inDir(dir, {
            config: { ...config, "notebooks:dswEndpoint": t.url, "notebooks:modelartsEndpoint": t.url },
            secrets,
            env: await goEnv(),
        });
    });
    after(() => t?.close());

    it("creates the notebook with the native type token, shows console drift at idleCuller.maxIdleTimeInMinutes and repairs it", async () => {
        await proj.up();
        const [res] = await proj.resources("notebooks:dsw:Instance");
        assert.ok(res?.id, "the native resource is in state");
        assert.equal(res.type, "notebooks:dsw:Instance");
        assert.equal((await proj.outputs()).id, res.id);
        const live = await t.admin.dswInstance(res.id);
        assert.equal((live.IdleInstanceCuller as { MaxIdleTimeInMinutes?: number } | undefined)?.MaxIdleTimeInMinutes, 60);

        await consoleSetIdleLimit(consoleDswClient(t.url, { ...config }, secrets), res.id, 30);

        const pv = await proj.must(["preview", "--refresh", "--diff"]);
        process.stdout.write(`\n----- Go: preview --refresh --diff (nested drift) -----\n${pv.stdout}\n`);
        assert.match(pv.stdout, /~ idleCuller\s*: \{\s*~ maxIdleTimeInMinutes: 30 => 60/);
        assert.match(pv.stdout, /~ 1 to update/);

        await proj.up(["--refresh"]);
        const repaired = await t.admin.dswInstance(res.id);
        assert.equal((repaired.IdleInstanceCuller as { MaxIdleTimeInMinutes?: number }).MaxIdleTimeInMinutes, 60);
        await proj.must(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("changes the nested field from the program's config in place", async () => {
        await proj.must(["config", "set", "maxIdleMinutes", "90"]);
        const pv = await proj.must(["preview", "--diff"]);
        assert.match(pv.stdout, /~ maxIdleTimeInMinutes: 60 => 90/);
        assert.doesNotMatch(pv.stdout, /replace/);
        await proj.up();
        const [res] = await proj.resources("notebooks:dsw:Instance");
        assert.equal(((await t.admin.dswInstance(String(res.id))).IdleInstanceCuller as { MaxIdleTimeInMinutes?: number }).MaxIdleTimeInMinutes, 90);
    });

    it("imports the live notebook by id, then destroys it", async () => {
        const [res] = await proj.resources("notebooks:dsw:Instance");
        const id = String(res.id);
        await proj.must(["state", "delete", res.urn, "--yes"]);
        assert.equal((await proj.resources("notebooks:dsw:Instance")).length, 0);
        const imp = await proj.must(["import", "notebooks:dsw:Instance", "nb", id, "--yes", "--protect=false", "--generate-code=false"]);
        assert.match(imp.output, /= 1 imported/);
        const [back] = await proj.resources("notebooks:dsw:Instance");
        assert.equal(back.id, id);
        assert.equal(back.inputs?.workspaceId, "40823");
        assert.equal((back.inputs?.idleCuller as { maxIdleTimeInMinutes?: number }).maxIdleTimeInMinutes, 90);

        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
        assert.equal((await proj.resources("notebooks:dsw:Instance")).length, 0);
    });
});
