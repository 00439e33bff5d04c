/** The named-waits factory (provider/common/namedWaits.ts) and the ModelArts waits built on it, over a fake clock: no server. */
import { strict as assert } from "node:assert";
import { CloudServiceError } from "../../provider/common/errors";
import { namedWaits } from "../../provider/common/namedWaits";
import { WaitContext } from "../../provider/common/status";
import { WaiterFailureError } from "../../provider/common/waiter";
import { notebookWaits } from "../../provider/huawei/notebookWaits";
import { isMaNotFound } from "../../provider/huawei/transport";

interface Fake {
    status: string;
    why?: string;
}

/** A context whose clock moves only by the waiter's sleeps, and a notebook that walks through `statuses`. */
function fixture(statuses: Array<string | "gone">) {
    let clock = 0;
    const seen: string[] = [];
    const ctx: WaitContext & { gets: number } = {
        gets: 0,
        poll: { minDelayMs: 1, maxDelayMs: 2 },
        deadline: 10_000,
        log: { info: () => undefined, warn: () => undefined },
        deps: { sleep: async (ms) => void (clock += ms), now: () => clock, random: () => 0.5 },
    };
    const get = async (): Promise<Fake> => {
        const s = statuses[Math.min(ctx.gets++, statuses.length - 1)];
        if (s === "gone") {
            throw new CloudServiceError("ModelArts", "ShowNotebook", "ModelArts.6404", "not found", {
                httpStatusCode: 400,
                requestId: "R",
                attempts: 1,
                totalRetryDelayMs: 0,
            });
        }
        seen.push(s);
        return { status: s, why: s.endsWith("FAILED") ? "quota" : undefined };
    };
    return { ctx, get, seen };
}

describe("named waits", () => {
    it("waits for a target, accepting what the resource says counts as it (DSW: stopped-like statuses)", async () => {
        const f = fixture(["Stopping", "Saved"]);
        const w = namedWaits<typeof f.ctx, Fake>({
            noun: "DSW instance",
            get: f.get,
            status: (x) => x.status,
            failure: () => undefined,
            isNotFound: isMaNotFound,
            accepts: (targets) => (targets.includes("Stopped") ? [...targets, "Saved"] : targets),
        });
        assert.equal((await w.until(f.ctx, "dsw-1", ["Stopped"])).status, "Saved");
        assert.deepEqual(f.seen, ["Stopping", "Saved"]);
    });

    it("polls the override instead of the resource's get when one is given, and the deletion get for untilDeleted", async () => {
        const f = fixture(["Running"]);
        let overridden = 0;
        let forGone = 0;
        const w = namedWaits<typeof f.ctx, Fake>({
            noun: "DSW instance",
            get: f.get,
            getForGone: async () => {
                forGone++;
                return f.get();
            },
            status: (x) => x.status,
            failure: () => undefined,
            isNotFound: isMaNotFound,
        });
        await w.until(f.ctx, "dsw-1", ["Running"], { poll: async () => (overridden++, { status: "Running" }) });
        assert.equal(overridden, 1);
        assert.equal(f.ctx.gets, 0);
        const g = fixture(["Deleting", "gone"]);
        await namedWaits<typeof g.ctx, Fake>({
            noun: "x",
            get: async () => assert.fail("not this get"),
            getForGone: g.get,
            status: (x) => x.status,
            failure: () => undefined,
            isNotFound: isMaNotFound,
        }).untilDeleted(g.ctx, "x-1");
        assert.equal(g.ctx.gets, 2);
        assert.equal(forGone, 0);
    });

    it("ModelArts: a failed status ends the wait with the notebook's reason; untilSettled accepts it", async () => {
        const make = (statuses: string[]) => {
            const f = fixture(statuses);
            const waits = notebookWaits<typeof f.ctx, Fake>({
                get: f.get,
                status: (x) => x.status,
                failed: new Set(["CREATE_FAILED"]),
                reason: (x) => x.why ?? "",
                // Only untilCreated predicts from the phases, and these tests do not create.
                createPhases: { route: { phases: [] } as never, stamp: () => ({}) as never, resolutionMs: 1 },
            });
            return { f, waits };
        };
        const a = make(["CREATING", "CREATE_FAILED"]);
        await assert.rejects(a.waits.untilRunning(a.f.ctx, "nb-1"), (e: unknown) => {
            assert.ok(e instanceof WaiterFailureError);
            assert.match(e.message, /ModelArts notebook nb-1 to be RUNNING: notebook nb-1 is CREATE_FAILED: quota$/);
            return true;
        });
        const b = make(["CREATING", "CREATE_FAILED"]);
        assert.equal((await b.waits.untilSettled(b.f.ctx, "nb-2")).status, "CREATE_FAILED");
        const c = make(["CREATING", "gone"]);
        await assert.rejects(c.waits.untilStopped(c.f.ctx, "nb-3"), /no longer exists/);
    });
});
