/**
 * The emulator's current notebook API driven by Huawei's **generated** ModelArts client
 * (huaweicloud-sdk-go-v3 v0.1.207 services/modelarts/v1): a Go program
 * (tests/conformance/go/modelarts-notebooks) reads each operation's request definition
 * (GenReqDefFor…: every parameter's wire name and location), probes every parameter through the
 * generated client and prints one row per (operation, parameter). Built by
 * scripts/build-conformance-go.sh into the per-user cache (set-up builds it; cold: a few minutes).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { MA_DEV, MA_PROJECT, TestEmulator, startTestEmulator } from "../support/emulator";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

interface Row {
    operation: string;
    parameter: string;
    location: string;
    wire: string;
    result: "ok" | "refused-as-documented" | "ignored" | "failed" | "untested";
    evidence: string;
}

/** Operations this suite expects not to be served: they must answer as a missing API. */
const NOT_SERVED = new Set(["ListAllNotebooks"]);
/** Served by the catalog lookups (issue 23's other half): ok once merged, a missing API before. */
const OTHERS = new Set(["ListImage"]);

export function tableText(rows: Row[]): string {
    const w = (k: keyof Row) => Math.max(k.length, ...rows.map((r) => r[k].length));
    const cols: Array<keyof Row> = ["operation", "parameter", "location", "wire", "result"];
    const line = (r: Record<string, string>) => cols.map((c) => r[c].padEnd(w(c))).join("  ");
    return [line(Object.fromEntries(cols.map((c) => [c, c]))), ...rows.map((r) => line(r as unknown as Record<string, string>))].join("\n");
}

describe("conformance: ModelArts notebooks (current API) through Huawei's generated Go client", function () {
    // A cold build compiles the whole generated ModelArts package (minutes on a busy 2-core machine).
    this.timeout(20 * 60_000);
    let t: TestEmulator;
    let rows: Row[];

    before(async () => {
        const built = await run("bash", [path.join(root, "scripts/build-conformance-go.sh")], { cwd: root, maxBuffer: 1 << 20 });
        const bin = /^MODELARTS_NOTEBOOKS_CONFORMANCE_BIN=(.+)$/m.exec(built.stdout)?.[1];
        assert.ok(bin, `the build script printed no binary path:\n${built.stdout}\n${built.stderr}`);
        t = await startTestEmulator();
        const out = await run(bin, [], {
            env: { ...process.env, EMU_ENDPOINT: t.url, EMU_PROJECT: MA_PROJECT, EMU_AK: MA_DEV.accessKey, EMU_SK: MA_DEV.secretKey },
            maxBuffer: 8 << 20,
            timeout: 5 * 60_000,
        });
        rows = JSON.parse(out.stdout) as Row[];
        if (process.env.PULUMI_NOTEBOOKS_CONFORMANCE_TABLE) console.log(`${tableText(rows)}\n`);
    });
    after(() => t?.close());

    it("probes every parameter of every notebook operation's generated request definition: none ignored, none untested, none failed", () => {
        const bad = rows.filter((r) => r.result === "ignored" || r.result === "failed" || r.result === "untested");
        assert.deepEqual(
            bad.map((r) => `${r.operation} ${r.parameter} (${r.location} ${r.wire}): ${r.result}: ${r.evidence}`),
            [],
        );
        // ListNotebooks: every query parameter of GenReqDefForListNotebooks is in the table (the rows come from it).
        const listParams = rows.filter((r) => r.operation === "ListNotebooks" && r.location === "query").map((r) => r.wire);
        for (const p of [
            "feature",
            "limit",
            "name",
            "pool_id",
            "offset",
            "owner",
            "sort_dir",
            "sort_key",
            "status",
            "workspace_id",
            "flavor",
            "image_id",
            "id",
            "billing",
            "tags",
        ]) {
            assert.ok(listParams.includes(p), `ListNotebooks ${p} probed`);
        }
    });

    it("every operation the provider uses and the issue lists is served and ok; unserved ones answer as a missing API (APIGW.0101)", () => {
        const ops = [...new Set(rows.map((r) => r.operation))];
        for (const op of [
            "CreateNotebook",
            "ListNotebooks",
            "ShowNotebook",
            "UpdateNotebook",
            "StartNotebook",
            "StopNotebook",
            "ShowLease",
            "RenewLease",
            "CreateNotebookTags",
            "ShowNotebookTags",
            "DeleteNotebookTags",
            "ListFlavors",
            "ShowSwitchableFlavors",
            "DeleteNotebook",
        ]) {
            assert.ok(ops.includes(op), `${op} in the table`);
            for (const r of rows.filter((x) => x.operation === op)) assert.equal(r.result, "ok", `${op} ${r.parameter}: ${r.evidence}`);
        }
        for (const op of NOT_SERVED) {
            const r = rows.find((x) => x.operation === op);
            assert.equal(r?.result, "refused-as-documented", `${op}: ${r?.evidence}`);
            assert.match(r.evidence, /APIGW\.0101/);
        }
        for (const op of OTHERS) {
            const r = rows.find((x) => x.operation === op);
            assert.ok(r && (r.result === "ok" || (r.result === "refused-as-documented" && /APIGW\.0101/.test(r.evidence))), `${op}: ${r?.evidence}`);
        }
    });
});
