import { strict as assert } from "node:assert";
import type { Notebook } from "../../provider/modelarts/client";
import { markOf, sameRequest } from "../../provider/modelarts/recovery";
import type { MaNotebookInputs } from "../../provider/modelarts/schema";
import type { NbNotebook } from "../../provider/modelartsV2/client";
import { creatingTag, markOf as nbMarkOf, ownerTag } from "../../provider/modelartsV2/recovery";

const inputs = {
    name: "nb",
    profileId: "Multi-Engine 1.0 (python3)-cpu",
    flavor: "modelarts.vm.cpu.2u",
    spec: { storage: { type: "evs" } },
} as unknown as MaNotebookInputs;
const live = (over: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) =>
    ({
        id: "DE-1",
        name: "nb",
        status: "CREATING",
        description: "",
        flavor: "modelarts.vm.cpu.2u",
        profile: { id: "Multi-Engine 1.0 (python3)-cpu" },
        creation_timestamp: String(Date.now() - 60_000),
        workspace: { id: "0" },
        spec: { storage: { type: "evs" }, annotations: { target_domain: "x", url: "" }, ...spec },
        ...over,
    }) as unknown as Notebook;

describe("old ModelArts API: what a same-named notebook says of its origin", () => {
    it("keeps no mark: an unannotated notebook is nobody's in particular, however much it resembles ours", () => {
        assert.equal(markOf(live(), "org/proj/dev"), "none");
    });
    it("compares the documented fields with the request (used only for a lost answer inside one create)", () => {
        assert.equal(sameRequest(live(), inputs), true);
        for (const n of [
            live({ flavor: "modelarts.vm.cpu.8u" }),
            live({ profile: { id: "other" } }),
            live({ description: "someone's" }),
            live({ workspace: { id: "ws-2" } }),
            live({}, { storage: { type: "obs" } }),
        ]) {
            assert.equal(sameRequest(n, inputs), false, JSON.stringify(n));
        }
    });
    it("an echoed owner annotation says whose it is, never that it is an interrupted create", () => {
        assert.equal(markOf(live({}, { annotations: { "pulumi-notebooks-owner": "org/proj/dev" } }), "org/proj/dev"), "claimed");
        assert.equal(markOf(live({}, { annotations: { "pulumi-notebooks-owner": "org/other/dev" } }), "org/proj/dev"), "foreign");
    });
});

describe("current ModelArts API: the owner tag's two values", () => {
    const owner = ownerTag("org/proj/dev", "gpu");
    const nb = (value?: string) =>
        ({ id: "x", name: "nb", status: "RUNNING", tags: value === undefined ? [] : [{ key: "pulumi-notebooks-owner", value }] }) as unknown as NbNotebook;
    it("creating:<owner> is an interrupted create of this resource; <owner> is the stack's, handed over", () => {
        assert.equal(nbMarkOf(nb(creatingTag(owner)), owner), "pending");
        assert.equal(nbMarkOf(nb(owner), owner), "claimed");
        assert.equal(nbMarkOf(nb(creatingTag(ownerTag("org/proj/dev", "other"))), owner), "foreign");
        assert.equal(nbMarkOf(nb(), owner), "none");
    });
    it("a resource name with characters a tag value may not hold still gives a valid owner tag", () => {
        const v = ownerTag("org/proj/dev", "gpu#1 (team)");
        assert.match(v, /^org\/proj\/dev:gpu_1 _team_@[0-9a-f]{12}$/, "its allowed characters and a hash of the whole name (provider/common/marks.ts)");
        assert.match(creatingTag(v), /^[\p{L}\p{N} _.:/=+\-@]+$/u);
    });
    it("both values fit the tag value limit for the longest owners, and stay distinct", () => {
        const long = ownerTag("o".repeat(200), "r");
        assert.ok(long.length <= 128 && creatingTag(long).length <= 128);
        assert.notEqual(creatingTag(long), long);
    });
});
