/**
 * A lookup's bad argument is refused before any call, in the words resource inputs are refused
 * in: the argument and the rule ("limit must be at most 50 (the API's page size)"), never zod's
 * own ("Too big: expected number to be <=50") and never the value given (it may be a secret).
 * Through the native plugin's Invoke (YAML, Go) and through the TypeScript SDK's lookups.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { FUNCTIONS } from "../../provider/native/resources";
import { secret } from "../../provider/native/values";
import { getNotebooksV2 } from "../../sdk/modelarts/getNotebooksV2";
import { call } from "../support/nativeRpc";

async function invoke(tok: string, args: Record<string, unknown>): Promise<Array<{ property: string; reason: string }>> {
    const req = new provproto.InvokeRequest();
    req.setTok(tok);
    req.setArgs(Struct.fromJavaScript(args as never));
    const res = await call<provproto.InvokeResponse>("invoke", req);
    return res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
}

/** zod's default wording, which names no field. */
const ZOD_WORDS = /^(Too big|Too small|Invalid input|Invalid option|Invalid string|Invalid number|Unrecognized key)/;

describe("lookup arguments: refused naming the argument and the rule", () => {
    it("native Invoke: getNotebooksV2 with limit 51 (a YAML program's fn::invoke)", async () => {
        const failures = await invoke("notebooks:modelarts:getNotebooksV2", { limit: 51 });
        assert.deepEqual(failures, [{ property: "limit", reason: "limit must be at most 50 (the API's page size)" }]);
    });

    it("native Invoke: every argument of every lookup, given a value of the wrong kind, is named with its rule", async () => {
        for (const fn of FUNCTIONS) {
            for (const arg of Object.keys(fn.args.shape)) {
                // -1.5 is wrong for every argument: strings, enums, whole numbers, booleans, lists and maps.
                const failures = await invoke(fn.token, { [arg]: -1.5 });
                const mine = failures.filter((f) => f.property === arg);
                assert.equal(mine.length, 1, `${fn.token} ${arg}: ${JSON.stringify(failures)}`);
                assert.match(mine[0].reason, new RegExp(`^${arg} must (be|have) `), `${fn.token} ${arg}`);
                assert.doesNotMatch(mine[0].reason, ZOD_WORDS, `${fn.token} ${arg}`);
            }
        }
    });

    it("native Invoke: an unknown argument is named as not an argument of the lookup", async () => {
        const failures = await invoke("notebooks:dsw:getInstances", { pageSzie: 10 });
        assert.deepEqual(failures, [{ property: "pageSzie", reason: `"pageSzie" is not an argument of this lookup (check its spelling and case)` }]);
    });

    it("native Invoke: an argument given as a secret is refused without its value", async () => {
        const value = "TopSecretValue42";
        const failures = await invoke("notebooks:modelarts:getNotebooksV2", {
            name: secret(value.repeat(10)),
            sortDir: secret(value),
            offset: secret(value),
        });
        assert.deepEqual(
            failures.map((f) => f.property),
            ["name", "sortDir", "offset"],
        );
        assert.equal(failures[0].reason, "name must be at most 128 characters");
        assert.equal(failures[1].reason, 'sortDir must be one of "ASC", "DESC"');
        assert.equal(failures[2].reason, "offset must be a number (got a string)");
        for (const f of failures) assert.doesNotMatch(f.reason, /TopSecret/);
    });

    it("TypeScript SDK: modelarts.getNotebooksV2({ limit: 51 }) fails as one line naming the argument and the rule", async () => {
        const saved = { ...process.env };
        // Settings that resolve without a stack: the arguments are refused before any request.
        Object.assign(process.env, {
            HUAWEICLOUD_SDK_AK: "UNITTESTAK0000000000",
            HUAWEICLOUD_SDK_SK: "UnitTestSecretKey0000000000000000000000",
            HUAWEICLOUD_SDK_PROJECT_ID: "0123456789abcdef0123456789abcdef",
            NOTEBOOKS_MODELARTS_ENDPOINT: "http://127.0.0.1:1",
        });
        try {
            await assert.rejects(getNotebooksV2({ limit: 51 }), (e: Error) => {
                assert.ok(pulumi.RunError.isInstance(e), String(e));
                assert.match(
                    e.message,
                    /^modelarts\.getNotebooksV2 \(called at \S+lookup-arguments\.spec\.ts:\d+:\d+\): invalid arguments: limit must be at most 50 \(the API's page size\)$/,
                );
                return true;
            });
        } finally {
            for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
        }
    });
});
