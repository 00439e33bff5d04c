/**
 * Lookups the cloud refuses fail `pulumi preview` as one line: the lookup and where the program
 * called it, the operation, the cloud's code and message, the request id. No "unhandled
 * exception", no stack frames from node_modules/pulumi-notebooks/dist (as a missing credential
 * already fails, tests/e2e/tarball.spec.ts).
 */
import { strict as assert } from "node:assert";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

const head = `const { dsw, modelarts } = require("pulumi-notebooks");\n`;

describe("e2e: a lookup the cloud refuses fails the preview as one clear line", function () {
    // One preview each; on a busy 2-core machine a preview takes up to two minutes.
    this.timeout(8 * 60_000);
    let t: TestEmulator;
    let proj: PulumiProject;
    before(async () => {
        t = await startTestEmulator();
        proj = await PulumiProject.create("lookup-errors", `${head}exports.n = 1;\n`, emulatorConfig(t.url));
    });
    after(() => t.close());
    afterEach(() => t.admin.setFaults({ authErrorRate: 0, operations: [] }));

    const refused = async (program: string, line: RegExp) => {
        proj.writeProgram(head + program);
        const pv = await proj.run(["preview"]);
        assert.notEqual(pv.code, 0, pv.output);
        assert.match(pv.output, line);
        assert.doesNotMatch(
            pv.output,
            /unhandled exception|PromiseRejectionHandledWarning|node_modules[\\/]pulumi-notebooks|\bdist[\\/](sdk|provider)[\\/]|\n\s+at \S+ \(/,
            `one line, no stack:\n${pv.output}`,
        );
        return pv.output;
    };

    it("dsw.getInstances for a workspace the key may not list (awaited at the top)", async () => {
        await refused(
            `module.exports = (async () => {\n    const r = await dsw.getInstances({ workspaceId: "50001" });\n    return { n: r.totalCount };\n})();\n`,
            /dsw\.getInstances \(called at index\.js:3:\d+\): DSW ListInstances failed: NoPermissionError: No permission ListInstances for resource: \S+workspace\/50001 \(HTTP 403, RequestId [0-9A-F-]{8,}\)/,
        );
    });

    it("modelarts.getNotebooksV2Output with a pool id the service refuses (inside an Output)", async () => {
        await refused(
            `const r = modelarts.getNotebooksV2Output({ poolId: "Not_A_Pool" });\nexports.n = r.totalCount;\n`,
            /modelarts\.getNotebooksV2 \(called at index\.js:2:\d+\): ModelArts ListNotebooks failed: ModelArts\.6336: 'pool_id' property value is incorrect\. \(HTTP 400, RequestId [0-9a-f]{32}\)/,
        );
    });

    it("modelarts.getNotebooks (old API) refused by the gateway (a key revoked)", async () => {
        await t.admin.setFaults({ authErrorRate: 1, operations: ["ListInstances"] });
        await refused(
            `exports.n = modelarts.getNotebooks({}).then((r) => r.totalCount);\n`,
            /modelarts\.getNotebooks \(called at index\.js:2:\d+\): ModelArts List\w+ failed: APIGW\.0301: .+ \(HTTP 401, RequestId [0-9a-f]{32}\)/,
        );
    });
});
