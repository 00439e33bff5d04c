import { strict as assert } from "node:assert";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import { IamTokenSource } from "../../provider/huawei/transport";
import { StandardRetryStrategy } from "../../provider/common/retry";

/** The IAM token call takes the shared transport: retried on a 5xx, errors shaped like every other call's. */
describe("IAM token source", () => {
    let server: http.Server;
    let url: string;
    let answers: Array<(res: http.ServerResponse) => void>;
    let bodies: string[];
    before(async () => {
        server = http.createServer((req, res) => {
            let b = "";
            req.on("data", (c: Buffer) => (b += c.toString()));
            req.on("end", () => {
                bodies.push(b);
                (answers.shift() ?? ((r) => r.writeHead(500).end()))(res);
            });
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));
    beforeEach(() => {
        answers = [];
        bodies = [];
    });
    const auth = () => ({ kind: "token" as const, iamEndpoint: url, userName: "u", password: "pw-never-echoed", domainName: "d" });
    const fast = { retry: new StandardRetryStrategy({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 }) };

    it("retries a 503 from IAM and returns the X-Subject-Token of the next answer", async () => {
        answers.push(
            (res) => res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"code":503,"title":"Service Unavailable","message":"busy"}}'),
            (res) =>
                res
                    .writeHead(201, { "content-type": "application/json", "x-subject-token": "tok-1" })
                    .end(JSON.stringify({ token: { expires_at: new Date(Date.now() + 86_400_000).toISOString() } })),
        );
        const src = new IamTokenSource(auth(), "p1", fast);
        assert.equal(await src.get(), "tok-1");
        assert.equal(bodies.length, 2, "one retry");
        assert.equal(await src.get(), "tok-1", "cached");
        assert.equal(bodies.length, 2);
    });

    it("reports a refusal with the operation and IAM's message, never the password", async () => {
        answers.push((res) =>
            res
                .writeHead(401, { "content-type": "application/json" })
                .end('{"error":{"code":401,"title":"Unauthorized","message":"The username or password is wrong."}}'),
        );
        const src = new IamTokenSource(auth(), "p1", fast);
        await assert.rejects(src.get(), (e: Error) => {
            assert.match(e.message, /IAM CreateToken/);
            assert.match(e.message, /username or password is wrong/);
            assert.doesNotMatch(e.message, /pw-never-echoed/);
            return true;
        });
        assert.equal(bodies.length, 1, "a refusal is not retried");
    });
});
