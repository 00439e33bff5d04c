/**
 * How a lookup (`dsw.getInstances`, `modelarts.getNotebooks`, `modelarts.getNotebooksV2`, …) fails:
 * as one line naming the lookup, the place in the program that called it, and the cloud's answer
 * (operation, code and message, request id), raised as `pulumi.RunError` so that Pulumi prints the
 * line and no "unhandled exception" with stack frames from this package. Only the failures a user
 * can act on are turned into that line (the cloud refused, no answer, an answer of the wrong
 * shape, bad arguments); anything else is a defect here and keeps its stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { oneLineRunError } from "./runError";
import { CloudServiceError, InputValidationError, ResponseShapeError, TransportError } from "../provider/common/errors";

/** This package's directory (the one whose package.json names it), wherever it is installed. */
function packageRoot(): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        try {
            if ((JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name === "pulumi-notebooks") return dir;
        } catch {
            // no package.json here: look further up
        }
        if (path.dirname(dir) === dir) return path.resolve(__dirname, "..");
    }
}

// Frames of this package: compiled (dist/…) or, with source maps as Pulumi's runtime installs them, its sources (sdk/…, provider/…).
const ROOT = packageRoot();
const OWN = ["dist", "sdk", "provider"].map((d) => path.join(ROOT, d) + path.sep);
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

/**
 * A failed lookup's rejection travels through promises and Outputs that Pulumi's runtime handles
 * only after Node has reported it unhandled (Pulumi prints it then, once); the late handling would
 * add Node's "PromiseRejectionHandledWarning" lines. Node prints that warning only when nobody
 * listens to `rejectionHandled`, so a listener is added once, when the first lookup fails: the
 * program is stopping with the one line already printed.
 */
let quietLateHandling = false;
function quietLateRejectionHandling(): void {
    if (quietLateHandling) return;
    quietLateHandling = true;
    process.on("rejectionHandled", () => undefined);
}

/** Runs one lookup; a failure the user can act on becomes one line (see above). */
export async function asLookup<T>(lookup: string, site: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (e) {
        const where = `${lookup}${site ? ` (called at ${site})` : ""}`;
        let line: string | undefined;
        if (e instanceof InputValidationError) line = `${where}: invalid arguments: ${e.message}`;
        else if (e instanceof CloudServiceError || e instanceof TransportError || e instanceof ResponseShapeError) line = `${where}: ${e.message}`;
        if (line === undefined) throw e;
        quietLateRejectionHandling();
        throw oneLineRunError(line);
    }
}
