import { strict as assert } from "node:assert";
import { z } from "zod";
import { input, field, policyTableOf, secretInputsOf, separatelySentOf, wireNamesOf } from "../../provider/common/declare";
import { DSW_NOT_IN_BODY, DSW_SECRET_INPUTS } from "../../provider/dsw/policy";
import { MA_NOT_IN_BODY } from "../../provider/modelarts/policy";

describe("one declaration per input (provider/common/declare.ts)", () => {
    it("refuses a resource whose input declares no change policy (it would never diff)", () => {
        const shape = { a: input(z.string(), { policy: "update" }), forgotten: z.string().optional() };
        assert.throws(() => policyTableOf(shape), /inputs without a change policy.*forgotten/);
    });
    it("refuses parts with a policy under a provider setting (the diff, the bodies and the README would skip them)", () => {
        const shape = { s: input(z.strictObject({ p: input(z.string(), { policy: "update" }) }), { policy: "ignore" }) };
        assert.throws(() => policyTableOf(shape), /parts with a change policy under a provider setting.*s\.p/);
    });
    it("keeps metadata through optional() and merges it with an earlier description", () => {
        const inner = field(z.strictObject({ x: field(z.string(), { wireName: "X1" }) }), { typeName: "InnerArgs", description: "d" });
        const shape = { o: input(inner.optional(), { policy: "stopThenUpdate", secret: true }) };
        assert.deepEqual(policyTableOf(shape), { o: "stopThenUpdate" });
        assert.deepEqual(secretInputsOf(shape), ["o"]);
        assert.deepEqual(wireNamesOf(shape), { x: "X1" });
        const json = z.toJSONSchema(z.strictObject(shape), { io: "input" }) as { properties: Record<string, Record<string, unknown>> };
        assert.equal(json.properties.o.typeName, "InnerArgs");
        assert.equal(json.properties.o.secret, true);
    });
    it("refuses one field name declared with two wire names (the casing table is keyed by name)", () => {
        const shape = {
            a: input(z.strictObject({ cpu: field(z.string(), { wireName: "CPU" }) }), { policy: "update" }),
            b: input(z.strictObject({ cpu: field(z.string(), { wireName: "Cpu" }) }), { policy: "update" }),
        };
        assert.throws(() => wireNamesOf(shape), /cpu declares two wire names/);
    });
    it("derives what never goes into a request body: own-API inputs and provider settings", () => {
        assert.deepEqual([...DSW_NOT_IN_BODY].sort(), [
            "adopt",
            "credentialsProfile",
            "failedPolicy",
            "idleCuller",
            "labels",
            "shutdownTimer",
            "status",
            "tags",
            "timeouts",
        ]);
        assert.deepEqual([...MA_NOT_IN_BODY].sort(), ["adopt", "credentialsProfile", "failedPolicy", "projectId", "status", "timeouts"]);
        const shape = { s: input(z.strictObject({ p: input(z.string(), { policy: "replace" }) }), { policy: "replace" }) };
        assert.deepEqual([...separatelySentOf(shape)], []);
    });
    it("declares the credentials and token-carrying inputs of DSW secret", () => {
        assert.deepEqual([...DSW_SECRET_INPUTS].sort(), ["credentialConfig", "environmentVariables", "imageAuth"]);
    });
});
