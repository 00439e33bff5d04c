/**
 * Mocha root hook: once every test has run, searches everything the end-to-end tests produced for
 * the secrets they used (./secretAudit.ts) and fails the run on any hit. Inactive when no
 * end-to-end test created a stack.
 */
import { secretAudit } from "./secretAudit";

export const mochaHooks = {
    afterAll(): void {
        if (!secretAudit.active) {
            return;
        }
        const r = secretAudit.scan();
        const mb = (n: number) => (n / 1e6).toFixed(1);
        process.stdout.write(
            `\n  secret audit: ${r.secrets} secrets searched in ${r.cliOutputs} pulumi CLI outputs (${mb(r.cliBytes)} MB), ` +
                `${r.requests} emulator requests and ${r.stateFiles} state/config files (${mb(r.stateBytes)} MB): ${r.hits.length} hits\n`,
        );
        if (r.hits.length > 0) {
            throw new Error(`secrets found:\n${r.hits.map((h) => `  ${h.secret} in ${h.source}`).join("\n")}`);
        }
    },
};
