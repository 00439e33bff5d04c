/**
 * A real PostgreSQL 15 for tests: `initdb` in a temporary directory, listening on loopback only on a
 * free port, run as the unprivileged `postgres` system user (PostgreSQL refuses to run as root),
 * stopped and removed at the end. No system service is used.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export const PG_BIN = process.env.NOTEBOOKS_PG_BIN ?? "/usr/lib/postgresql/15/bin";
const PG_USER = "postgres";

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

/** Runs a PostgreSQL binary as the postgres user when we are root, as ourselves otherwise. */
function asPg(bin: string, args: string[]): string {
    const cmd = path.join(PG_BIN, bin);
    const root = process.getuid?.() === 0;
    return execFileSync(root ? "runuser" : cmd, root ? ["-u", PG_USER, "--", cmd, ...args] : args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export class TestPostgres {
    private constructor(
        readonly dataDir: string,
        readonly port: number,
        readonly password: string,
    ) {}

    static async start(): Promise<TestPostgres> {
        if (!fs.existsSync(path.join(PG_BIN, "initdb"))) {
            throw new Error(`PostgreSQL 15 is not installed at ${PG_BIN}: run bash scripts/setup.sh (it installs postgresql-15)`);
        }
        const base = fs.mkdtempSync(path.join(os.tmpdir(), "notebooks-pg-"));
        fs.chmodSync(base, 0o755);
        const dataDir = path.join(base, "data");
        const password = `pg-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
        const pwFile = path.join(base, "pw");
        fs.writeFileSync(pwFile, password, { mode: 0o644 });
        if (process.getuid?.() === 0) execFileSync("chown", ["-R", `${PG_USER}:`, base]);
        asPg("initdb", ["-D", dataDir, "-U", "pulumi", "--pwfile", pwFile, "-A", "scram-sha-256", "--no-sync", "-E", "UTF8"]);
        fs.rmSync(pwFile);
        const port = await freePort();
        const pg = new TestPostgres(dataDir, port, password);
        pg.startServer();
        asPgEnv(password, ["-h", "127.0.0.1", "-p", String(port), "-U", "pulumi", "-d", "postgres", "-c", "CREATE DATABASE pulumi"]);
        return pg;
    }

    /** The backend URL Pulumi's DIY postgres backend takes. */
    get url(): string {
        return `postgres://pulumi:${this.password}@127.0.0.1:${this.port}/pulumi?sslmode=disable`;
    }

    startServer(): void {
        // -k: the unix socket stays inside the data directory; listen on loopback only; fsync off for speed.
        const opts = `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dataDir} -c fsync=off -c synchronous_commit=off`;
        asPg("pg_ctl", ["-D", this.dataDir, "-o", opts, "-l", path.join(this.dataDir, "server.log"), "-w", "-t", "60", "start"]);
    }

    stopServer(): void {
        asPg("pg_ctl", ["-D", this.dataDir, "-m", "fast", "-w", "-t", "60", "stop"]);
    }

    restart(): void {
        this.stopServer();
        this.startServer();
    }

    /** Runs SQL on the state database; returns psql's unaligned output. */
    sql(query: string): string {
        return asPgEnv(this.password, ["-h", "127.0.0.1", "-p", String(this.port), "-U", "pulumi", "-d", "pulumi", "-At", "-c", query]);
    }

    close(): void {
        try {
            this.stopServer();
        } finally {
            fs.rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
        }
    }
}

function asPgEnv(password: string, args: string[]): string {
    const r = spawnSync(path.join(PG_BIN, "psql"), args, { encoding: "utf8", env: { ...process.env, PGPASSWORD: password } });
    if (r.status !== 0) throw new Error(`psql ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
}
