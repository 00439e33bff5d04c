import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { BAD_INPUTS } from "../fixtures/badInputs";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const program = `
const { dsw, modelarts } = require("pulumi-notebooks");
const c = require("./cases.json")[Number(process.env.BAD_CASE)];
if (c.cloud === "dsw") new dsw.Instance("bad", c.args);
else new modelarts.Notebook("bad", c.args);
`;

/** Runs `fn` over items with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    await Promise.all(
        Array.from({ length: limit }, async () => {
            while (next < items.length) {
                const i = next++;
                out[i] = await fn(items[i], i);
            }
        }),
    );
    return out;
}

describe(`e2e: ${BAD_INPUTS.length} bad inputs are rejected by pulumi preview with the field named and no API call`, () => {
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("bad-inputs", program, emulatorConfig(t.url));
        fs.writeFileSync(path.join(proj.dir, "cases.json"), JSON.stringify(BAD_INPUTS));
    });
    after(() => t.close());

    it("rejects every case at preview", async () => {
        const before = (await t.admin.counters()).total;
        const results = await pool(BAD_INPUTS, 4, async (c, i) => {
            const saved = proj.env.BAD_CASE;
            proj.env.BAD_CASE = String(i);
            const run = proj.run(["preview"]);
            proj.env.BAD_CASE = saved;
            return { c, r: await run };
        });
        const problems: string[] = [];
        for (const { c, r } of results) {
            if (r.code === 0) problems.push(`${c.cloud} "${c.name}": preview succeeded`);
            else if (!r.output.includes(`property ${c.property} value`) || !/has a problem: \S/.test(r.output)) {
                problems.push(`${c.cloud} "${c.name}": output does not name ${c.property}:\n${r.output.split("\n").filter((l) => /error/.test(l)).slice(0, 3).join("\n")}`);
            }
        }
        assert.deepEqual(problems, []);
        assert.equal((await t.admin.counters()).total - before, 0, "no API call reached the emulator");
    });
});
