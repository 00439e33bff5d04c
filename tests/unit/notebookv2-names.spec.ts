/**
 * NotebookV2 names: ASCII letters, digits, hyphens, underscores, 1-128 (generated model v0.1.207
 * "大小写字母、数字、中划线和下划线"; reference "letters, digits, hyphens (-), and underscores (_)";
 * docs/modelarts-notebooks-api.md §2). The provider's check and the emulator's create decide
 * alike, each by its own code.
 */
import { strict as assert } from "node:assert";
import { validateName } from "../../emulator/modelartsV2/validate";
import { NotebookV2Provider } from "../../provider/modelartsV2/notebook";
import { noCloudClient } from "../support/noCloud";

const nb = new NotebookV2Provider({ client: noCloudClient, poll: () => ({ minDelayMs: 1, maxDelayMs: 1 }) });
const base = { flavor: "modelarts.vm.cpu.2u", imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090", volume: { category: "EVS" } };

const emulatorRefuses = (name: string) => {
    try {
        validateName(name);
        return undefined;
    } catch (e) {
        return (e as { code: string }).code;
    }
};

describe("NotebookV2 names: check and emulator agree (ASCII letters only)", () => {
    for (const name of ["研究笔记本", "notebook-für-ml", "Блокнот", "ノート_1", "with space", "dot.ted", "n".repeat(129), ""]) {
        it(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}… (${name.length})` : name)}`, () => {
            const r = nb.check({}, { ...base, name });
            assert.ok(
                r.failures.some((f) => (f.property === "name" || f.reason.includes("name")) && /ASCII letters/.test(f.reason)),
                JSON.stringify(r.failures),
            );
            assert.equal(emulatorRefuses(name), "ModelArts.6334");
        });
    }
    for (const name of ["My_Notebook-01", "a", "Z".repeat(128), "2024-run_B"]) {
        it(`accepts ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}… (${name.length})` : name)}`, () => {
            assert.deepEqual(nb.check({}, { ...base, name }).failures, []);
            assert.equal(emulatorRefuses(name), undefined);
        });
    }
});
