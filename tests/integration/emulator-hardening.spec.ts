/**
 * The emulator's entry as hard to break as a real gateway (issue 28): limits on what a request may
 * be (JSON depth and width, header count, time to arrive), the Host check and the admin token, the
 * STS nonce, the APIG payload hash, strict integers, state saves that fail and recover, and a
 * request log that never records a secret claimed as a key id.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import OpenApiUtil from "@alicloud/openapi-util";
import { AdminClient } from "../../emulator/adminClient";
import { StateStore } from "../../emulator/store";
import { acs3Sign } from "../../provider/dsw/signer";
import { apigSign } from "../../provider/huawei/signer";
import { maClient } from "../support/clients";
import { DSW_DEV, MA_DEV, MA_PROJECT, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const IMAGE = "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1";
const ROLE = `acs:ram::${DSW_DEV.userId}:role/notebooks-deployer`;

/** `{"k":{"k":…{}…}}` nested `depth` levels (built as text: the point is that nothing recursive ever sees it). */
const nestedObject = (key: string, depth: number) => `{"${key}":`.repeat(depth) + "{}" + "}".repeat(depth);
const nestedArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

async function signedDsw(url: string, method: string, p: string, action: string, body = "", creds = DSW_DEV, query: Array<[string, string]> = []) {
    const host = new URL(url).host;
    const h = acs3Sign(
        { method, canonicalUri: p, query, headers: { host, "x-acs-action": action, "x-acs-version": "2022-01-01", "content-type": "application/json" }, body },
        { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret },
    );
    const { host: _h, ...send } = h;
    const qs = query.length ? "?" + query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&") : "";
    const res = await fetch(url + p + qs, { method, headers: send, body: body.length ? body : undefined });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

function signedMaHeaders(url: string, method: string, p: string, body: string, query: Array<[string, string]> = []) {
    const host = new URL(url).host;
    const h = apigSign(
        { method, canonicalUri: p, query, headers: { host, "content-type": "application/json", "x-project-id": MA_PROJECT }, body },
        { accessKey: MA_DEV.accessKey, secretKey: MA_DEV.secretKey },
    );
    const { host: _h, ...send } = h;
    return send;
}

async function signedMa(url: string, method: string, p: string, body = "", query: Array<[string, string]> = []) {
    const qs = query.length ? "?" + query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&") : "";
    const res = await fetch(url + p + qs, { method, headers: signedMaHeaders(url, method, p, body, query), body: body.length ? body : undefined });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** A signed STS call, signed by Alibaba's own OpenAPI utilities (code we did not write). */
function stsParams(extra: Record<string, string>, nonce = `n-${Math.random()}`): Record<string, string> {
    const p: Record<string, string> = {
        Action: "AssumeRole",
        Version: "2015-04-01",
        Format: "JSON",
        AccessKeyId: DSW_DEV.accessKeyId,
        SignatureMethod: "HMAC-SHA1",
        SignatureVersion: "1.0",
        SignatureNonce: nonce,
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        RoleArn: ROLE,
        RoleSessionName: "hardening",
        ...extra,
    };
    p.Signature = OpenApiUtil.getRPCSignature(p, "POST", DSW_DEV.accessKeySecret);
    return p;
}

async function sts(url: string, params: Record<string, string>) {
    const res = await fetch(url + "/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A chunked body's data. */
function unchunk(s: string): string {
    let out = "";
    let i = 0;
    for (;;) {
        const eol = s.indexOf("\r\n", i);
        const n = parseInt(s.slice(i, eol), 16);
        if (!(n > 0)) return out;
        out += s.slice(eol + 2, eol + 2 + n);
        i = eol + 2 + n + 2;
    }
}

/** A raw HTTP/1.1 exchange: what fetch would never send (too many headers, a body that stops). */
function rawHttp(url: string, head: string, body: string | Buffer = "", timeoutMs = 20_000): Promise<{ status: number; text: string; closed: boolean }> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
        const s = net.connect(Number(port), hostname);
        let data = "";
        const timer = setTimeout(
            () => (s.destroy(), reject(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(data.slice(0, 200))}`))),
            timeoutMs,
        );
        s.on("data", (c) => (data += c.toString("latin1")));
        s.on("error", () => undefined);
        s.on("close", () => {
            clearTimeout(timer);
            const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
            if (!m) return reject(new Error(`no HTTP answer: ${JSON.stringify(data.slice(0, 200))}`));
            const split = data.indexOf("\r\n\r\n");
            const [head, rest] = [data.slice(0, split), data.slice(split + 4)];
            resolve({ status: Number(m[1]), text: /transfer-encoding: chunked/i.test(head) ? unchunk(rest) : rest, closed: true });
        });
        s.write(head);
        if (body.length) s.write(body);
    });
}

/** DSW's envelope: Code, Message and RequestId; the gateway's carries HostId and Recommend. */
function assertDswShape(text: string, code: string): void {
    const b = JSON.parse(text) as Record<string, unknown>;
    assert.equal(b.Code, code, text);
    assert.equal(typeof b.Message, "string", text);
    assert.match(String(b.RequestId), /^[0-9A-F-]{36}$/, text);
}

function assertApigShape(text: string): void {
    const b = JSON.parse(text) as Record<string, unknown>;
    assert.equal(b.error_code, "APIGW.0201", text);
    assert.equal(typeof b.error_msg, "string", text);
    assert.match(String(b.request_id), /^[0-9a-f]{32}$/, text);
}

describe("emulator: the entry's limits (issue 28)", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());

    describe("JSON nested 10,000 levels is refused before any backend sees it", () => {
        for (const field of ["Affinity", "DynamicMount", "NoSuchField"]) {
            it(`DSW CreateInstance with ${field} nested 10,000 levels: HTTP 400 in DSW's envelope, nothing created, the next reads answer`, async () => {
                const body = `{"InstanceName":"deep-${field.toLowerCase()}","WorkspaceId":"40823","EcsSpec":"ecs.g6.xlarge","ImageUrl":"${IMAGE}","${field}":${nestedObject("a", 10_000)}}`;
                const r = await signedDsw(t.url, "POST", "/api/v2/instances", "CreateInstance", body);
                assert.equal(r.status, 400, r.text);
                assertDswShape(r.text, "ValidationError");
                assert.match(r.json().Message as string, /deeper than 64 levels/);
                assert.equal((await t.admin.dswInstances()).length, 0, "no backend saw it");
                const list = await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances");
                assert.equal(list.status, 200, list.text);
            });
        }

        it("an array nested 10,000 levels, and 20,000 members in one object, are refused too", async () => {
            const deep = await signedDsw(t.url, "POST", "/api/v2/instances", "CreateInstance", `{"Labels":${nestedArray(10_000)}}`);
            assert.equal(deep.status, 400, deep.text);
            const wide = `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(",")}}`;
            const w = await signedDsw(t.url, "POST", "/api/v2/instances", "CreateInstance", wide);
            assert.equal(w.status, 400, w.text);
            assertDswShape(w.text, "ValidationError");
            assert.match(w.json().Message as string, /more than 10000 members/);
        });

        it("ModelArts and IAM answer in Huawei's error_code/error_msg shape; STS in Alibaba's", async () => {
            const ma = await signedMa(t.url, "POST", `/v1/${MA_PROJECT}/demanager/instances`, `{"name":"x","spec":${nestedObject("s", 10_000)}}`);
            assert.equal(ma.status, 400, ma.text);
            assertApigShape(ma.text);
            const nb = await signedMa(t.url, "POST", `/v1/${MA_PROJECT}/notebooks`, nestedObject("tags", 10_000));
            assert.equal(nb.status, 400, nb.text);
            assertApigShape(nb.text);
            const iam = await fetch(t.url + "/v3/auth/tokens", {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: nestedObject("auth", 10_000),
            });
            assert.equal(iam.status, 400);
            assertApigShape(await iam.text());
            const s = await fetch(t.url + "/", { method: "POST", headers: { "content-type": "application/json" }, body: nestedArray(10_000) });
            assert.equal(s.status, 400);
            const sb = (await s.json()) as Record<string, unknown>;
            assert.equal(sb.Code, "InvalidParameter");
            assert.equal(sb.HostId, "sts.aliyuncs.com");
        });

        it("the admin API's PUT /_emulator/faults nested 10,000 levels is refused, and its config still reads", async () => {
            const res = await fetch(t.url + "/_emulator/faults", {
                method: "PUT",
                headers: { "x-emulator-admin-token": t.emu.options.adminToken, "content-type": "application/json" },
                body: `{"operations":${nestedArray(10_000)}}`,
            });
            assert.equal(res.status, 400);
            assert.match(((await res.json()) as { error: string }).error, /deeper than 64/);
            // A shallow but wrong one is refused by the settings check, and changes nothing.
            await assert.rejects(t.admin.setFaults({ operations: "GetInstance" as unknown as string[] }), /HTTP 400.*operations must be a list/);
            await assert.rejects(t.admin.setFaults({ bogus: 1 } as never), /HTTP 400.*unknown fault setting/);
            await assert.rejects(t.admin.setFaults({ dropRate: 7 }), /HTTP 400/);
            const config = (await (await fetch(t.url + "/_emulator/config", { headers: { "x-emulator-admin-token": t.emu.options.adminToken } })).json()) as {
                faults: { operations: unknown; dropRate: number };
            };
            assert.deepEqual([config.faults.operations, config.faults.dropRate], [[], 0]);
        });

        it("an answer that cannot be serialized becomes the cloud's InternalError, not a crash", async () => {
            // A record the backends would never make (a BigInt), put there from inside: the one way left to make JSON.stringify throw.
            const r = await signedDsw(
                t.url,
                "POST",
                "/api/v2/instances",
                "CreateInstance",
                JSON.stringify({ InstanceName: "unserializable", WorkspaceId: "40823", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE }),
            );
            assert.equal(r.status, 200, r.text);
            const id = r.json().InstanceId as string;
            const rec = t.emu.context.store.state.dsw[id] as unknown as { config: Record<string, unknown> };
            rec.config.EnvironmentVariables = { k: 1n };
            try {
                const g = await signedDsw(t.url, "GET", `/api/v2/instances/${id}`, "GetInstance");
                assert.equal(g.status, 500, g.text);
                assertDswShape(g.text, "InternalError");
            } finally {
                delete rec.config.EnvironmentVariables;
            }
            assert.equal((await signedDsw(t.url, "GET", `/api/v2/instances/${id}`, "GetInstance")).status, 200);
        });
    });

    describe("headers, time to arrive, Host and admin token", () => {
        it("refuses more than 100 header lines with 431 in the cloud's shape", async () => {
            const host = new URL(t.url).host;
            const extra = Array.from({ length: 150 }, (_, i) => `x-filler-${i}: ${i}\r\n`).join("");
            const dsw = await rawHttp(t.url, `GET /api/v2/instances HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);
            assert.equal(dsw.status, 431, dsw.text);
            assertDswShape(dsw.text, "ValidationError");
            const ma = await rawHttp(t.url, `GET /v1/${MA_PROJECT}/notebooks HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);
            assert.equal(ma.status, 431, ma.text);
            assertApigShape(ma.text);
        });

        it("answers a body that stops arriving with 408 in the cloud's shape and closes the connection", async () => {
            const slow = await startTestEmulator({ receiveTimeoutMs: 300 });
            try {
                const host = new URL(slow.url).host;
                const started = Date.now();
                const r = await rawHttp(
                    slow.url,
                    `POST /api/v2/instances HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
                    '{"InstanceName":',
                );
                assert.equal(r.status, 408, r.text);
                assertDswShape(r.text, "RequestTimeout");
                assert.ok(r.closed);
                assert.ok(Date.now() - started >= 300, "not before the limit");
                const ok = await signedDsw(slow.url, "GET", "/api/v2/instances", "ListInstances");
                assert.equal(ok.status, 200);
            } finally {
                await slow.close();
            }
        });

        it("serves loopback Host names only, with any port; refuses others with 403 and says how to allow them", async () => {
            const { port } = new URL(t.url);
            for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `127.8.9.10:${port}`, `[::1]:${port}`, "localhost", `LOCALHOST:${port}`]) {
                const r = await rawHttp(
                    t.url,
                    `GET /_emulator/health HTTP/1.1\r\nHost: ${host}\r\nx-emulator-admin-token: ${t.emu.options.adminToken}\r\nConnection: close\r\n\r\n`,
                );
                assert.equal(r.status, 200, `${host}: ${r.text}`);
            }
            for (const host of [
                `evil.example:${port}`,
                "attacker.test",
                `127.0.0.1.evil.example:${port}`,
                `localhost.evil.example`,
                `10.0.0.1:${port}`,
                `128.0.0.1`,
            ]) {
                for (const p of ["/_emulator/health", "/latest/meta-data/ram/security-credentials/", "/api/v2/instances"]) {
                    const r = await rawHttp(
                        t.url,
                        `GET ${p} HTTP/1.1\r\nHost: ${host}\r\nx-emulator-admin-token: ${t.emu.options.adminToken}\r\nConnection: close\r\n\r\n`,
                    );
                    assert.equal(r.status, 403, `${host} ${p}: ${r.text}`);
                    assert.match(r.text, /Blocked request: the Host header .* is not allowed.*--allowed-hosts/s);
                }
            }
            const none = await rawHttp(t.url, `GET /_emulator/health HTTP/1.0\r\nx-emulator-admin-token: ${t.emu.options.adminToken}\r\n\r\n`);
            assert.equal(none.status, 403, "no Host at all is refused too");
        });

        it("serves the hosts allowedHosts names (a name, a .suffix, *)", async () => {
            const other = await startTestEmulator({ allowedHosts: ["emulator.internal", ".dev.test"] });
            try {
                const ask = (host: string) =>
                    rawHttp(
                        other.url,
                        `GET /_emulator/health HTTP/1.1\r\nHost: ${host}\r\nx-emulator-admin-token: ${other.emu.options.adminToken}\r\nConnection: close\r\n\r\n`,
                    );
                assert.equal((await ask("emulator.internal:4580")).status, 200);
                assert.equal((await ask("a.dev.test")).status, 200);
                assert.equal((await ask("dev.test")).status, 200);
                assert.equal((await ask("evil.example")).status, 403);
            } finally {
                await other.close();
            }
            const any = await startTestEmulator({ allowedHosts: ["*"] });
            try {
                const r = await rawHttp(
                    any.url,
                    `GET /_emulator/health HTTP/1.1\r\nHost: anything.example\r\nx-emulator-admin-token: ${any.emu.options.adminToken}\r\nConnection: close\r\n\r\n`,
                );
                assert.equal(r.status, 200);
            } finally {
                await any.close();
            }
        });

        it("takes an admin token of its own: the default one no longer opens the admin API", async () => {
            const own = await startTestEmulator({ adminToken: "a-token-of-my-own-42" });
            try {
                await assert.rejects(new AdminClient(own.url).health(), /HTTP 401/);
                assert.equal((await new AdminClient(own.url, "a-token-of-my-own-42").health()).ok, true);
                assert.equal((await own.admin.health()).ok, true, "the test support uses the emulator's token");
            } finally {
                await own.close();
            }
            await assert.rejects(startTestEmulator({ adminToken: "short" }), /adminToken must be 8 to 256/);
        });
    });

    describe("signatures", () => {
        it("STS AssumeRole refuses a replayed request and a new one re-signed with a used nonce (SignatureNonceUsed, HTTP 400)", async () => {
            const first = stsParams({ DurationSeconds: "900" }, "nonce-replay-1");
            const ok = await sts(t.url, first);
            assert.equal(ok.status, 200, JSON.stringify(ok.body));
            for (let i = 0; i < 5; i++) {
                const again = await sts(t.url, first);
                assert.deepEqual([again.status, again.body.Code], [400, "SignatureNonceUsed"], JSON.stringify(again.body));
                assert.equal(again.body.HostId, "sts.aliyuncs.com");
            }
            const resigned = await sts(t.url, stsParams({ DurationSeconds: "1000", RoleSessionName: "another" }, "nonce-replay-1"));
            assert.deepEqual([resigned.status, resigned.body.Code], [400, "SignatureNonceUsed"]);
            const sessions = (await t.admin.sessions()).filter((s) => s.source === "AssumeRole");
            assert.equal(sessions.length, 1, "one session from one signed request");
            // A nonce used on DSW is used for STS too: one mechanism for every Alibaba signature.
            const dsw = await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances");
            assert.equal(dsw.status, 200);
        });

        it("a ModelArts PUT resent with another body under an unsigned X-Sdk-Content-Sha256 of the signed body is refused", async () => {
            const c = maClient(t.url);
            const n = await c.create({
                name: "swap-target",
                profile_id: "Multi-Engine 1.0 (python3)-cpu",
                flavor: "modelarts.vm.cpu.2u",
                spec: { storage: { type: "evs", location: { volume_size: 10 } } },
            });
            // The honest update at the end needs a settled notebook (a CREATING one refuses spec changes, 6347).
            await eventually(async () => (await c.get(n.id)).status === "RUNNING", 30_000, "the notebook to run");
            const p = `/v1/${MA_PROJECT}/demanager/instances/${n.id}`;
            const signedBody = JSON.stringify({ description: "signed" });
            const headers = signedMaHeaders(t.url, "PUT", p, signedBody);
            const swapped = JSON.stringify({ description: "swapped" });
            const hash = createHash("sha256").update(signedBody).digest("hex");
            const r = await fetch(t.url + p, { method: "PUT", headers: { ...headers, "x-sdk-content-sha256": hash }, body: swapped });
            assert.equal(r.status, 401, await r.text());
            assert.notEqual((await c.get(n.id)).description, "swapped");
            // Signed, but not the hash of what arrived: refused too.
            const signedClaim = signedMaHeaders(t.url, "PUT", p, swapped);
            const h2 = apigSign(
                {
                    method: "PUT",
                    canonicalUri: p,
                    query: [],
                    headers: { host: new URL(t.url).host, "content-type": "application/json", "x-project-id": MA_PROJECT, "x-sdk-content-sha256": hash },
                    body: swapped,
                },
                { accessKey: MA_DEV.accessKey, secretKey: MA_DEV.secretKey },
            );
            const { host: _h, ...h2send } = h2;
            const r2 = await fetch(t.url + p, { method: "PUT", headers: h2send, body: swapped });
            assert.equal(r2.status, 401);
            assert.match(await r2.text(), /x-sdk-content-sha256 does not match the request body/);
            // The honest request still works (its own body, with or without the header).
            const ok = await fetch(t.url + p, { method: "PUT", headers: signedClaim, body: swapped });
            assert.equal(ok.status, 200, await ok.text());
            assert.equal((await c.get(n.id)).description, "swapped");
        });
    });

    describe("integer parameters take decimal integers only", () => {
        const loose = ["1e3", "0x384", " 900", "+900", "3.6e3", "900.0", "", "0b1110000100", "9".repeat(20)];

        it("STS DurationSeconds", async () => {
            for (const d of loose) {
                const r = await sts(t.url, stsParams({ DurationSeconds: d }));
                assert.deepEqual(
                    [r.status, r.body.Code],
                    [400, "InvalidParameter.DurationSeconds"],
                    `DurationSeconds=${JSON.stringify(d)}: ${JSON.stringify(r.body)}`,
                );
            }
            assert.equal((await sts(t.url, stsParams({ DurationSeconds: "900" }))).status, 200);
        });

        it("DSW ListInstances PageNumber and PageSize, ModelArts offset/limit, notebooks limit/offset", async () => {
            for (const v of ["1e1", "0xA", " 10", "+10", "1.0e1", "10.0"]) {
                for (const name of ["PageNumber", "PageSize"]) {
                    const r = await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances", "", DSW_DEV, [[name, v]]);
                    assert.equal(r.status, 400, `${name}=${JSON.stringify(v)}: ${r.text}`);
                    assertDswShape(r.text, "ValidationError");
                }
                const ma = await signedMa(t.url, "GET", `/v1/${MA_PROJECT}/demanager/instances`, "", [
                    ["de_type", "Notebook"],
                    ["limit", v],
                ]);
                assert.equal(ma.status, 400, `limit=${v}: ${ma.text}`);
                assert.equal(ma.json().error_code, "ModelArts.6336");
                const nb = await signedMa(t.url, "GET", `/v1/${MA_PROJECT}/notebooks`, "", [["offset", v]]);
                assert.equal(nb.status, 400, `offset=${v}: ${nb.text}`);
            }
            assert.equal((await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances", "", DSW_DEV, [["PageSize", "10"]])).status, 200);
            assert.equal(
                (
                    await signedMa(t.url, "GET", `/v1/${MA_PROJECT}/demanager/instances`, "", [
                        ["de_type", "Notebook"],
                        ["limit", "10"],
                    ])
                ).status,
                200,
            );
        });

        it("the metadata token TTL header", async () => {
            for (const ttl of ["1e3", "0x10", "+60", "60.0"]) {
                const r = await fetch(t.url + "/latest/api/token", { method: "PUT", headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": ttl } });
                assert.equal(r.status, 400, ttl);
            }
            const ok = await fetch(t.url + "/latest/api/token", { method: "PUT", headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": "60" } });
            assert.equal(ok.status, 200);
        });
    });

    it("the request log records a claimed key id only when it is a known one", async () => {
        const since = (await t.admin.requests()).at(-1)?.seq ?? 0;
        // The secret typed into the key id's slot: the gateway refuses it, the log must not keep it.
        const r = await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances", "", { ...DSW_DEV, accessKeyId: DSW_DEV.accessKeySecret });
        assert.equal(r.status, 404);
        await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances");
        const log = (await t.admin.requests(since)).filter((e) => e.op === "dsw:ListInstances");
        assert.deepEqual(
            log.map((e) => e.principal),
            ["(unknown key id)", DSW_DEV.accessKeyId],
        );
        assert.ok(!JSON.stringify(await t.admin.requests()).includes(DSW_DEV.accessKeySecret));
    });
});

describe("emulator: state saves that fail are reported and retried without losing records", () => {
    it("a 10,000-level body never reaches the state file, and saves go on", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-deep-"));
        const t = await startTestEmulator({ stateDir: dir });
        try {
            const deep = await signedDsw(
                t.url,
                "POST",
                "/api/v2/instances",
                "CreateInstance",
                `{"InstanceName":"deep","WorkspaceId":"40823","EcsSpec":"ecs.g6.xlarge","ImageUrl":"${IMAGE}","Affinity":${nestedObject("a", 10_000)}}`,
            );
            assert.equal(deep.status, 400);
            const ok = await signedDsw(
                t.url,
                "POST",
                "/api/v2/instances",
                "CreateInstance",
                JSON.stringify({ InstanceName: "fine", WorkspaceId: "40823", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE }),
            );
            assert.equal(ok.status, 200, ok.text);
            const id = ok.json().InstanceId as string;
            const file = path.join(dir, "emulator-state.json");
            await eventually(() => fs.existsSync(file) && id in (JSON.parse(fs.readFileSync(file, "utf8")) as { dsw: object }).dsw, 5000, "the state saved");
            assert.deepEqual(
                fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")),
                [],
            );
            assert.equal((await t.admin.health()).saveFailure, undefined);
        } finally {
            await t.close();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("with the temp file's place blocked, the failure is reported, the old file stays whole, and every record is saved once it clears", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-save-"));
        const t = await startTestEmulator({ stateDir: dir });
        const file = path.join(dir, "emulator-state.json");
        const saved = () => (fs.existsSync(file) ? Object.keys((JSON.parse(fs.readFileSync(file, "utf8")) as { dsw: object }).dsw) : []);
        const create = async (name: string) => {
            const r = await signedDsw(
                t.url,
                "POST",
                "/api/v2/instances",
                "CreateInstance",
                JSON.stringify({ InstanceName: name, WorkspaceId: "40823", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE }),
            );
            assert.equal(r.status, 200, r.text);
            return r.json().InstanceId as string;
        };
        try {
            const a = await create("before");
            await eventually(() => saved().includes(a), 5000, "the first save");
            // The emulator runs in this process, so its temp file is named with our pid.
            const tmp = `${file}.${process.pid}.tmp`;
            fs.mkdirSync(tmp);
            const b = await create("during");
            await eventually(async () => ((await t.admin.health()).saveFailure?.attempts ?? 0) >= 2, 5000, "a reported, retried failure");
            const failure = (await t.admin.health()).saveFailure;
            assert.match(failure?.message ?? "", /EISDIR|illegal operation on a directory|EEXIST|EPERM/);
            assert.deepEqual(saved(), [a], "the previous file is intact (valid JSON, the first record)");
            fs.rmdirSync(tmp);
            await eventually(() => saved().includes(b), 5000, "every record saved once the way clears");
            assert.deepEqual(saved().sort(), [a, b].sort());
            assert.equal((await t.admin.health()).saveFailure, undefined);
            assert.deepEqual(
                fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")),
                [],
            );
        } finally {
            await t.close();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a state that cannot be serialized leaves no empty temp file and the previous file intact", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-store-"));
        try {
            const store = new StateStore(dir);
            store.state.soldOutFlavors.push("a");
            store.markDirty();
            store.flush();
            const before = fs.readFileSync(path.join(dir, "emulator-state.json"), "utf8");
            (store.state as unknown as { extra: unknown }).extra = { n: 1n };
            store.markDirty();
            assert.throws(() => store.flush(), /saving .* failed .* saved again at the next tick/);
            assert.deepEqual(fs.readdirSync(dir), ["emulator-state.json"], "no temp file left");
            assert.equal(fs.readFileSync(path.join(dir, "emulator-state.json"), "utf8"), before);
            assert.equal(store.saveFailure?.attempts, 1);
            delete (store.state as unknown as { extra?: unknown }).extra;
            store.state.soldOutFlavors.push("b");
            store.flush();
            assert.deepEqual((JSON.parse(fs.readFileSync(path.join(dir, "emulator-state.json"), "utf8")) as { soldOutFlavors: string[] }).soldOutFlavors, [
                "a",
                "b",
            ]);
            assert.equal(store.saveFailure, undefined);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
