import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decodeBlob, describeLocks, lockBackendKind, lockDirs, parseLock, postgresTarget, readStackLocks } from "../../scripts/lib/stackLocks";

/** A pid that surely belongs to no running process: one that just ended. */
function deadPid(): number {
    const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    return Number(r.stdout);
}

const lockJson = (pid: number, hostname = os.hostname()) => JSON.stringify({ pid, username: "ci", hostname, timestamp: "2026-12-03T11:00:00Z" });

describe("unit: reading a DIY backend's stack locks", () => {
    it("knows which backends' locks it reads", () => {
        assert.equal(lockBackendKind("file:///var/state"), "file");
        assert.equal(lockBackendKind("postgres://u:p@db:5432/pulumi"), "postgres");
        assert.equal(lockBackendKind("postgresql://u:p@db/pulumi"), "postgres");
        assert.equal(lockBackendKind("s3://bucket"), undefined);
        assert.equal(lockBackendKind("https://api.pulumi.com"), undefined);
    });

    it("looks where Pulumi's Lock writes: .pulumi/locks/<org>/<project>/<stack>/, and the legacy layout", () => {
        assert.deepEqual(lockDirs("team-a", "dev"), [".pulumi/locks/organization/team-a/dev/", ".pulumi/locks/dev/"]);
        assert.deepEqual(lockDirs("team-a", "acme/dev"), [".pulumi/locks/acme/team-a/dev/", ".pulumi/locks/dev/"]);
        assert.deepEqual(lockDirs("team-a", "organization/other/dev"), [".pulumi/locks/organization/other/dev/"]);
    });

    it("takes the table, the key prefix (the URL's path: the database name) and a connection string without ?table= from a postgres URL", () => {
        assert.deepEqual(postgresTarget("postgres://u:p@db:5432/pulumi?sslmode=disable"), {
            connectionString: "postgres://u:p@db:5432/pulumi?sslmode=disable",
            table: "pulumi_state",
            keyPrefix: "pulumi/",
        });
        const custom = postgresTarget("postgres://u:p@db/state?table=team_state&sslmode=require");
        assert.equal(custom.table, "team_state");
        assert.equal(custom.connectionString, "postgres://u:p@db/state?sslmode=require");
        assert.equal(postgresTarget("postgres://u:p@db").keyPrefix, "");
        assert.throws(() => postgresTarget("postgres://u:p@db/x?table=a;drop table b"), /table parameter is not a plain table name/);
    });

    it("decodes the postgres bucket's {data: base64} rows", () => {
        assert.equal(decodeBlob(JSON.stringify({ data: Buffer.from('{"pid":7}').toString("base64") })), '{"pid":7}');
        assert.throws(() => decodeBlob('{"pid":7}'), /not in the postgres bucket's/);
    });

    it("calls a lock stale when its process on this host is gone, live when it runs, unknown on another host", () => {
        assert.equal(parseLock("k", lockJson(deadPid())).stale, true);
        assert.equal(parseLock("k", lockJson(process.pid)).stale, false);
        assert.equal(parseLock("k", lockJson(process.pid, "runner-17")).stale, null);
    });

    it("says how to clear a stale lock and to wait for a running one", () => {
        const stale = describeLocks([parseLock(".pulumi/locks/organization/p/dev/1.json", lockJson(deadPid()))], "dev", Date.parse("2026-12-03T11:05:00Z"));
        assert.match(stale, /by ci@.* since 2026-12-03T11:00:00Z \(5 min\); that process is gone: a stale lock left by a killed run/);
        assert.match(stale, /pulumi cancel --yes --stack dev/);
        const running = describeLocks([parseLock("k", lockJson(process.pid))], "dev");
        assert.match(running, /that process is still running/);
        assert.match(running, /wait for that update to end/);
        assert.doesNotMatch(running, /pulumi cancel/);
    });

    it("reads the lock files of a file:// backend, only those of the stack asked for", async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "locks-"));
        try {
            const dir = path.join(root, ".pulumi/locks/organization/team-a");
            fs.mkdirSync(path.join(dir, "dev"), { recursive: true });
            fs.mkdirSync(path.join(dir, "dev-2"), { recursive: true });
            fs.writeFileSync(path.join(dir, "dev/abc.json"), lockJson(deadPid()));
            fs.writeFileSync(path.join(dir, "dev-2/def.json"), lockJson(process.pid));
            const locks = await readStackLocks(`file://${root}`, "team-a", "dev");
            assert.deepEqual(
                locks?.map((l) => [l.key, l.stale]),
                [[".pulumi/locks/organization/team-a/dev/abc.json", true]],
            );
            assert.deepEqual(await readStackLocks(`file://${root}`, "team-a", "prod"), []);
            assert.equal(await readStackLocks("s3://bucket", "team-a", "dev"), undefined);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
