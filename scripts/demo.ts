/**
 * `npm run demo`: notebooks declared in code (demo/index.ts), deployed with the real `pulumi` CLI
 * against the embedded emulator; then drift made "in the web console" (the emulator's admin API),
 * caught by `pulumi preview --refresh --diff`, repaired by `pulumi up`; then a table of the
 * notebooks. `npm run demo -- --destroy` tears everything down. Re-running is safe: the emulator
 * keeps its state under .demo/ and the stack converges.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AdminClient } from "../emulator/adminClient";
import { startEmulator } from "../emulator/server";
import { DEFAULT_DSW_TENANTS, DEFAULT_MODELARTS_TENANTS } from "../emulator/options";
import { ECS_SPECS } from "../emulator/dsw/model";
import { FLAVORS } from "../emulator/modelarts/model";
import { pulumiEnv, runPulumi } from "./lib/cli";

const root = path.resolve(__dirname, "../..");
const demoDir = path.join(root, ".demo");
const started = Date.now();

function banner(text: string): void {
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(`\n\x1b[1m==> ${text}\x1b[0m  (${secs}s)\n`);
}

async function main(): Promise<void> {
    const destroy = process.argv.includes("--destroy");
    const bin = process.env.PULUMI_TOOLCHAIN_BIN;
    const home = process.env.PULUMI_HOME;
    if (!bin || !home) {
        throw new Error("run through `npm run demo` (it sets up the Pulumi toolchain first)");
    }
    fs.mkdirSync(path.join(demoDir, "state"), { recursive: true });
    banner("starting the emulator of PAI-DSW and ModelArts (state in .demo/emulator)");
    // A fixed port: Pulumi stores the provider configuration (the endpoint) with the stack at each
    // `up`, and `destroy` uses the stored one, so the endpoint must stay the same between runs.
    const port = Number(process.env.DEMO_EMULATOR_PORT ?? 4580);
    const emu = await startEmulator({
        port,
        stateDir: path.join(demoDir, "emulator"),
        durations: { provision: 4000, stop: 2000, update: 2000, delete: 2000 },
    });
    process.stdout.write(`emulator: ${emu.url}\n`);
    const admin = new AdminClient(emu.url);
    const env = pulumiEnv({ bin, home, backendDir: path.join(demoDir, "state"), passphrase: "notebooks-demo" });
    const pulumi = async (args: string[], allowFail = false) => {
        const r = await runPulumi(bin, args, { cwd: root, env, echo: true });
        if (r.code !== 0 && !allowFail) {
            throw new Error(`pulumi ${args.join(" ")} exited with ${r.code}`);
        }
        return r;
    };
    const quiet = (args: string[]) => runPulumi(bin, args, { cwd: root, env });
    try {
        if ((await quiet(["stack", "select", "demo"])).code !== 0) {
            await quiet(["stack", "init", "demo"]);
        }
        const dswKey = DEFAULT_DSW_TENANTS[0];
        const maKey = DEFAULT_MODELARTS_TENANTS[0];
        const config: Array<[string, string, boolean]> = [
            ["notebooks:dswEndpoint", emu.url, false],
            ["notebooks:dswAccessKeyId", dswKey.accessKeyId, false],
            ["notebooks:dswAccessKeySecret", dswKey.accessKeySecret, true],
            ["notebooks:modelartsEndpoint", emu.url, false],
            ["notebooks:modelartsAccessKey", maKey.accessKey, false],
            ["notebooks:modelartsSecretKey", maKey.secretKey, true],
            ["notebooks:modelartsProjectId", maKey.projects[0].id, false],
            ["notebooks:pollMinDelayMs", "1000", false],
            ["notebooks:pollMaxDelayMs", "3000", false],
        ];
        for (const [k, v, secret] of config) {
            await quiet(["config", "set", ...(secret ? ["--secret"] : []), k, v]);
        }

        if (destroy) {
            banner("pulumi destroy");
            await pulumi(["destroy", "--yes", "--skip-preview"]);
            await quiet(["stack", "rm", "--yes", "demo"]);
            await emu.close();
            fs.rmSync(demoDir, { recursive: true, force: true });
            banner("everything is torn down (.demo/ removed)");
            return;
        }

        banner(
            "pulumi up: a DSW GPU notebook (scheduled stop + idle culler), a ModelArts notebook (auto-stop) and one on the current notebook API (8 h lease)",
        );
        await pulumi(["up", "--yes", "--refresh"]);
        const outs = JSON.parse((await quiet(["stack", "output", "--json"])).stdout) as Record<string, string>;

        banner(
            "drift made in the web consoles: the DSW notebook's ECS spec changed and its stop timer removed; the ModelArts notebook stopped; the current-API notebook stopped and switched to another flavor",
        );
        await admin.dswStop(outs.dswInstanceId);
        await admin.dswSetSpec(outs.dswInstanceId, { EcsSpec: "ecs.gn6i-c4g1.xlarge" });
        await admin.dswDeleteTimer(outs.dswInstanceId);
        await admin.maStop(outs.modelartsNotebookId);
        await admin.nbStop(outs.notebookV2Id);
        await admin.nbSet(outs.notebookV2Id, { flavor: "modelarts.vm.gpu.v100" });
        process.stdout.write("(through the emulator's admin API, as a person in the console would)\n");
        await new Promise((r) => setTimeout(r, 2500));

        banner("pulumi preview --refresh --diff: the drift, property by property");
        await pulumi(["preview", "--refresh", "--diff"]);

        banner("pulumi up --refresh: repair");
        await pulumi(["up", "--yes", "--refresh"]);

        banner("the notebooks now");
        await printTable(admin);
        process.stdout.write(`\nRun \`npm run demo\` again to repeat, \`npm run demo -- --destroy\` to tear down.\n`);
    } finally {
        await emu.close();
    }
}

function left(ms: number | undefined): string {
    if (ms === undefined) return "-";
    const m = Math.round(ms / 60_000);
    return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

async function printTable(admin: AdminClient): Promise<void> {
    const rows: string[][] = [["CLOUD", "NAME", "STATUS", "RESOURCES", "STOPS IN"]];
    for (const i of await admin.dswInstances()) {
        const spec = ECS_SPECS[String(i.EcsSpec)];
        const res = spec ? `${i.EcsSpec} (${spec.cpu} vCPU, ${spec.memoryGB} GB${spec.gpu ? `, ${spec.gpu}x ${spec.gpuType}` : ""})` : String(i.EcsSpec);
        const timer = i.InstanceShutdownTimer as { RemainingTimeInMs?: number } | undefined;
        rows.push(["PAI-DSW", String(i.InstanceName), String(i.Status), res, left(timer?.RemainingTimeInMs)]);
    }
    for (const n of await admin.maInstances()) {
        const d = n.flavor_details as { params?: Record<string, unknown> } | undefined;
        const p = d?.params ?? {};
        const auto = (n.spec as { auto_stop?: { remain_time?: number } }).auto_stop;
        const res = `${n.flavor} (${p.CPU ?? "?"} vCPU, ${p.memory ?? "?"}${p.GPU ? `, ${p.GPU}x ${p.gpu_type}` : ""})`;
        rows.push(["ModelArts", String(n.name), String(n.status), res, left(auto?.remain_time !== undefined ? auto.remain_time * 1000 : undefined)]);
    }
    for (const n of await admin.notebooks()) {
        const f = FLAVORS[String(n.flavor)];
        const p = f?.params ?? {};
        const res = `${String(n.flavor)} (${p.CPU ?? "?"} vCPU, ${p.memory ?? "?"}${p.GPU ? `, ${p.GPU}x ${p.gpu_type}` : ""})`;
        const due = typeof n.lease_due === "number" ? n.lease_due - Date.now() : undefined;
        rows.push(["ModelArts (notebooks API)", String(n.name), String(n.status), res, left(due)]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) {
        process.stdout.write(r.map((cell, c) => cell.padEnd(widths[c])).join("  ") + "\n");
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`demo failed: ${(e as Error).message}\n`);
    process.exit(1);
});
