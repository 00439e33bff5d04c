#!/usr/bin/env node
/**
 * `npm run emulator [-- --port 4580 --state-dir .demo/emulator | --in-memory] [--fast] [--seed N]
 *  [--admin-token T] [--allowed-hosts a,b]`
 * Starts both clouds' emulated APIs on loopback and prints the endpoints, development keys and the
 * admin token. NOTEBOOKS_EMULATOR_ADMIN_TOKEN and NOTEBOOKS_EMULATOR_ALLOWED_HOSTS are read when
 * the flags are not given.
 */
import { stackConfigLines } from "./devConfig";
import { startEmulator } from "./server";
import { DEFAULT_ADMIN_TOKEN, DEFAULT_DSW_TENANTS, DEFAULT_MODELARTS_TENANTS, EmulatorOptionsInput } from "./options";
import { decimalInt } from "./params";

/** A comma-separated list of host names (`a.test,.b.test,*`); empty entries dropped. */
const hostList = (v: string) =>
    v
        .split(",")
        .map((h) => h.trim())
        .filter((h) => h !== "");

function int(flag: string, v: string): number {
    const n = decimalInt(v);
    if (n === undefined) throw new Error(`${flag} needs a decimal integer (got ${JSON.stringify(v)})`);
    return n;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = {}): EmulatorOptionsInput & { inMemory?: boolean } {
    const out: EmulatorOptionsInput & { inMemory?: boolean } = { stateDir: ".emulator-state" };
    if (env.NOTEBOOKS_EMULATOR_ADMIN_TOKEN) out.adminToken = env.NOTEBOOKS_EMULATOR_ADMIN_TOKEN;
    if (env.NOTEBOOKS_EMULATOR_ALLOWED_HOSTS) out.allowedHosts = hostList(env.NOTEBOOKS_EMULATOR_ALLOWED_HOSTS);
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => {
            const v = argv[++i];
            if (v === undefined) {
                throw new Error(`${a} needs a value`);
            }
            return v;
        };
        switch (a) {
            case "--port":
                out.port = int(a, next());
                break;
            case "--admin-token":
                out.adminToken = next();
                break;
            case "--allowed-hosts":
                out.allowedHosts = hostList(next());
                break;
            case "--host":
                out.host = next();
                break;
            case "--state-dir":
                out.stateDir = next();
                break;
            case "--in-memory":
                out.stateDir = undefined;
                break;
            case "--fast":
                out.durations = { ...out.durations, provision: 300, stop: 200, update: 200, delete: 200 };
                break;
            case "--provision-ms":
                out.durations = { ...out.durations, provision: Number(next()) };
                break;
            case "--dsw-create-shares":
                out.durations = { ...out.durations, dswCreateShares: next().split(",").map(Number) };
                break;
            case "--modelarts-create-shares":
                out.durations = { ...out.durations, modelartsCreateShares: next().split(",").map(Number) };
                break;
            case "--phase-jitter":
                out.durations = { ...out.durations, phaseJitter: Number(next()) };
                break;
            case "--provision-jitter":
                out.durations = { ...out.durations, provisionJitter: Number(next()) };
                break;
            case "--second-ms":
                out.secondMs = Number(next());
                break;
            case "--seed":
                out.faults = { ...out.faults, seed: int(a, next()) };
                break;
            case "--help":
                process.stdout.write(
                    "usage: emulator [--port N] [--host H] [--state-dir DIR | --in-memory] [--fast] [--provision-ms N] [--dsw-create-shares 1,3,6] [--modelarts-create-shares 1,4] [--phase-jitter 0.3] [--provision-jitter 0.2] [--second-ms N] [--seed N] [--admin-token T] [--allowed-hosts name,.suffix,*]\n" +
                        "environment: NOTEBOOKS_EMULATOR_ADMIN_TOKEN, NOTEBOOKS_EMULATOR_ALLOWED_HOSTS (used when the flags are not given)\n",
                );
                process.exit(0);
                break;
            default:
                throw new Error(`unknown argument ${a}`);
        }
    }
    return out;
}

async function main(): Promise<void> {
    const opts = parseArgs(process.argv.slice(2), process.env);
    const emu = await startEmulator(opts);
    const dsw = DEFAULT_DSW_TENANTS[0];
    const ma = DEFAULT_MODELARTS_TENANTS[0];
    process.stdout.write(
        [
            `emulator listening on ${emu.url} (state: ${emu.options.stateDir ?? "in memory"})`,
            `  DSW:       endpoint ${emu.url}  access key ${dsw.accessKeyId}  workspaces ${dsw.workspaces.map((w) => w.id).join(", ")}`,
            `  ModelArts: endpoint ${emu.url}  AK ${ma.accessKey}  project ${ma.projects[0].id}`,
            `  admin:     ${emu.url}/_emulator/health  (header x-emulator-admin-token: ${emu.options.adminToken}${emu.options.adminToken === DEFAULT_ADMIN_TOKEN ? ", the default: set --admin-token or NOTEBOOKS_EMULATOR_ADMIN_TOKEN when others can reach this port" : ""})`,
            `  hosts:     loopback names${emu.options.allowedHosts.length > 0 ? ` and ${emu.options.allowedHosts.join(", ")}` : " only (--allowed-hosts to serve others)"}`,
            "",
            ...stackConfigLines(emu.url, dsw, ma),
            "",
        ].join("\n"),
    );
    const stop = () => {
        void emu.close().then(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`emulator: ${(e as Error).message}\n`);
        process.exit(1);
    });
}
