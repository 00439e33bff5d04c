/**
 * A lookup or configuration error raised in a program (sdk/runError.ts) must reach Pulumi's
 * uncaught-error handler without a stack: the handler's `defaultErrorMessage` (in the installed
 * @pulumi/pulumi, not ours) would otherwise `util.inspect` it, and the stack frames Pulumi's source
 * maps give make that loop in Node 20.19.6+ (nodejs/node#64011). Checked against Pulumi's own function.
 * (The loop itself is not run here: it takes seconds and gigabytes before it throws.)
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { oneLineRunError } from "../../sdk/runError";
import { asLookup } from "../../sdk/lookupError";
import { CloudServiceError } from "../../provider/common/errors";

// Pulumi's own function, which its uncaughtHandler calls for every uncaught error (cmd/run/run.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module without type declarations
const { defaultErrorMessage } = require("@pulumi/pulumi/cmd/run/error") as { defaultErrorMessage: (e: unknown) => string };

describe("the RunError a program raises (sdk/runError.ts)", () => {
    it("is a Pulumi RunError whose report is its message, without util.inspect", () => {
        const e = oneLineRunError("dsw.getInstances: DSW ListInstances failed: Forbidden");
        assert.ok(pulumi.RunError.isInstance(e));
        assert.equal(defaultErrorMessage(e), "dsw.getInstances: DSW ListInstances failed: Forbidden");
    });

    it("a failed lookup raises it", async () => {
        const refused = new CloudServiceError("DSW", "ListInstances", "Forbidden", "no", {
            httpStatusCode: 403,
            requestId: "R1",
            attempts: 1,
            totalRetryDelayMs: 0,
        });
        await assert.rejects(
            asLookup("dsw.getInstances", "index.js:3:1", () => Promise.reject(refused)),
            (e: Error) => pulumi.RunError.isInstance(e) && e.stack === "" && /dsw\.getInstances \(called at index\.js:3:1\)/.test(e.message),
        );
    });
});
