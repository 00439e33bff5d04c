import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { readmeWithReference } from "../../scripts/reference";

describe("README reference", () => {
    it("is generated from the current schemas (run `npm run docs` after changing them)", () => {
        const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
        assert.equal(readme, readmeWithReference(readme));
    });
});
