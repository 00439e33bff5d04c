import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { BAD_INPUTS, outputNamesProperty, secretValuesOf } from "../fixtures/badInputs";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, RunResult, emulatorConfig } from "../support/pulumi";

/**
 * One `pulumi preview` per case: the engine stops a deployment at its first check failure (one
 * program with every case as its own resource reports only one of them, with `up
 * --continue-on-error` too), so each case needs its own run. Each case is its own test with the
 * usual time limit, and previews run two at a time from a queue started once: a test waits for
 * one preview, never for the whole corpus, so no limit depends on the corpus size or on how busy
 * the machine is.
 */
const program = `
const pulumi = require("@pulumi/pulumi");
const { dsw, modelarts } = require("pulumi-notebooks");
const c = require("./cases.json")[Number(process.env.BAD_CASE)];
for (const k of c.secret ?? []) c.args[k] = pulumi.secret(c.args[k]);
if (c.cloud === "dsw") new dsw.Instance("bad", c.args);
else if (c.cloud === "notebookV2") new modelarts.NotebookV2("bad", c.args);
else new modelarts.Notebook("bad", c.args);
`;

const CONCURRENT_PREVIEWS = 2;

describe(`e2e: ${BAD_INPUTS.length} bad inputs, each rejected by pulumi preview naming its field, with no API call`, () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    let callsBefore = 0;
    const results: Array<Promise<RunResult>> = [];

    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("bad-inputs", program, emulatorConfig(t.url));
        fs.writeFileSync(path.join(proj.dir, "cases.json"), JSON.stringify(BAD_INPUTS));
        callsBefore = (await t.admin.counters()).total;
        // A queue of previews, CONCURRENT_PREVIEWS at a time, in case order.
        const starters: Array<() => void> = [];
        let running = 0;
        const next = () => {
            while (running < CONCURRENT_PREVIEWS && starters.length > 0) {
                running++;
                (starters.shift() as () => void)();
            }
        };
        BAD_INPUTS.forEach((_, i) => {
            results[i] = new Promise<RunResult>((resolve, reject) => {
                starters.push(() => {
                    proj.runWithEnv(["preview"], { BAD_CASE: String(i) })
                        .then(resolve, reject)
                        .finally(() => {
                            running--;
                            next();
                        });
                });
            });
            results[i].catch(() => undefined);
        });
        next();
    });
    after(() => t.close());

    BAD_INPUTS.forEach((c, i) => {
        it(`${c.cloud}: ${c.name} → ${c.property}`, async () => {
            const r = await results[i];
            assert.notEqual(r.code, 0, "preview fails");
            const errors = r.output
                .split("\n")
                .filter((l) => /error/.test(l))
                .slice(0, 3)
                .join("\n");
            assert.ok(/has a problem: \S/.test(r.output) && outputNamesProperty(r.output, c.property), `does not name ${c.property}:\n${errors}`);
            assert.doesNotMatch(r.output, /value \{<nil>\}/, "no failure prints a nil value");
            for (const v of secretValuesOf(c)) assert.ok(!r.output.includes(v), `shows the secret ${JSON.stringify(v)}:\n${errors}`);
        });
    });

    it("no preview made an API call", async () => {
        await Promise.all(results);
        assert.equal((await t.admin.counters()).total - callsBefore, 0);
    });
});
