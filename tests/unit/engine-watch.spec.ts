import { strict as assert } from "node:assert";
import * as grpc from "@grpc/grpc-js";
import * as net from "node:net";
import { watchEngine } from "../../provider/common/engineWatch";

/** A gRPC server with no services, as an engine that answers health checks Unimplemented. */
async function engine(): Promise<{ address: string; stop: () => void }> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

async function freePort(): Promise<number> {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("engine watch: a provider ends when the engine that started it is gone", () => {
    it("calls onGone after the engine, once answering, refuses connections; not while it answers", async () => {
        const e = await engine();
        let gone = 0;
        watchEngine({ address: e.address, intervalMs: 50, onGone: () => gone++ });
        await sleep(400);
        assert.equal(gone, 0, "an engine answering Unimplemented is alive");
        e.stop();
        const until = Date.now() + 5_000;
        while (gone === 0 && Date.now() < until) await sleep(20);
        assert.equal(gone, 1);
        await sleep(300);
        assert.equal(gone, 1, "once");
    });

    it("never ends a process whose engine address never answered (not an engine it knows)", async () => {
        let gone = 0;
        watchEngine({ address: `127.0.0.1:${await freePort()}`, intervalMs: 50, onGone: () => gone++ });
        await sleep(600);
        assert.equal(gone, 0);
    });
});
