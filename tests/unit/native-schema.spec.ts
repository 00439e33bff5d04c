import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { SCHEMA_FILE, readmeWithNativeReference, schemaText } from "../../scripts/nativeSchema";

const repo = path.resolve(__dirname, "../..");

describe("native plugin package schema", () => {
    it(`${SCHEMA_FILE} is generated from the current declarations (run \`npm run docs\` after changing them)`, () => {
        assert.equal(fs.readFileSync(path.join(repo, SCHEMA_FILE), "utf8"), schemaText());
    });

    it("the README's native reference is generated from the same schema", () => {
        const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
        assert.equal(readme, readmeWithNativeReference(readme));
    });

    it("names every resource and function of issue 25 and marks the credentials secret", () => {
        const s = JSON.parse(fs.readFileSync(path.join(repo, SCHEMA_FILE), "utf8")) as {
            version: string;
            resources: Record<string, unknown>;
            functions: Record<string, unknown>;
            config: { variables: Record<string, { secret?: boolean }> };
        };
        assert.deepEqual(Object.keys(s.resources).sort(), ["notebooks:dsw:Instance", "notebooks:modelarts:Notebook", "notebooks:modelarts:NotebookV2"]);
        for (const f of ["notebooks:dsw:getInstances", "notebooks:modelarts:getNotebooks", "notebooks:modelarts:getNotebooksV2"]) assert.ok(s.functions[f], f);
        for (const k of ["dswAccessKeySecret", "modelartsSecretKey", "modelartsPassword"]) assert.equal(s.config.variables[k]?.secret, true, k);
        assert.equal(s.version, (JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string }).version);
    });
});
