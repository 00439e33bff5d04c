/**
 * The generated bad requests (tests/fixtures/createRefusals.ts, written from the references'
 * rules): each wire request is sent to the emulator, which must refuse it with the cloud's
 * validation error, and each equivalent program input to the provider's `check`, which must
 * refuse it first (naming the field, with no way to reach a cloud). The base request of each
 * resource is accepted by both, so a refusal is the bad field's.
 */
import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { DswInstanceProvider } from "../../provider/dsw/instance";
import { ModelArtsNotebookProvider } from "../../provider/modelarts/notebook";
import { NotebookV2Provider } from "../../provider/modelartsV2/notebook";
import { namesProperty } from "../fixtures/badInputs";
import {
    CREATE_REFUSALS,
    DSW_PROGRAM_BASE,
    DSW_WIRE_BASE,
    MA_PROGRAM_BASE,
    MA_WIRE_BASE,
    NB_PROGRAM_BASE,
    NB_WIRE_BASE,
    RefusalCase,
    Resource,
    caseName,
} from "../fixtures/createRefusals";
import { dswClient, maClient, nbClient } from "../support/clients";
import { TestEmulator, startTestEmulator } from "../support/emulator";
import { noCloudClient } from "../support/noCloud";

const noCloud = () => {
    throw new Error("check must not call the API");
};
const poll = () => ({ minDelayMs: 1, maxDelayMs: 1 });
const checkers: Record<
    Resource,
    { check(olds: Record<string, unknown>, news: Record<string, unknown>): { failures: Array<{ property: string; reason: string }> } }
> = {
    "dsw.Instance": new DswInstanceProvider({ client: noCloudClient, cache: noCloud, poll }),
    "modelarts.Notebook": new ModelArtsNotebookProvider({ client: noCloudClient, poll }),
    "modelarts.NotebookV2": new NotebookV2Provider({ client: noCloudClient, poll }),
};
const OWNER = { key: "pulumi-notebooks-owner", value: "proj/dev:nb" };

describe(`generated bad requests (${CREATE_REFUSALS.length}): the emulator refuses each, and check refuses it first`, () => {
    let t: TestEmulator;
    let dswInstance: string;
    let notebook: string;
    const tally: Record<Resource, { cases: number; emulator: number; check: number }> = {
        "dsw.Instance": { cases: 0, emulator: 0, check: 0 },
        "modelarts.Notebook": { cases: 0, emulator: 0, check: 0 },
        "modelarts.NotebookV2": { cases: 0, emulator: 0, check: 0 },
    };

    before(async () => {
        t = await startTestEmulator();
        // The base requests are valid: the emulator creates them and check passes them.
        dswInstance = await dswClient(t.url).createInstance({ ...DSW_WIRE_BASE });
        assert.ok((await maClient(t.url).create({ ...MA_WIRE_BASE })).id);
        notebook = (await nbClient(t.url).create({ ...NB_WIRE_BASE })).id;
        await nbClient(t.url).createTags(notebook, [OWNER]);
        assert.deepEqual(checkers["dsw.Instance"].check({}, { ...DSW_PROGRAM_BASE }).failures, []);
        assert.deepEqual(checkers["modelarts.Notebook"].check({}, { ...MA_PROGRAM_BASE }).failures, []);
        assert.deepEqual(checkers["modelarts.NotebookV2"].check({}, { ...NB_PROGRAM_BASE }).failures, []);
    });
    after(() => {
        process.stdout.write(
            `      refusals per resource: ${Object.entries(tally)
                .map(([r, n]) => `${r} ${n.cases} cases, ${n.emulator} refused by the emulator, ${n.check} by check`)
                .join("; ")}\n`,
        );
        return t.close();
    });

    const send = (c: RefusalCase): Promise<unknown> => {
        const body = c.wire as Record<string, unknown>;
        if (c.resource === "dsw.Instance") {
            const d = dswClient(t.url);
            if (c.op === "shutdownTimer") return d.createShutdownTimer(dswInstance, body as never);
            if (c.op === "idleCuller") return d.createIdleCuller(dswInstance, body as never);
            return d.createInstance(body);
        }
        if (c.resource === "modelarts.Notebook") return maClient(t.url).create(body);
        if (c.op === "tags") return nbClient(t.url).createTags(notebook, c.wire as Array<{ key: string; value: string }>);
        return nbClient(t.url).create(body);
    };
    const refusedAsValidation = (c: RefusalCase) => (e: unknown) =>
        e instanceof CloudServiceError &&
        e.$metadata.httpStatusCode === 400 &&
        (c.resource === "dsw.Instance" ? e.code === "ValidationError" : /^ModelArts\.\d+$/.test(e.code));

    CREATE_REFUSALS.forEach((c, i) => {
        it(`${c.resource} #${i}: ${caseName(c)}`, async () => {
            tally[c.resource].cases++;
            const before = c.op === "tags" ? (await nbClient(t.url).get(notebook)).tags : undefined;
            await assert.rejects(send(c), refusedAsValidation(c), `the emulator accepts ${JSON.stringify(c.wire).slice(0, 300)}`);
            tally[c.resource].emulator++;
            if (c.op === "tags") {
                assert.deepEqual((await nbClient(t.url).get(notebook)).tags, before, "a refused CreateNotebookTags changes nothing");
            }
            const r = checkers[c.resource].check({}, c.program);
            assert.ok(
                r.failures.some((f) => namesProperty(f, c.field)),
                `check does not refuse ${JSON.stringify(c.program).slice(0, 300)} on ${c.field}: ${JSON.stringify(r.failures)}`,
            );
            tally[c.resource].check++;
        });
    });
});
