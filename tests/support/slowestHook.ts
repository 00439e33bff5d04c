/**
 * Mocha root hook: after a run of more than a few tests, prints the ten slowest tests and the ten
 * slowest spec files, with the pulumi CLI runs each made, so that where the suite's time goes (CLI
 * starts, provisioning waits, hooks) is read from every CI log rather than guessed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Context } from "mocha";
import { cliTally } from "./cliTally";
import { inParallelWorker, readParts, writePart } from "./runReports";

interface Row {
    title: string;
    file: string;
    ms: number;
    cliRuns: number;
    cliMs: number;
}

const tests: Row[] = [];
const files = new Map<string, Row>();
let mark = { runs: 0, ms: 0, at: Date.now() };
let lastEnd = Date.now();

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
const why = (r: Row) => `${r.cliRuns} pulumi runs, ${seconds(r.cliMs).trim()} in the CLI`;

export const mochaHooks = {
    beforeAll(): void {
        lastEnd = Date.now();
    },
    beforeEach(): void {
        mark = { runs: cliTally.runs, ms: cliTally.ms, at: Date.now() };
    },
    afterEach(this: Context): void {
        const t = this.currentTest;
        if (!t) return;
        const file = path.relative(process.cwd(), t.file ?? "?");
        tests.push({ title: t.fullTitle(), file, ms: t.duration ?? Date.now() - mark.at, cliRuns: cliTally.runs - mark.runs, cliMs: cliTally.ms - mark.ms });
        // A file's time runs from the previous test's end, so that its before hooks count too.
        const f = files.get(file) ?? { title: file, file, ms: 0, cliRuns: 0, cliMs: 0 };
        const now = Date.now();
        f.ms += now - lastEnd;
        lastEnd = now;
        files.set(file, f);
    },
    afterAll(): void {
        for (const t of tests) {
            const f = files.get(t.file);
            if (f) {
                f.cliRuns += t.cliRuns;
                f.cliMs += t.cliMs;
            }
        }
        if (inParallelWorker()) {
            writePart("slowest", { tests, files: [...files.values()] });
            tests.length = 0;
            files.clear();
            return;
        }
        report(tests, [...files.values()]);
    },
};

export function mochaGlobalTeardown(): void {
    const parts = readParts<{ tests: Row[]; files: Row[] }>("slowest");
    if (parts.length > 0)
        report(
            parts.flatMap((p) => p.tests),
            parts.flatMap((p) => p.files),
        );
}

function report(testRows: Row[], fileRows: Row[]): void {
    if (testRows.length < 20) return;
    rememberFileTimes(fileRows);
    const top = (rows: Row[]) => [...rows].sort((a, b) => b.ms - a.ms).slice(0, 10);
    const out = ["", "  the ten slowest tests:"];
    for (const r of top(testRows)) out.push(`  ${seconds(r.ms)}  ${r.file}: ${r.title} (${why(r)})`);
    out.push("  the ten slowest spec files (hooks included):");
    for (const r of top(fileRows)) out.push(`  ${seconds(r.ms)}  ${r.file} (${why(r)} in its tests)`);
    process.stdout.write(out.join("\n") + "\n");
}

/**
 * Each spec file's time, for scripts/spec-order.mjs to start the slowest files first in the next
 * parallel run (so that no long file starts last and runs alone). Merged, so that a run of one ring
 * keeps the others' times.
 */
function rememberFileTimes(fileRows: Row[]): void {
    const file = process.env.NOTEBOOKS_SPEC_TIMES;
    if (!file) return;
    let known: Record<string, number> = {};
    try {
        known = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, number>;
    } catch {
        // First run on this machine, or a file another version wrote: start afresh.
    }
    for (const r of fileRows) known[r.file] = r.ms;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(known, null, 1));
}
