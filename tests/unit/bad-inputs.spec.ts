import { strict as assert } from "node:assert";
import { DswInstanceProvider } from "../../provider/dsw/instance";
import { ModelArtsNotebookProvider } from "../../provider/modelarts/notebook";
import { NotebookV2Provider } from "../../provider/modelartsV2/notebook";
import { BAD_INPUTS, namesProperty, secretValuesOf } from "../fixtures/badInputs";
import { CREATE_REFUSALS, caseName } from "../fixtures/createRefusals";
import { noCloudClient } from "../support/noCloud";

/** Providers with no way to reach a cloud: check must decide alone. */
const noCloud = () => {
    throw new Error("check must not call the API");
};
const dsw = new DswInstanceProvider({ client: noCloudClient, cache: noCloud, poll: () => ({ minDelayMs: 1, maxDelayMs: 1 }) });
const ma = new ModelArtsNotebookProvider({ client: noCloudClient, poll: () => ({ minDelayMs: 1, maxDelayMs: 1 }) });
const nb = new NotebookV2Provider({ client: noCloudClient, poll: () => ({ minDelayMs: 1, maxDelayMs: 1 }) });

describe("bad-input corpus: check rejects each case naming the field", () => {
    it(`has at least 30 cases per cloud (${BAD_INPUTS.filter((c) => c.cloud === "dsw").length} DSW, ${BAD_INPUTS.filter((c) => c.cloud === "modelarts").length} ModelArts)`, () => {
        assert.ok(BAD_INPUTS.filter((c) => c.cloud === "dsw").length >= 30);
        assert.ok(BAD_INPUTS.filter((c) => c.cloud === "modelarts").length >= 30);
        assert.ok(BAD_INPUTS.filter((c) => c.cloud === "notebookV2").length >= 15);
    });
    for (const c of BAD_INPUTS) {
        it(`${c.cloud}: ${c.name} → ${c.property}`, () => {
            const p = c.cloud === "dsw" ? dsw : c.cloud === "notebookV2" ? nb : ma;
            // What the SDK adds for inputs the program made secret (sdk/props.ts).
            const r = p.check({}, c.secret ? { ...c.args, __nbSecretKeys: c.secret } : c.args);
            assert.ok(r.failures.length > 0, "rejected");
            for (const v of secretValuesOf(c))
                assert.ok(!JSON.stringify(r.failures).includes(v), `shows the secret ${JSON.stringify(v)}: ${JSON.stringify(r.failures)}`);
            assert.ok(
                r.failures.some((f) => namesProperty(f, c.property) && f.reason.length > c.property.length + 5),
                `expected a failure on ${c.property}, got ${JSON.stringify(r.failures)}`,
            );
        });
    }
    it("a tag key rule quotes the key, not the tag's value", () => {
        const base = { name: "ok", flavor: "modelarts.vm.cpu.2u", imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090", volume: { category: "EVS" } };
        const reasons = nb.check({}, { ...base, tags: { _sys_team: "ml" } }).failures.map((f) => f.reason);
        assert.equal(reasons.length, 1, JSON.stringify(reasons));
        assert.match(reasons[0], /^tags\._sys_team: tag keys must not start with _sys_ \(reserved by the cloud\) \(got key "_sys_team"\)$/);
    });
    it("accepts the corpus' base arguments", () => {
        assert.deepEqual(dsw.check({}, { workspaceId: "40823", instanceName: "ok", ecsSpec: "ecs.g6.xlarge", imageUrl: "r.example.com/a:b" }).failures, []);
        assert.deepEqual(ma.check({}, { name: "ok", profileId: "p", flavor: "modelarts.vm.cpu.2u", spec: { storage: { type: "evs" } } }).failures, []);
        assert.deepEqual(
            nb.check({}, { name: "ok", flavor: "modelarts.vm.cpu.2u", imageId: "e1a07296-22a8-4f05-8bc8-e936c8e54090", volume: { category: "EVS" } }).failures,
            [],
        );
    });
});

describe("generated bad requests (tests/fixtures/createRefusals.ts): check refuses each program input naming the field", () => {
    // The emulator half runs in tests/integration/create-refusals.spec.ts.
    CREATE_REFUSALS.forEach((c, i) => {
        it(`${c.resource} #${i}: ${caseName(c)}`, () => {
            const p = c.resource === "dsw.Instance" ? dsw : c.resource === "modelarts.NotebookV2" ? nb : ma;
            const r = p.check({}, c.program);
            assert.ok(
                r.failures.some((f) => namesProperty(f, c.field)),
                `expected a failure on ${c.field}, got ${JSON.stringify(r.failures)}`,
            );
        });
    });
});

describe("check failure messages", () => {
    const base = { workspaceId: "40823", instanceName: "ok", ecsSpec: "ecs.g6.xlarge", imageUrl: "r.example.com/a:b" };
    it("never echo a secret input's value, and still name the field", () => {
        const r = dsw.check({}, { ...base, imageAuth: "NotBase64Secret!!pw" });
        assert.ok(
            r.failures.some((f) => namesProperty(f, "imageAuth")),
            JSON.stringify(r.failures),
        );
        assert.ok(
            r.failures.every((f) => f.property !== "imageAuth"),
            "not reported as a property (Pulumi would print its value)",
        );
        assert.ok(!JSON.stringify(r.failures).includes("NotBase64Secret"), JSON.stringify(r.failures));
    });
    it("show the value given for a nested field instead of Pulumi's {<nil>}", () => {
        const r = dsw.check({}, { ...base, datasets: [{ datasetId: "d-abc", mountAccess: "RWX" }] });
        const f = r.failures.find((x) => namesProperty(x, "datasets[0].mountAccess"));
        assert.ok(f && f.property === "" && f.reason.includes('(got "RWX")'), JSON.stringify(r.failures));
    });
    it("say which field is missing rather than zod's 'received undefined'", () => {
        const vpc = dsw.check({}, { ...base, userVpc: { vSwitchId: "vsw-1" } }).failures;
        assert.ok(
            vpc.some((f) => /userVpc\.vpcId: vpcId is required/.test(f.reason)),
            JSON.stringify(vpc),
        );
        const pool = ma.check(
            {},
            { name: "ok", profileId: "p", flavor: "modelarts.vm.cpu.2u", spec: { storage: { type: "evs" } }, pool: { name: "x" } },
        ).failures;
        assert.ok(
            pool.some((f) => /pool\.id: id is required/.test(f.reason)),
            JSON.stringify(pool),
        );
        assert.ok(!JSON.stringify([...vpc, ...pool]).includes("received undefined"));
    });
    it("name imageUrl when no image is given", () => {
        const { imageUrl: _, ...noImage } = base;
        const f = dsw.check({}, noImage).failures;
        assert.ok(
            f.some((x) => namesProperty(x, "imageUrl") && /set imageUrl/.test(x.reason)),
            JSON.stringify(f),
        );
    });
});

describe("check with values unknown at preview", () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    it("defers the rules of unknown inputs to `up` but still rejects known bad inputs", () => {
        const base = { workspaceId: "40823", ecsSpec: "ecs.g6.xlarge", imageUrl: "r.example.com/a:b" };
        const ok = dsw.check({}, { ...base, instanceName: UNKNOWN });
        assert.deepEqual(ok.failures, []);
        assert.equal(ok.inputs.status, "Running", "defaults still apply");
        const bad = dsw.check({}, { ...base, instanceName: UNKNOWN, priority: 42 });
        assert.deepEqual(
            bad.failures.map((f) => f.property),
            ["priority"],
        );
    });
});
