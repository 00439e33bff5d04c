/**
 * Reports that the root hooks (./auditHook.ts, ./slowestHook.ts) make about a whole mocha run.
 *
 * Serially, one process runs every spec file and a root `afterAll` sees the whole run. With
 * `mocha --parallel`, each worker process runs whole spec files and a root `afterAll` runs once per
 * file, so each worker writes its part as JSON into a directory that the main process made in
 * `mochaGlobalSetup` (workers inherit its environment: mocha's worker pool starts them after global
 * set-up, `lib/nodejs/buffered-worker-pool.js`) and the main process adds the parts up in
 * `mochaGlobalTeardown`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const DIR_ENV = "NOTEBOOKS_TEST_REPORTS";

/** True in a `mocha --parallel` worker (mocha sets MOCHA_WORKER_ID for each one). */
export function inParallelWorker(): boolean {
    return process.env.MOCHA_WORKER_ID !== undefined;
}

let written = 0;

/** A worker's part of the report `kind`, for the main process to add up. */
export function writePart(kind: string, part: unknown): void {
    const dir = process.env[DIR_ENV];
    if (!dir) return;
    fs.writeFileSync(path.join(dir, `${kind}-${process.pid}-${written++}.json`), JSON.stringify(part));
}

/** Every worker's part of the report `kind` (none in a serial run). */
export function readParts<T>(kind: string): T[] {
    const dir = process.env[DIR_ENV];
    if (!dir || !fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(`${kind}-`))
        .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as T);
}

export function mochaGlobalSetup(): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pn-test-reports-"));
    process.env[DIR_ENV] = dir;
    // On exit rather than in a teardown: the other modules' teardowns read the parts, in an order of mocha's choosing.
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
