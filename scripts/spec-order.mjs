// Prints the given spec files, slowest first by the times the last runs on this
// machine recorded (tests/support/slowestHook.ts writes them to $NOTEBOOKS_SPEC_TIMES), so that
// `mocha --parallel` starts the long end-to-end files first rather than leaving one to run alone at
// the end. Files without a recorded time (a new machine, a new file) come first, end-to-end before
// integration, conformance and unit, each ring in name order.
import * as fs from "node:fs";
import * as path from "node:path";

const RINGS = ["e2e", "integration", "conformance", "unit"];

let times = {};
try {
    times = JSON.parse(fs.readFileSync(process.env.NOTEBOOKS_SPEC_TIMES ?? "", "utf8"));
} catch {
    // No times yet on this machine: ring order only.
}
const files = process.argv.slice(2).map((f) => path.normalize(f));
const ring = (f) => {
    const i = RINGS.findIndex((r) => f.split(path.sep).includes(r));
    return i < 0 ? RINGS.length : i;
};
const known = (f) => typeof times[f] === "number";
files.sort((a, b) => {
    if (known(a) !== known(b)) return known(a) ? 1 : -1;
    if (known(a)) return times[b] - times[a];
    return ring(a) - ring(b) || a.localeCompare(b);
});
process.stdout.write([...new Set(files)].join("\n") + "\n");
