/**
 * How a lookup (`dsw.getInstances`, `modelarts.getNotebooks`, `modelarts.getNotebooksV2`, …) fails:
 * as one line naming the lookup, the place in the program that called it, and the cloud's answer
 * (operation, code and message, request id), raised as `pulumi.RunError` so that Pulumi prints the
 * line and no "unhandled exception" with stack frames from this package. Only the failures a user
 * can act on are turned into that line (the cloud refused, no answer, an answer of the wrong
 * shape, bad arguments); anything else is a defect here and keeps its stack.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CloudServiceError, InputValidationError, ResponseShapeError, TransportError } from "../provider/common/errors";

// This package's own code: dist/{sdk,provider} once compiled, {sdk,provider} under ts-node.
const OWN = [path.resolve(__dirname, "..", "sdk") + path.sep, path.resolve(__dirname, "..", "provider") + path.sep];
const FRAME = /\(?((?:\/|[A-Za-z]:\\)[^()]+?):(\d+):(\d+)\)?$/;

/** The first stack frame outside this package, Node's internals and Pulumi's SDK: where the program called the lookup. */
export function callSite(): string | undefined {
    const stack = new Error().stack?.split("\n").slice(1) ?? [];
    for (const line of stack) {
        const m = FRAME.exec(line.trim());
        if (!m) continue;
        const file = m[1];
        if (OWN.some((d) => file.startsWith(d)) || file.includes(`${path.sep}node_modules${path.sep}@pulumi${path.sep}`)) continue;
        const rel = path.relative(process.cwd(), file);
        return `${rel.startsWith("..") ? file : rel}:${m[2]}:${m[3]}`;
    }
    return undefined;
}

/** Runs one lookup; a failure the user can act on becomes one line (see above). */
export async function asLookup<T>(lookup: string, site: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (e) {
        const where = `${lookup}${site ? ` (called at ${site})` : ""}`;
        if (e instanceof InputValidationError) throw new pulumi.RunError(`${where}: invalid arguments: ${e.message}`);
        if (e instanceof CloudServiceError || e instanceof TransportError || e instanceof ResponseShapeError) {
            throw new pulumi.RunError(`${where}: ${e.message}`);
        }
        throw e;
    }
}
