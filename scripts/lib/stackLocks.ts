/**
 * Reads a DIY backend's update locks for a stack, without taking or changing any.
 *
 * `pulumi preview` takes no lock on a DIY backend (pkg/backend/diy: `Preview` goes straight to the
 * engine, only `Update`/`Refresh`/`Destroy`/`Import` call `Lock`), and `pulumi stack ls` cannot show
 * an update in progress there (`SupportsProgress` is false). So a check that must say "locked by
 * another update" reads the lock files itself: `Lock` writes `.pulumi/locks/<org>/<project>/<stack>/<id>.json`
 * holding `{pid, username, hostname, timestamp}` into the backend's bucket, a row of the state
 * table on PostgreSQL, a file on the file backend; `pulumi cancel` deletes them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface StackLock {
    /** The lock's key inside the backend (no backend URL: it may hold a password). */
    key: string;
    pid: number;
    username: string;
    hostname: string;
    timestamp: string;
    /** true: taken on this host by a process that is gone (a killed run); false: that process still runs; null: taken on another host. */
    stale: boolean | null;
}

/** The backends whose locks this module reads; others (s3://, gs://, azblob://) are not read. */
export type LockReadable = "file" | "postgres";

export function lockBackendKind(backendUrl: string): LockReadable | undefined {
    if (backendUrl.startsWith("file://")) return "file";
    if (backendUrl.startsWith("postgres://") || backendUrl.startsWith("postgresql://")) return "postgres";
    return undefined;
}

/** The lock directories Pulumi may use for a stack: project-scoped, then the legacy layout. */
export function lockDirs(project: string, stack: string): string[] {
    const parts = stack.split("/");
    if (parts.length === 3) return [`.pulumi/locks/${parts.join("/")}/`];
    const name = parts[parts.length - 1];
    const org = parts.length === 2 ? parts[0] : "organization";
    return [`.pulumi/locks/${org}/${project}/${name}/`, `.pulumi/locks/${name}/`];
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === "EPERM";
    }
}

export function parseLock(key: string, text: string, hostname = os.hostname()): StackLock {
    const c = JSON.parse(text) as Partial<{ pid: number; username: string; hostname: string; timestamp: string }>;
    const pid = Number(c.pid ?? 0);
    const host = String(c.hostname ?? "");
    return {
        key,
        pid,
        username: String(c.username ?? ""),
        hostname: host,
        timestamp: String(c.timestamp ?? ""),
        stale: host === hostname && pid > 0 ? !alive(pid) : null,
    };
}

/** Only the file names directly inside a stack's lock directory are locks. */
function inDir(key: string, dirs: string[]): boolean {
    return dirs.some((d) => key.startsWith(d) && !key.slice(d.length).includes("/") && key.endsWith(".json"));
}

function fileRoot(backendUrl: string): string {
    const p = decodeURIComponent(backendUrl.replace(/^file:\/\//, "").split("?")[0]);
    return p.startsWith("~") ? path.join(os.homedir(), p.slice(1)) : p;
}

function readFileLocks(backendUrl: string, dirs: string[]): StackLock[] {
    const root = fileRoot(backendUrl);
    const out: StackLock[] = [];
    for (const dir of dirs) {
        const full = path.join(root, dir);
        if (!fs.existsSync(full)) continue;
        for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
            if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
            out.push(parseLock(dir + entry.name, fs.readFileSync(path.join(full, entry.name), "utf8")));
        }
    }
    return out;
}

/** The part of node-postgres (`pg`, an optional peer dependency) used here. */
interface PgClient {
    connect(): Promise<void>;
    query(text: string, values: unknown[]): Promise<{ rows: Array<{ key: string; data: string }> }>;
    end(): Promise<void>;
}
interface PgModule {
    Client: new (config: { connectionString: string; connectionTimeoutMillis: number; query_timeout: number }) => PgClient;
}

function loadPg(): PgModule {
    try {
        // A dynamic require: the package works without `pg` for every other backend.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require("pg") as PgModule;
    } catch {
        throw new Error("reading the locks of a postgres:// state backend needs node-postgres: npm install pg");
    }
}

/**
 * Where Pulumi's postgres backend keeps a URL's blobs: the table (`?table=`, default pulumi_state),
 * a connection string without that parameter, and the key prefix. The DIY backend prefixes every
 * key of a non-file bucket with the URL's path (pkg/backend/diy/backend.go, `PrefixedBucket`), and
 * for postgres:// that path is the database name: `<db>/.pulumi/locks/...`.
 */
export function postgresTarget(backendUrl: string): { connectionString: string; table: string; keyPrefix: string } {
    const u = new URL(backendUrl);
    const table = u.searchParams.get("table") ?? "pulumi_state";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`the backend URL's table parameter is not a plain table name: "${table}"`);
    u.searchParams.delete("table");
    const sub = decodeURIComponent(u.pathname).replace(/^\/+/, "");
    return { connectionString: u.toString(), table, keyPrefix: sub === "" || sub.endsWith("/") ? sub : `${sub}/` };
}

/** A row's blob: the postgres bucket stores `{"data": "<base64 of the bytes>"}` (bucket.go, postgresWriter.Close). */
export function decodeBlob(data: string): string {
    const wrapped = JSON.parse(data) as { data?: unknown };
    if (typeof wrapped.data !== "string") throw new Error("a state row is not in the postgres bucket's {data: base64} form");
    return Buffer.from(wrapped.data, "base64").toString("utf8");
}

async function readPostgresLocks(backendUrl: string, dirs: string[]): Promise<StackLock[]> {
    const { connectionString, table, keyPrefix } = postgresTarget(backendUrl);
    const client = new (loadPg().Client)({ connectionString, connectionTimeoutMillis: 10_000, query_timeout: 20_000 });
    await client.connect();
    try {
        const out: StackLock[] = [];
        for (const dir of dirs) {
            // text_pattern_ops index on key (schema.sql): the prefix search uses it. LIKE wildcards in names are escaped.
            const prefix = (keyPrefix + dir).replace(/[\\%_]/g, (c) => `\\${c}`);
            let rows: Array<{ key: string; data: string }>;
            try {
                rows = (await client.query(`SELECT key, data::text AS data FROM ${table} WHERE key LIKE $1`, [`${prefix}%`])).rows;
            } catch (e) {
                // No table yet: Pulumi creates it on first use, so there is nothing locked.
                if ((e as { code?: string }).code === "42P01") return [];
                throw e;
            }
            for (const r of rows) {
                const key = r.key.slice(keyPrefix.length);
                if (inDir(key, [dir])) out.push(parseLock(key, decodeBlob(r.data)));
            }
        }
        return out;
    } finally {
        await client.end().catch(() => undefined);
    }
}

/** The locks on a stack, or undefined when this backend's locks cannot be read here. */
export async function readStackLocks(backendUrl: string, project: string, stack: string): Promise<StackLock[] | undefined> {
    const kind = lockBackendKind(backendUrl);
    const dirs = lockDirs(project, stack);
    if (kind === "file") return readFileLocks(backendUrl, dirs);
    if (kind === "postgres") return readPostgresLocks(backendUrl, dirs);
    return undefined;
}

/** One line per lock, for the report. */
export function describeLocks(locks: readonly StackLock[], stack: string, now = Date.now()): string {
    const lines = locks.map((l) => {
        const age = l.timestamp ? Math.max(0, Math.round((now - Date.parse(l.timestamp)) / 60_000)) : undefined;
        const since = l.timestamp ? ` since ${l.timestamp}${age !== undefined ? ` (${age} min)` : ""}` : "";
        const state =
            l.stale === true
                ? "that process is gone: a stale lock left by a killed run"
                : l.stale === false
                  ? "that process is still running"
                  : "taken on another host: cannot tell here whether it still runs";
        return `lock ${l.key}: by ${l.username}@${l.hostname} (pid ${l.pid})${since}; ${state}`;
    });
    const anyStale = locks.some((l) => l.stale !== false);
    if (anyStale) {
        lines.push(
            `once no update is running: \`pulumi cancel --yes --stack ${stack}\` removes the lock, then \`pulumi refresh --clear-pending-creates\` and \`pulumi up\` recover`,
        );
    } else lines.push("wait for that update to end, then check again");
    return lines.join("\n");
}
