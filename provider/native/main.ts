/**
 * Entry point of the `pulumi-resource-notebooks` plugin: the engine starts it (with the engine's
 * address as its argument) and reads the port it prints.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { serve } from "./server";

function packageVersion(): string {
    for (const rel of ["../../../package.json", "../../package.json"]) {
        const p = path.resolve(__dirname, rel);
        if (fs.existsSync(p)) return (JSON.parse(fs.readFileSync(p, "utf8")) as { version: string }).version;
    }
    return "0.0.0";
}

serve(process.env.PULUMI_NOTEBOOKS_PLUGIN_VERSION ?? packageVersion()).catch((e: unknown) => {
    process.stderr.write(`pulumi-resource-notebooks: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
