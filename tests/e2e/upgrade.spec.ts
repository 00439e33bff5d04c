/**
 * A stack created by the last release (0.3.0) is refreshed and destroyed by this tree's code,
 * through the real CLI: the 0.3.0 package (scripts/release-tarball.sh builds it once from its
 * commit and caches it) runs its README example with `up` against the emulator; then the project
 * switches to this tree's package, and `refresh --expect-no-changes`, `preview --expect-no-changes`
 * and `destroy` run with the new provider on the state 0.3.0 wrote (the `__provider` shim loads
 * the installed package's provider at call time, so swapping the package swaps the code).
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NB_LIST_MAX_LIMIT } from "../../emulator/modelartsV2/routes";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const repo = path.resolve(__dirname, "../..");

/** The commit that released 0.3.0: it wrote the 0.3.0 CHANGELOG; the next change to it opened "Unreleased". */
const RELEASE_0_3_0 = "8dd47f44bcca9aaf4a2f20a9bc2f6d1239e28212";

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** The release's README example, as its users copied it. */
function releaseExample(): string {
    const readme = run("git", ["show", `${RELEASE_0_3_0}:README.md`], repo);
    const m = /```ts\n([\s\S]*?)```/.exec(readme);
    assert.ok(m, "the 0.3.0 README has a ts example");
    return m[1];
}

describe("e2e: a stack created by 0.3.0 refreshes and destroys cleanly with this tree's code", () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    let dir: string;
    let current: string;

    before(async function () {
        // The first run builds the 0.3.0 tarball (npm ci + tsc at that commit, about 3 minutes on two
        // busy cores); later runs take it from the cache.
        this.timeout(900_000);
        // 0.3.0 checks NotebookV2 names with ListNotebooks limit=100, which the documented API refuses
        // (fixed since: pages of at most 50). To have a 0.3.0 state at all, its `up` runs against an
        // emulator that takes 100; the refresh and destroy with this tree's code run at the documented 50.
        t = await startTestEmulator({ notebooksListMaxLimit: 100 });
        const work = fs.mkdtempSync(path.join(os.tmpdir(), "pn-upgrade-"));
        process.once("exit", () => fs.rmSync(work, { recursive: true, force: true }));
        const released = run("bash", [path.join(repo, "scripts/release-tarball.sh"), RELEASE_0_3_0], repo).trim();
        assert.match(path.basename(released), /^pulumi-notebooks-0\.3\.0\.tgz$/);
        const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], repo)) as Array<{ filename: string }>;
        current = path.join(work, packed[0].filename);
        dir = path.join(work, "team-notebooks");
        fs.mkdirSync(dir);
        const pin = (name: string) =>
            (JSON.parse(fs.readFileSync(path.join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({
                name: "team-notebooks",
                main: "index.ts",
                devDependencies: { "@types/node": pin("@types/node"), typescript: pin("typescript") },
                dependencies: { "@pulumi/pulumi": pin("@pulumi/pulumi"), "@pulumi/random": pin("@pulumi/random"), "pulumi-notebooks": `file:${released}` },
            }),
        );
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: team-notebooks\nruntime: nodejs\ndescription: made by 0.3.0\n");
        fs.writeFileSync(path.join(dir, "index.ts"), releaseExample());
        run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], dir);
        const installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules/pulumi-notebooks/package.json"), "utf8")) as { version: string };
        assert.equal(installed.version, "0.3.0");
        proj = await PulumiProject.inDir(dir, emulatorConfig(t.url));
    });
    after(() => t.close());

    it("0.3.0 deploys its README example", async function () {
        this.timeout(600_000);
        await proj.up();
        t.emu.options.notebooksListMaxLimit = NB_LIST_MAX_LIMIT;
        const notebooks = (await proj.exportState()).deployment.resources?.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")) ?? [];
        assert.equal(notebooks.length, 3, "dsw.Instance, modelarts.Notebook and modelarts.NotebookV2");
        // 0.3.0's bookkeeping names (read by this tree's code as the older forms).
        assert.ok(
            notebooks.every((r) => r.outputs?.inputKeys !== undefined),
            "0.3.0 state keeps inputKeys",
        );
    });

    it("with this tree's package, refresh and preview show no change", async function () {
        this.timeout(600_000);
        run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", `pulumi-notebooks@file:${current}`], dir);
        const refreshed = await proj.run(["refresh", "--yes", "--skip-preview", "--diff", "--expect-no-changes"]);
        assert.equal(refreshed.code, 0, refreshed.output);
        const pv = await proj.run(["preview", "--diff", "--expect-no-changes"]);
        assert.equal(pv.code, 0, pv.output);
    });

    it("and destroys everything", async function () {
        this.timeout(600_000);
        await proj.must(["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await t.admin.dswInstances(), []);
        assert.deepEqual(
            (await t.admin.maInstances()).filter((n) => n.status !== "DELETED"),
            [],
        );
        assert.deepEqual(await t.admin.notebooks(), []);
    });
});
