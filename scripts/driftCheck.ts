#!/usr/bin/env node
/**
 * Drift detection for pipelines, over one stack or a fleet of them: for each stack a
 * `preview --refresh` through Pulumi's Automation API (never writing state), turned into one report
 * of which stacks drifted and how (cloud -> program).
 *
 *   pulumi-notebooks-drift-check [--cwd <dir>]... [--stack <name>]... | [--all-stacks]
 *                                [--parallel N] [--json | --markdown] [--repair]
 *
 * Exit status: 0 no drift, 1 drift in some stack, 2 a stack could not be checked or bad arguments.
 * Uses `pulumi` from PULUMI_TOOLCHAIN_BIN when set, else from PATH, with the caller's environment
 * (backend, passphrase, cloud credentials).
 */
import { USAGE, UsageError, parseDriftArgs } from "./lib/driftArgs";
import { checkFleet } from "./lib/fleet";
import { StackResult, exitCode, renderJson, renderMarkdown, renderText } from "./lib/fleetReport";

export { parseDriftArgs } from "./lib/driftArgs";
export { renderJson, renderMarkdown, renderText } from "./lib/fleetReport";

async function main(): Promise<number> {
    let args;
    try {
        args = parseDriftArgs(process.argv.slice(2));
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`pulumi-notebooks-drift-check: ${e.message}\n${USAGE}\n`);
        return 2;
    }
    // One line per stack on stderr as it finishes: a long fleet shows progress; stdout stays the report.
    const progress = (r: StackResult) =>
        process.stderr.write(`checked ${r.project}/${r.stack}: ${r.status}${r.cause ? ` (${r.cause})` : ""} in ${r.seconds.toFixed(1)} s\n`);
    const results = await checkFleet({ ...args, pulumiBin: process.env.PULUMI_TOOLCHAIN_BIN ?? "", env: process.env, onResult: progress });
    const render = args.format === "json" ? renderJson : args.format === "markdown" ? renderMarkdown : renderText;
    process.stdout.write(render(results) + "\n");
    return exitCode(results);
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (e: unknown) => {
            process.stderr.write(`drift check failed: ${(e as Error).message}\n`);
            process.exit(2);
        },
    );
}
