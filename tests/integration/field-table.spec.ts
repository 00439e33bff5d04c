/**
 * The DSW and ModelArts field tables (provider/dsw/fields.ts, provider/modelarts/fields.ts) held to
 * the emulator's answers (emulator/dsw/responseFields.ts, from the official response models), so a
 * field one read path lacks cannot become drift unnoticed. (Moved from the unit ring: it starts
 * the emulator.)
 */
import { strict as assert } from "node:assert";
import { GET_INSTANCE_FIELDS, LIST_INSTANCE_FIELDS } from "../../emulator/dsw/responseFields";
import { DSW_FIELDS, DswReadOp } from "../../provider/dsw/fields";
import { MA_FIELDS, MA_WRITE_ONLY } from "../../provider/modelarts/fields";
import { MA_NOT_READ_BACK } from "../../provider/modelarts/mapping";
import { NotebookWire as MaWire } from "../../provider/modelarts/wire";
import { dswClient, maClient } from "../support/clients";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";

const ENVELOPE = new Set(["RequestId", "Success", "Code", "Message", "HttpStatusCode"]);

describe("DSW field table vs emulator answers", () => {
    let t: TestEmulator;
    before(async () => (t = await startTestEmulator()));
    after(() => t.close());

    it("each table field is carried by exactly the operations the table names", async () => {
        const c = dswClient(t.url);
        const id = await c.createInstance({
            WorkspaceId: "40823",
            InstanceName: "field_table",
            EcsSpec: "ecs.g6.xlarge",
            ImageUrl: "registry.cn-hangzhou.aliyuncs.com/pai/pytorch:2.1",
            SpotSpec: { SpotStrategy: "SpotWithPriceLimit", SpotPriceLimit: 0.5 },
            OversoldType: "AcceptQuotaOverSold",
            UserVpc: { VpcId: "vpc-1", VSwitchId: "vsw-1", SecurityGroupId: "sg-1" },
            Affinity: { CPU: { Enable: true } },
        });
        await eventually(async () => (await c.getInstance(id)).Status === "Running", 10_000);
        await c.createShutdownTimer(id, { RemainingTimeInMs: 3_600_000 });
        await c.createIdleCuller(id, { CpuPercentThreshold: 20, MaxIdleTimeInMinutes: 60 });
        const got = new Set(Object.keys(await c.getInstance(id)).filter((k) => !ENVELOPE.has(k)));
        const item = (await c.listInstances({ WorkspaceId: "40823", PageSize: 100 })).instances.find((i) => i.InstanceId === id);
        assert.ok(item);
        const listed = new Set(Object.keys(item));
        const seen: Record<string, Set<string>> = { GetInstance: got, ListInstances: listed };

        for (const [field, row] of Object.entries(DSW_FIELDS)) {
            const present = (Object.keys(seen) as DswReadOp[]).filter((op) => seen[op].has(field));
            if (present.length === 0) continue; // optional and unset here (e.g. LatestSnapshot)
            assert.deepEqual(present.sort(), [...row.in].sort(), `${field}: table says ${row.in.join("+")}, emulator answers it in ${present.join("+")}`);
        }
        for (const k of got) assert.ok(GET_INSTANCE_FIELDS.has(k), `GetInstance answers ${k}, not in GetInstanceResponseBody`);
        for (const k of listed) assert.ok(LIST_INSTANCE_FIELDS.has(k), `ListInstances answers ${k}, not in ListInstancesResponseBodyInstances`);
        assert.ok(!got.has("SpotSpec") && !listed.has("SpotSpec"), "SpotSpec is write-only");
    });
});

describe("ModelArts field table vs wire schema vs emulator answers", () => {
    let t: TestEmulator;
    before(async () => (t = await startTestEmulator()));
    after(() => t.close());

    it("get and list items carry the same fields, all of them in the table, and no sent annotation", async () => {
        const c = maClient(t.url);
        const n = await c.create({
            name: "field-table",
            profile_id: "Multi-Engine 1.0 (python3)-cpu",
            flavor: "modelarts.vm.cpu.2u",
            spec: { storage: { type: "evs" }, annotations: { mine: "x" } },
        });
        const got = await c.get(n.id);
        const item = (await c.list({ limit: 0 })).instances.find((x) => x.id === n.id);
        assert.ok(item);
        assert.deepEqual(Object.keys(item).sort(), Object.keys(got).sort(), "list items are the get object");
        for (const k of Object.keys(got)) assert.ok(k in MA_FIELDS, `the emulator answers ${k}, which the table does not list`);
        for (const k of Object.keys(MaWire.shape)) assert.ok(k in MA_FIELDS, `wire.ts types ${k}, which the table does not list`);
        assert.equal(got.spec?.annotations?.mine, undefined, "sent annotations are not echoed");
        assert.ok("spec.annotations" in MA_WRITE_ONLY && MA_NOT_READ_BACK.includes("spec.annotations"));
    });
});
