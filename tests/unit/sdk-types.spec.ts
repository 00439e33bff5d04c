import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { GENERATED } from "../../scripts/sdkTypes";

describe("SDK argument types", () => {
    for (const [file, source] of Object.entries(GENERATED)) {
        it(`${file} is generated from the current declarations (run \`npm run docs\` after changing them)`, () => {
            assert.equal(fs.readFileSync(path.resolve(__dirname, "../..", file), "utf8"), source());
        });
    }
    it("keep zod out of the declarations a program compiles against", () => {
        const sdk = path.resolve(__dirname, "../../sdk");
        const offenders: string[] = [];
        const visit = (file: string, seen = new Set<string>()) => {
            if (seen.has(file)) return;
            seen.add(file);
            const src = fs.readFileSync(file, "utf8");
            // Type-level imports end up in the emitted .d.ts; follow them.
            for (const m of src.matchAll(/import type \{[^}]*\} from "([^"]+)"/g)) {
                const target = path.resolve(path.dirname(file), m[1]) + ".ts";
                if (fs.existsSync(target)) visit(target, seen);
            }
            if (/from "zod"/.test(src)) offenders.push(path.relative(sdk, file));
        };
        for (const f of [
            "dsw/getInstances.ts",
            "modelarts/getNotebooks.ts",
            "dsw/instance.ts",
            "modelarts/notebook.ts",
            "modelarts/notebookV2.ts",
            "modelarts/getNotebooksV2.ts",
        ])
            visit(path.join(sdk, f));
        assert.deepEqual(offenders, []);
    });
});
