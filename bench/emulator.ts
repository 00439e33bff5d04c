/**
 * `npm run bench:emulator`: requests/second the emulator serves for DSW GetInstance and
 * ListInstances on loopback, signatures checked. The emulator runs in its own process; this
 * process signs every request (fresh date and nonce) and keeps CONCURRENCY requests in flight
 * over keep-alive connections for DURATION_S seconds per operation.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as http from "node:http";
import * as path from "node:path";
import { DEFAULT_DSW_TENANTS } from "../emulator/options";
import { acs3Sign } from "../provider/dsw/signer";
import { DswClient } from "../provider/dsw/client";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const key = DEFAULT_DSW_TENANTS[0];

async function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
    const child = spawn(process.execPath, [path.join(__dirname, "../emulator/main.js"), "--in-memory", "--fast", "--port", "0"], {
        stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout?.on("data", (d: Buffer) => {
            out += d;
            const m = /listening on (http:\/\/[^\s]+)/.exec(out);
            if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited ${code}`)));
    });
    return { url, child };
}

async function load(
    url: string,
    op: string,
    reqPath: string,
    query: Array<[string, string]>,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
    const u = new URL(url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    const latencies: number[] = [];
    let errors = 0;
    const end = Date.now() + DURATION_S * 1000;
    const one = () =>
        new Promise<void>((resolve) => {
            const headers = acs3Sign(
                { method: "GET", canonicalUri: reqPath, query, headers: { host: u.host, "x-acs-action": op, "x-acs-version": "2022-01-01" }, body: "" },
                { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret },
            );
            const { host: _host, ...send } = headers;
            const t0 = process.hrtime.bigint();
            const req = http.request(
                { host: u.hostname, port: u.port, path: qs ? `${reqPath}?${qs}` : reqPath, method: "GET", headers: send, agent },
                (res) => {
                    res.resume();
                    res.on("end", () => {
                        if (res.statusCode !== 200) errors++;
                        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
                        resolve();
                    });
                },
            );
            req.on("error", () => {
                errors++;
                resolve();
            });
            req.end();
        });
    const started = Date.now();
    await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
            while (Date.now() < end) await one();
        }),
    );
    const elapsed = (Date.now() - started) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
    return { rps: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), errors };
}

async function main(): Promise<void> {
    const { url, child } = await startEmulatorProcess();
    try {
        const c = new DswClient({ endpoint: url, credentials: { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret } });
        let id = "";
        for (let i = 0; i < 50; i++) {
            id = await c.createInstance({
                WorkspaceId: "40823",
                InstanceName: `bench_${i}`,
                EcsSpec: "ecs.g6.xlarge",
                ImageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/py:3",
            });
        }
        process.stdout.write(`emulator benchmark: ${DURATION_S}s per operation, ${CONCURRENCY} requests in flight, ACS3 signatures checked, 50 instances\n`);
        const rows: Array<[string, Awaited<ReturnType<typeof load>>]> = [
            ["GetInstance", await load(url, "GetInstance", `/api/v2/instances/${id}`, [])],
            [
                "ListInstances (PageSize=10)",
                await load(url, "ListInstances", "/api/v2/instances", [
                    ["WorkspaceId", "40823"],
                    ["PageSize", "10"],
                ]),
            ],
            [
                "ListInstances (PageSize=100)",
                await load(url, "ListInstances", "/api/v2/instances", [
                    ["WorkspaceId", "40823"],
                    ["PageSize", "100"],
                ]),
            ],
        ];
        for (const [name, r] of rows) {
            process.stdout.write(
                `  ${name.padEnd(30)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   errors ${r.errors}\n`,
            );
        }
        const target = 3000;
        const worst = Math.min(rows[0][1].rps, rows[1][1].rps);
        process.stdout.write(
            `target >= ${target} req/s for GetInstance and ListInstances: ${worst >= target ? "met" : "MISSED"} (lowest ${worst.toFixed(0)})\n`,
        );
    } finally {
        child.kill("SIGTERM");
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
});
