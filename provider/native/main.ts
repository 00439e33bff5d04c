/**
 * Entry point of the `pulumi-resource-notebooks` plugin: the engine starts it (with the engine's
 * address as its argument) and reads the port it prints.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { connectProgressToEngine } from "../common/log";
import { watchEngine } from "../common/engineWatch";
import { serve } from "./server";

function packageVersion(): string {
    for (const rel of ["../../../package.json", "../../package.json"]) {
        const p = path.resolve(__dirname, rel);
        if (fs.existsSync(p)) return (JSON.parse(fs.readFileSync(p, "utf8")) as { version: string }).version;
    }
    return "0.0.0";
}

// The engine's address comes last, after any logging and tracing flags (plugin.go `buildPluginArguments`).
const engineAddress = process.argv.slice(2).at(-1);
if (engineAddress && /^[\w.[\]:-]+:\d+$/.test(engineAddress)) {
    connectProgressToEngine(engineAddress);
    watchEngine();
}

serve(process.env.PULUMI_NOTEBOOKS_PLUGIN_VERSION ?? packageVersion()).catch((e: unknown) => {
    process.stderr.write(`pulumi-resource-notebooks: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
