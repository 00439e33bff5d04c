/**
 * A fuzz of the emulator's one HTTP entry (issue 28): seeded random and hostile request lines,
 * headers, paths and bodies, written raw to a socket (so nothing a client library would refuse to
 * send is left out), against the emulator's own command (`emulator/main.ts`) in a child process,
 * so a crash is observed as the child's exit and not as a test-runner crash. After each batch the
 * process must still be up and answer normal signed requests of both clouds. Bounded in count
 * (BATCHES × PER_BATCH) and time (every request gives up after ANSWER_MS).
 */
import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import * as net from "node:net";
import * as path from "node:path";
import { acs3Sign } from "../../provider/dsw/signer";
import { apigSign } from "../../provider/huawei/signer";
import { DEFAULT_DSW_TENANTS, DEFAULT_MODELARTS_TENANTS } from "../../emulator/options";

const SEED = Number(process.env.FUZZ_SEED ?? 28);
const BATCHES = 15;
const PER_BATCH = 200;
const CONCURRENCY = 16;
const ANSWER_MS = 2000;
const DSW = DEFAULT_DSW_TENANTS[0];
const MA = DEFAULT_MODELARTS_TENANTS[0];
const PROJECT = MA.projects[0].id;
const ADMIN = "emulator-admin";

/** mulberry32: small, seeded, reproducible. */
function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

class Gen {
    constructor(readonly r: () => number) {}
    int(n: number): number {
        return Math.floor(this.r() * n);
    }
    pick<T>(xs: readonly T[]): T {
        return xs[this.int(xs.length)];
    }
    chance(p: number): boolean {
        return this.r() < p;
    }
    bytes(n: number): Buffer {
        return Buffer.from(Array.from({ length: n }, () => this.int(256)));
    }
    word(n = 1 + this.int(12)): string {
        return Array.from({ length: n }, () => this.pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~".split(""))).join("");
    }
    /** Random JSON, sometimes of the wrong type everywhere, sometimes nested deep or wide. */
    json(depth = 0): string {
        const k = this.int(depth > 4 ? 5 : 8);
        switch (k) {
            case 0:
                return String(this.pick([0, -1, 1e308, 3.6e3, 2 ** 53 + 1, -0]));
            case 1:
                return JSON.stringify(this.pick(["", this.word(), "\u0000", "\ud800", "𝔘", "x".repeat(1000), "1e3", "0x384"]));
            case 2:
                return this.pick(["true", "false", "null"]);
            case 3:
                return `[${Array.from({ length: this.int(5) }, () => this.json(depth + 1)).join(",")}]`;
            case 4:
                return "{}";
            default: {
                const keys = [
                    "InstanceName",
                    "EcsSpec",
                    "ImageUrl",
                    "Affinity",
                    "DynamicMount",
                    "Labels",
                    "name",
                    "flavor",
                    "spec",
                    "auth",
                    "__proto__",
                    "constructor",
                    "dropRate",
                    "operations",
                    "seconds",
                    this.word(),
                ];
                return `{${Array.from({ length: this.int(6) }, () => `${JSON.stringify(this.pick(keys))}:${this.json(depth + 1)}`).join(",")}}`;
            }
        }
    }
}

const PATHS = [
    "/api/v2/instances",
    "/api/v2/instances/dsw-x",
    "/api/v2/instances/dsw-x/stop",
    "/api/v2/instances/dsw-x/shutdowntimer",
    `/v1/${PROJECT}/demanager/instances`,
    `/v1/${PROJECT}/demanager/instances/DE-x/action`,
    `/v1/${PROJECT}/notebooks`,
    `/v1/${PROJECT}/notebooks/nb-x/lease`,
    "/v3/auth/tokens",
    "/v3/OS-FEDERATION/identity_providers/notebooks-ci/protocols/oidc/auth",
    "/v3.0/OS-CREDENTIAL/securitytokens",
    "/",
    "/latest/api/token",
    "/latest/meta-data/ram/security-credentials/notebooks-ecs-role",
    "/openstack/latest/securitykey",
    "/_sidecar/credentials",
    "/_emulator/faults",
    "/_emulator/ratelimit",
    "/_emulator/durations",
    "/_emulator/identity/sessions",
    "/_emulator/identity/id-token",
    "/_emulator/requests",
    "/_emulator/dsw/instances/dsw-x/timer",
    "/_emulator/notebooks/nb-x/settings",
];

/** One hostile request as raw bytes, and whether the client stops mid-request (then no answer is awaited). */
function hostile(g: Gen, host: string): { bytes: Buffer; abandon: boolean; kind: string } {
    const method = g.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", g.word(), "G\x00T"]);
    let p = g.pick(PATHS);
    const mutate = g.int(10);
    if (mutate === 0) p += "/" + g.word();
    if (mutate === 1) p += g.pick(["%zz", "%00", "%C0%AF", "%E0%80%80", "/..%2F..%2Fetc%2Fpasswd", "//", "/%2e%2e/"]);
    if (mutate === 2) p = "/" + "a".repeat(g.int(20_000));
    if (mutate === 3)
        p +=
            "?" +
            Array.from(
                { length: g.int(30) },
                () =>
                    `${g.pick(["PageSize", "PageNumber", "limit", "offset", "Action", "since", "duration", g.word()])}=${g.pick(["1e3", "0x10", "+5", " 5", "-1", "%zz", g.word(), "9".repeat(30)])}`,
            ).join("&");
    if (mutate === 4) p = g.pick(["*", "http://evil.example/", "/\r\nX-Injected: 1"]);
    const headers: string[] = [];
    const hostLine = g.pick([host, host, host, "evil.example", `localhost:${host.split(":")[1]}`, "[::1]", "", "127.0.0.1.evil.example", "a".repeat(300)]);
    if (hostLine !== "" || g.chance(0.5)) headers.push(`Host: ${hostLine}`);
    if (g.chance(0.5)) headers.push(`x-emulator-admin-token: ${g.pick([ADMIN, g.word()])}`);
    if (g.chance(0.3))
        headers.push(
            `Authorization: ${g.pick(["ACS3-HMAC-SHA256 ", "SDK-HMAC-SHA256 ", "Bearer "])}${g.pick(["Credential=x,SignedHeaders=host,Signature=00", "Access=,SignedHeaders=;;;,Signature=", g.word(), "=".repeat(100)])}`,
        );
    if (g.chance(0.3)) headers.push(`x-acs-action: ${g.pick(["CreateInstance", "ListInstances", g.word()])}`, "x-acs-version: 2022-01-01");
    if (g.chance(0.2)) headers.push(`X-Auth-Token: ${g.word(40)}`);
    if (g.chance(0.2)) headers.push(`x-sdk-content-sha256: ${g.pick(["UNSIGNED-PAYLOAD", "0".repeat(64), g.word()])}`);
    const contentType = g.pick([
        "application/json",
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x",
        "",
        "application/json; charset=utf-16",
    ]);
    if (contentType) headers.push(`Content-Type: ${contentType}`);
    const manyHeaders = g.int(8) === 0;
    const n = manyHeaders ? 90 + g.int(120) : g.int(6);
    for (let i = 0; i < n; i++) headers.push(`x-${g.word()}: ${g.chance(0.05) ? "v".repeat(g.int(20_000)) : g.word()}`);
    if (g.chance(0.05)) headers.push("Bad Header Line Without Colon");

    let body: Buffer;
    let kind: string;
    const b = g.int(10);
    if (b === 0) {
        const depth = 1000 + g.int(20_000);
        body = Buffer.from(g.chance(0.5) ? "[".repeat(depth) + "]".repeat(depth) : `{"Affinity":` + `{"a":`.repeat(depth) + "1" + "}".repeat(depth + 1));
        kind = "deep";
    } else if (b === 1) {
        body = Buffer.from(`[${Array.from({ length: 5000 + g.int(20_000) }, () => "0").join(",")}]`);
        kind = "wide";
    } else if (b === 2) {
        body = g.bytes(g.int(4000));
        kind = "bytes";
    } else if (b === 3) {
        body = g.chance(0.2) ? Buffer.alloc(1024 * 1024 + 1 + g.int(1000), "a") : Buffer.from(g.json());
        kind = body.length > 1024 * 1024 ? "oversize" : "json";
    } else if (b === 4) {
        body = Buffer.from(
            new URLSearchParams({
                Action: g.pick(["AssumeRole", "AssumeRoleWithOIDC"]),
                Version: "2015-04-01",
                DurationSeconds: g.pick(["1e3", "0x384", "+900"]),
            }).toString(),
        );
        kind = "form";
    } else {
        body = Buffer.from(g.json());
        kind = "json";
    }
    const framing = g.int(10);
    let abandon = false;
    let framed: Buffer;
    if (framing === 0) {
        // Chunked, sometimes with a broken chunk size.
        framed = Buffer.concat([Buffer.from(`${g.chance(0.7) ? body.length.toString(16) : "zz"}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]);
        headers.push("Transfer-Encoding: chunked");
    } else if (framing === 1) {
        // Announces more than it sends, then the client goes away.
        headers.push(`Content-Length: ${body.length + 1 + g.int(1000)}`);
        framed = body.subarray(0, g.int(body.length + 1));
        abandon = true;
    } else if (framing === 2) {
        headers.push(`Content-Length: ${g.pick(["-1", "1e3", "abc", "99999999999999999999"])}`);
        framed = body;
    } else {
        headers.push(`Content-Length: ${body.length}`);
        framed = body;
    }
    headers.push("Connection: close");
    const head = `${method} ${p} ${g.pick(["HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/9.9", "FOO"])}\r\n${headers.join("\r\n")}\r\n\r\n`;
    return { bytes: Buffer.concat([Buffer.from(head, "latin1"), framed]), abandon, kind };
}

const SIGNED_DSW: Array<[string, string, string]> = [
    ["POST", "/api/v2/instances", "CreateInstance"],
    ["PUT", "/api/v2/instances/dsw-x", "UpdateInstance"],
    ["GET", "/api/v2/instances", "ListInstances"],
    ["POST", "/api/v2/instances/dsw-x/shutdowntimer", "CreateInstanceShutdownTimer"],
    ["PUT", "/api/v2/instances/dsw-x/labels", "UpdateInstanceLabels"],
];
const SIGNED_MA: Array<[string, string]> = [
    ["POST", `/v1/${PROJECT}/demanager/instances`],
    ["PUT", `/v1/${PROJECT}/demanager/instances/DE-x`],
    ["POST", `/v1/${PROJECT}/notebooks`],
    ["GET", `/v1/${PROJECT}/notebooks`],
];

/**
 * A correctly signed (or admin-token) request with a hostile body or query: these get past
 * authentication, to where the services parse, store and serialize what they were sent.
 */
function signedHostile(g: Gen, host: string): { bytes: Buffer; abandon: boolean; kind: string } {
    const deep = 1000 + g.int(20_000);
    const body = g.pick([
        () =>
            `{"InstanceName":"fz","EcsSpec":"ecs.g6.xlarge","ImageUrl":"x/y:1","WorkspaceId":"40823","${g.pick(["Affinity", "DynamicMount", "Nope"])}":${`{"a":`.repeat(deep)}1${"}".repeat(deep)}}`,
        () => `{"name":"fz","spec":${`{"s":`.repeat(deep)}1${"}".repeat(deep)}}`,
        () => `{"tags":[${Array.from({ length: 5000 + g.int(20_000) }, () => '{"key":"k","value":"v"}').join(",")}]}`,
        () => g.json(),
        () => g.json(),
        () => g.bytes(g.int(2000)).toString("latin1"),
    ])();
    const query: Array<[string, string]> = g.chance(0.3)
        ? [[g.pick(["PageSize", "PageNumber", "limit", "offset", "SortBy"]), g.pick(["1e3", "0x10", "+5", "-1", "10", g.word()])]]
        : [];
    const qs = query.length ? "?" + query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&") : "";
    let method: string;
    let p: string;
    let headers: Record<string, string>;
    const which = g.int(3);
    if (which === 0) {
        const [m, path0, action] = g.pick(SIGNED_DSW);
        [method, p] = [m, path0];
        headers = acs3Sign(
            {
                method,
                canonicalUri: p,
                query,
                headers: { host, "x-acs-action": action, "x-acs-version": "2022-01-01", "content-type": "application/json" },
                body,
            },
            { accessKeyId: DSW.accessKeyId, accessKeySecret: DSW.accessKeySecret },
        );
    } else if (which === 1) {
        [method, p] = g.pick(SIGNED_MA);
        headers = apigSign(
            { method, canonicalUri: p, query, headers: { host, "content-type": "application/json" }, body },
            { accessKey: MA.accessKey, secretKey: MA.secretKey },
        );
    } else {
        [method, p] = g.pick([
            ["PUT", "/_emulator/faults"],
            ["PUT", "/_emulator/ratelimit"],
            ["PUT", "/_emulator/identity/sessions"],
            ["POST", "/_emulator/identity/id-token"],
            ["PUT", "/_emulator/notebooks/nb-x/settings"],
        ]);
        headers = { host, "x-emulator-admin-token": ADMIN, "content-type": "application/json" };
    }
    const bytes = Buffer.from(body, "latin1");
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
    const head = `${method} ${p}${qs} HTTP/1.1\r\n${lines.join("\r\n")}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`;
    return {
        bytes: Buffer.concat([Buffer.from(head, "latin1"), bytes]),
        abandon: false,
        kind: `signed ${which === 2 ? "admin" : which === 0 ? "DSW" : "ModelArts"}`,
    };
}

/** Sends raw bytes; resolves with the status line's class (`2xx`…, `none`: closed or timed out without an answer). */
function sendRaw(port: number, bytes: Buffer, abandon: boolean): Promise<string> {
    return new Promise((resolve) => {
        const s = net.connect(port, "127.0.0.1");
        let first = "";
        const done = (c: string) => {
            clearTimeout(timer);
            s.destroy();
            resolve(c);
        };
        const timer = setTimeout(() => done(first ? classOf(first) : "none"), ANSWER_MS);
        s.on("error", () => done(first ? classOf(first) : "none"));
        s.on("data", (c) => {
            first += c.toString("latin1");
            if (first.includes("\r\n")) done(classOf(first));
        });
        s.on("close", () => done(first ? classOf(first) : "none"));
        s.write(bytes, () => {
            if (abandon) setTimeout(() => done("abandoned"), 5);
        });
    });
}

function classOf(text: string): string {
    const m = /^HTTP\/1\.[01] (\d)\d\d/.exec(text);
    return m ? `${m[1]}xx` : "garbled";
}

async function normalRequests(url: string): Promise<void> {
    const host = new URL(url).host;
    const d = acs3Sign(
        {
            method: "GET",
            canonicalUri: "/api/v2/instances",
            query: [],
            headers: { host, "x-acs-action": "ListInstances", "x-acs-version": "2022-01-01" },
            body: "",
        },
        { accessKeyId: DSW.accessKeyId, accessKeySecret: DSW.accessKeySecret },
    );
    const { host: _h, ...dh } = d;
    const dr = await fetch(`${url}/api/v2/instances`, { headers: dh });
    assert.equal(dr.status, 200, await dr.text());
    const p = `/v1/${PROJECT}/notebooks`;
    const m = apigSign(
        { method: "GET", canonicalUri: p, query: [], headers: { host, "content-type": "application/json" }, body: "" },
        { accessKey: MA.accessKey, secretKey: MA.secretKey },
    );
    const { host: _m, ...mh } = m;
    const mr = await fetch(url + p, { headers: mh });
    assert.equal(mr.status, 200, await mr.text());
}

describe("emulator: fuzz of the HTTP entry in a child process (issue 28)", () => {
    let child: ChildProcess;
    let url = "";
    let stderr = "";
    let exited: string | undefined;

    before(async () => {
        const repo = path.resolve(__dirname, "../..");
        child = spawn(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", path.join(repo, "emulator/main.ts"), "--in-memory", "--fast", "--port", "0"],
            {
                cwd: repo,
                env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", NOTEBOOKS_EMULATOR_ADMIN_TOKEN: ADMIN },
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        child.on("exit", (code, signal) => (exited = `exit code ${code} signal ${signal}`));
        child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
        url = await new Promise<string>((resolve, reject) => {
            let out = "";
            child.stdout?.on("data", (c: Buffer) => {
                out += c.toString();
                const m = /emulator listening on (http:\/\/[^\s]+)/.exec(out);
                if (m) resolve(m[1]);
            });
            child.once("exit", () => reject(new Error(`the emulator exited before listening: ${stderr}`)));
        });
    });
    after(() => {
        child.kill();
    });

    it(`${BATCHES * PER_BATCH} hostile requests (seed ${SEED}): the process stays up and answers normal signed requests after every batch`, async () => {
        const g = new Gen(rng(SEED));
        const port = Number(new URL(url).port);
        const host = new URL(url).host;
        const byClass: Record<string, number> = {};
        const byKind: Record<string, number> = {};
        let sent = 0;
        const started = Date.now();
        for (let batch = 0; batch < BATCHES; batch++) {
            // Generated per batch: the signed ones' dates stay inside the clouds' 15-minute window.
            const requests = Array.from({ length: PER_BATCH }, () => (g.chance(0.25) ? signedHostile(g, host) : hostile(g, host)));
            let next = 0;
            await Promise.all(
                Array.from({ length: CONCURRENCY }, async () => {
                    while (next < requests.length) {
                        const r = requests[next++];
                        const c = await sendRaw(port, r.bytes, r.abandon);
                        sent++;
                        byClass[c] = (byClass[c] ?? 0) + 1;
                        byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
                    }
                }),
            );
            assert.equal(exited, undefined, `the emulator died in batch ${batch + 1}: ${exited}\n${stderr.slice(-3000)}`);
            await normalRequests(url);
        }
        const seconds = (Date.now() - started) / 1000;
        const refused = (byClass["4xx"] ?? 0) + (byClass["5xx"] ?? 0);
        process.stdout.write(
            `      fuzz (seed ${SEED}): ${sent} requests in ${seconds.toFixed(1)} s; answers by class ${JSON.stringify(byClass)} ` +
                `(refused ${refused}; "abandoned": the client left mid-request; "none": closed without an answer); kinds ${JSON.stringify(byKind)}; ` +
                `process restarts 0; internal errors logged ${(stderr.match(/\[emulator\] (internal error|an answer|answering)/g) ?? []).length}\n`,
        );
        assert.equal(exited, undefined);
        assert.equal(byClass["5xx"] ?? 0, 0, `no hostile request makes the emulator fail internally:\n${stderr.slice(-3000)}`);
        assert.ok(seconds < 60, `bounded in time (${seconds.toFixed(1)} s)`);
    });
});
