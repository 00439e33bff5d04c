import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { acs3Sign } from "../../provider/dsw/signer";
import { apigSign } from "../../provider/huawei/signer";
import { dswClient, maClient } from "../support/clients";
import { DSW_DEV, MA_DEV, MA_PROJECT, TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const IMAGE = "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1";

async function signedDsw(url: string, method: string, p: string, action: string, body: string | Buffer, contentType = "application/json") {
    const host = new URL(url).host;
    const h = acs3Sign(
        { method, canonicalUri: p, query: [], headers: { host, "x-acs-action": action, "x-acs-version": "2022-01-01", "content-type": contentType }, body },
        { accessKeyId: DSW_DEV.accessKeyId, accessKeySecret: DSW_DEV.accessKeySecret },
    );
    const { host: _h, ...send } = h;
    const res = await fetch(url + p, { method, headers: send, body: body.length ? body : undefined });
    return { status: res.status, text: await res.text() };
}

async function signedMa(url: string, method: string, p: string, body: string | Buffer) {
    const host = new URL(url).host;
    const h = apigSign(
        { method, canonicalUri: p, query: [], headers: { host, "content-type": "application/json", "x-project-id": MA_PROJECT }, body },
        { accessKey: MA_DEV.accessKey, secretKey: MA_DEV.secretKey },
    );
    const { host: _h, ...send } = h;
    const res = await fetch(url + p, { method, headers: send, body: body.length ? body : undefined });
    return { status: res.status, text: await res.text() };
}

describe("emulator: faults, persistence, hostile input", () => {
    it("injects faults deterministically for a seed (5xx, throttling with retry-after, drops)", async () => {
        const run = async () => {
            const t = await startTestEmulator({ faults: { seed: 42, serverErrorRate: 0.2, throttleRate: 0.2, dropRate: 0.1, retryAfterMs: 123 } });
            const outcomes: string[] = [];
            try {
                for (let i = 0; i < 40; i++) {
                    const r = await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances", "").catch(() => ({ status: 0, text: "" }));
                    outcomes.push(r.status === 0 ? "drop" : r.status === 200 ? "ok" : JSON.parse(r.text).Code);
                }
                const log = await t.admin.requests();
                assert.ok(log.some((e) => e.fault === "throttle"));
                return outcomes;
            } finally {
                await t.close();
            }
        };
        const a = await run();
        const b = await run();
        assert.deepEqual(a, b, "same seed, same sequence");
        assert.ok(a.includes("ServiceUnavailable") && a.includes("Throttling") && a.includes("drop") && a.includes("ok"), a.join(","));
    });

    it("sends each cloud's throttling response (DSW 400 + x-acs-retry-after; ModelArts 429 APIGW.0308)", async () => {
        const t = await startTestEmulator({ faults: { throttleRate: 1, retryAfterMs: 250 } });
        try {
            const host = new URL(t.url).host;
            const h = acs3Sign(
                {
                    method: "GET",
                    canonicalUri: "/api/v2/instances",
                    query: [],
                    headers: { host, "x-acs-action": "ListInstances", "x-acs-version": "2022-01-01" },
                    body: "",
                },
                { accessKeyId: DSW_DEV.accessKeyId, accessKeySecret: DSW_DEV.accessKeySecret },
            );
            const { host: _h, ...send } = h;
            const res = await fetch(t.url + "/api/v2/instances", { headers: send });
            assert.equal(res.status, 400);
            assert.equal(res.headers.get("x-acs-retry-after"), "250");
            assert.equal(((await res.json()) as { Code: string }).Code, "Throttling");
            const m = await signedMa(t.url, "GET", `/v1/${MA_PROJECT}/demanager/instances`, "");
            assert.deepEqual([m.status, JSON.parse(m.text).error_code], [429, "APIGW.0308"]);
        } finally {
            await t.close();
        }
    });

    it("delays only the operations `operations` names, as it faults only them; a name no route has is refused", async () => {
        const t = await startTestEmulator();
        try {
            await t.admin.setFaults({ latencyMs: 1500, jitterMs: 200, operations: ["GetInstance"] });
            const timed = async (send: () => Promise<{ status: number }>) => {
                const start = Date.now();
                const r = await send();
                return { status: r.status, ms: Date.now() - start };
            };
            // Margins for a busy 2-core machine: an undelayed signed request takes tens of ms there.
            const get = await timed(() => signedDsw(t.url, "GET", "/api/v2/instances/dsw-missing", "GetInstance", ""));
            assert.equal(get.status, 404);
            assert.ok(get.ms >= 1500, `GetInstance took ${get.ms} ms, the latency is 1500 ms`);
            for (const [op, send] of [
                ["ListInstances", () => signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances", "")],
                ["ListImage", () => signedMa(t.url, "GET", `/v1/${MA_PROJECT}/images`, "")],
            ] as const) {
                const r = await timed(send);
                assert.equal(r.status, 200, op);
                assert.ok(r.ms < 1000, `${op} took ${r.ms} ms: the latency is restricted to GetInstance`);
            }
            await assert.rejects(
                t.admin.setFaults({ latencyMs: 1500, operations: ["dsw:CreateInstance"] }),
                /HTTP 400 .*operations: \\"dsw:CreateInstance\\" is not an operation of the emulated APIs/,
            );
            const now = (await t.admin.setFaults({})) as { faults: { latencyMs: number; operations: string[] } };
            assert.deepEqual([now.faults.latencyMs, now.faults.operations], [1500, ["GetInstance"]], "a refused update changes nothing");
        } finally {
            await t.close();
        }
    });

    it("the clients retry through faults and throttling, honouring the server hint", async () => {
        const t = await startTestEmulator({ faults: { seed: 7, serverErrorRate: 0.3, throttleRate: 0.3, retryAfterMs: 5 } });
        try {
            const c = dswClient(t.url);
            for (let i = 0; i < 10; i++) {
                await c.listInstances({});
            }
            assert.ok(c.transport.retriesMade > 0);
            const m = maClient(t.url);
            for (let i = 0; i < 10; i++) {
                await m.list({});
            }
        } finally {
            await t.close();
        }
    });

    it("limits the request rate per tenant and API with the throttling response, or per tenant when asked", async () => {
        const throttled = (r: { text: string }) => r.text.includes('"Throttling');
        const t = await startTestEmulator({ rateLimit: { requestsPerSecond: 5, burst: 2 } });
        try {
            const answers = [];
            for (let i = 0; i < 6; i++) answers.push(await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances", ""));
            assert.deepEqual(
                answers.slice(0, 2).map((a) => a.status),
                [200, 200],
            );
            assert.ok(answers.slice(2).some((a) => a.status === 400 && throttled(a)));
            assert.ok((await t.admin.counters()).faults.ratelimit >= 1);
            // Both clouds count a quota per API: ListInstances' empty bucket leaves ListEcsSpecs its own.
            assert.equal(throttled(await signedDsw(t.url, "GET", "/api/v2/ecsspecs", "ListEcsSpecs", "")), false);
            await t.admin.setRateLimit({ per: "account" });
            const shared = [];
            for (let i = 0; i < 3; i++)
                shared.push(await signedDsw(t.url, "GET", i === 2 ? "/api/v2/ecsspecs" : "/api/v2/instances", i === 2 ? "ListEcsSpecs" : "ListInstances", ""));
            assert.deepEqual(shared.map(throttled), [false, false, true]);
        } finally {
            await t.close();
        }
    });

    it("keeps state on disk: instances and their timers survive a restart", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-state-"));
        const a = await startTestEmulator({ stateDir: dir });
        const c = dswClient(a.url);
        const id = await c.createInstance({ WorkspaceId: "40823", InstanceName: "persisted", EcsSpec: "ecs.g6.xlarge", ImageUrl: IMAGE });
        await eventually(async () => (await c.getInstance(id)).Status === "Running");
        await c.createShutdownTimer(id, { RemainingTimeInMs: 600 });
        const m = maClient(a.url);
        const nb = await m.create({
            name: "kept",
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" } },
        });
        await a.close();
        assert.ok(fs.existsSync(path.join(dir, "emulator-state.json")));
        assert.deepEqual(
            fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")),
            [],
            "atomic writes leave no temp file",
        );
        const b = await startTestEmulator({ stateDir: dir });
        try {
            const c2 = dswClient(b.url);
            assert.equal((await c2.getInstance(id)).InstanceName, "persisted");
            assert.equal((await maClient(b.url).get(nb.id)).name, "kept");
            await eventually(async () => (await c2.getInstance(id)).Status === "Stopped", 4000, "the timer set before the restart to fire");
        } finally {
            await b.close();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    describe("never crashes on hostile requests", () => {
        let t: TestEmulator;
        before(async () => {
            t = await startTestEmulator({ maxBodyBytes: 64 * 1024 });
        });
        after(() => t.close());

        const dswRoutes: Array<[string, string, string]> = [
            ["POST", "/api/v2/instances", "CreateInstance"],
            ["PUT", "/api/v2/instances/dsw-x", "UpdateInstance"],
            ["POST", "/api/v2/instances/dsw-x/shutdowntimer", "CreateInstanceShutdownTimer"],
            ["POST", "/api/v2/instances/dsw-x/idleinstanceculler", "CreateIdleInstanceCuller"],
            ["PUT", "/api/v2/instances/dsw-x/labels", "UpdateInstanceLabels"],
        ];
        const payloads = [
            "{",
            "[]",
            "null",
            '"str"',
            "42",
            '{"InstanceName": 5}',
            '{"InstanceName":"a","EcsSpec":["x"],"ImageUrl":{}}',
            '{"Datasets":"x"}',
            '{"Datasets":[1,2]}',
            '{"Labels":[{"Key":null}]}',
            '{"RemainingTimeInMs":"soon"}',
            '{"MaxIdleTimeInMinutes":-1}',
            '{"UnknownField":true,"__proto__":{"polluted":1}}',
            '{"UserVpc":{"ExtendedCIDRs":"10.0.0.0/8"}}',
            '{"Priority":1.5}',
        ];

        it("DSW routes answer malformed JSON, wrong types and unknown fields with ValidationError or 404", async () => {
            for (const [method, p, action] of dswRoutes) {
                for (const body of payloads) {
                    const r = await signedDsw(t.url, method, p, action, body);
                    assert.ok([400, 404].includes(r.status), `${method} ${p} ${body} → ${r.status} ${r.text}`);
                    const parsed = JSON.parse(r.text) as { Code: string };
                    assert.ok(["ValidationError", "InternalError"].includes(parsed.Code) && r.status !== 500, r.text);
                }
            }
            assert.equal(({} as Record<string, unknown>).polluted, undefined);
        });

        it("ModelArts routes answer them with ModelArts.63xx/6400 errors", async () => {
            const routes: Array<[string, string]> = [
                ["POST", `/v1/${MA_PROJECT}/demanager/instances`],
                ["PUT", `/v1/${MA_PROJECT}/demanager/instances/DE-x`],
                ["POST", `/v1/${MA_PROJECT}/demanager/instances/DE-x/action`],
            ];
            for (const [method, p] of routes) {
                for (const body of [...payloads, '{"name":"x","profile_id":1}', '{"spec":{"storage":{"type":"evs","location":{"volume_size":"big"}}}}']) {
                    const r = await signedMa(t.url, method, p, body);
                    assert.equal(r.status, 400, `${method} ${p} ${body} → ${r.status} ${r.text}`);
                    assert.match((JSON.parse(r.text) as { error_code: string }).error_code, /^ModelArts\.(63\d\d|6400)$/);
                }
            }
        });

        it("refuses bodies over the size limit with 413 and keeps serving", async () => {
            const huge = Buffer.alloc(200 * 1024, "a");
            const r = await signedDsw(t.url, "POST", "/api/v2/instances", "CreateInstance", huge).catch((e: Error) => ({ status: -1, text: e.message }));
            assert.ok(r.status === 413 || r.status === -1, `${r.status}`);
            const ok = await signedDsw(t.url, "GET", "/api/v2/instances", "ListInstances", "");
            assert.equal(ok.status, 200);
        });

        it("survives a random byte fuzz of every DSW route", async () => {
            let seed = 99;
            const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
            for (let i = 0; i < 200; i++) {
                const [method, p, action] = dswRoutes[i % dswRoutes.length];
                const bytes = Buffer.from(Array.from({ length: Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256)));
                const r = await signedDsw(t.url, method, p, action, bytes, "application/octet-stream");
                assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${r.text}`);
            }
            assert.equal((await t.admin.counters()).byStatus["500"], undefined);
        });
    });
});
