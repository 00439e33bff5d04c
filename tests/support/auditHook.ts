/**
 * Mocha root hook: once every test has run, searches everything the end-to-end tests produced for
 * the secrets they used (./secretAudit.ts) and fails the run on any hit. Inactive when no
 * end-to-end test created a stack. Under `mocha --parallel` each spec file is audited when it ends
 * (a hit fails that file) and the main process prints the totals (./runReports.ts).
 */
import { AuditReport, secretAudit } from "./secretAudit";
import { inParallelWorker, readParts, writePart } from "./runReports";

type Totals = Omit<AuditReport, "hits"> & { hits: number; files: number };

const mb = (n: number) => (n / 1e6).toFixed(1);

function line(t: Totals): string {
    const files = t.files > 1 ? ` of ${t.files} spec files` : "";
    return (
        `\n  secret audit${files}: ${t.secrets} secrets searched in ${t.cliOutputs} pulumi CLI outputs (${mb(t.cliBytes)} MB), ` +
        `${t.requests} emulator requests and ${t.stateFiles} state/config files (${mb(t.stateBytes)} MB): ${t.hits} hits\n`
    );
}

export const mochaHooks = {
    afterAll(): void {
        if (!secretAudit.active) {
            return;
        }
        const r = secretAudit.scan();
        const totals: Totals = { ...r, hits: r.hits.length, files: 1 };
        if (inParallelWorker()) {
            secretAudit.clearHaystack();
            writePart("audit", totals);
        } else {
            process.stdout.write(line(totals));
        }
        if (r.hits.length > 0) {
            throw new Error(`secrets found:\n${r.hits.map((h) => `  ${h.secret} in ${h.source}`).join("\n")}`);
        }
    },
};

export function mochaGlobalTeardown(): void {
    const parts = readParts<Totals>("audit");
    if (parts.length === 0) return;
    const sum = (k: keyof Omit<Totals, "secrets">) => parts.reduce((n, p) => n + p[k], 0);
    process.stdout.write(
        line({
            secrets: Math.max(...parts.map((p) => p.secrets)),
            cliOutputs: sum("cliOutputs"),
            cliBytes: sum("cliBytes"),
            requests: sum("requests"),
            stateFiles: sum("stateFiles"),
            stateBytes: sum("stateBytes"),
            hits: sum("hits"),
            files: sum("files"),
        }),
    );
}
