import { strict as assert } from "node:assert";
import type { Notebook } from "../../provider/modelarts/client";
import { RECOVERY_WINDOW_MS, ownership } from "../../provider/modelarts/recovery";
import type { MaNotebookInputs } from "../../provider/modelarts/schema";

const now = Date.parse("2026-12-02T10:00:00Z");
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
        creation_timestamp: String(now - 60_000),
        workspace: { id: "0" },
        spec: { storage: { type: "evs" }, annotations: { target_domain: "x", url: "" }, ...spec },
        ...over,
    }) as unknown as Notebook;

describe("ModelArts create recovery without relying on echoed annotations", () => {
    const since = now - RECOVERY_WINDOW_MS;
    it("recognises our notebook from documented fields alone", () => {
        assert.equal(ownership(live(), inputs, "org/proj/dev", since).ours, true);
    });
    it("refuses one that differs in a documented field or predates the window", () => {
        for (const n of [
            live({ flavor: "modelarts.vm.cpu.8u" }),
            live({ profile: { id: "other" } }),
            live({ description: "someone's" }),
            live({ workspace: { id: "ws-2" } }),
            live({}, { storage: { type: "obs" } }),
            live({ creation_timestamp: String(since - 1) }),
            live({ creation_timestamp: undefined }),
        ]) {
            const v = ownership(n, inputs, "org/proj/dev", since);
            assert.equal(v.ours, false, v.why);
        }
    });
    it("uses the owner annotation when the service does echo it", () => {
        assert.equal(ownership(live({}, { annotations: { "pulumi-notebooks-owner": "org/proj/dev" } }), inputs, "org/proj/dev", since).ours, true);
        assert.equal(ownership(live({}, { annotations: { "pulumi-notebooks-owner": "org/other/dev" } }), inputs, "org/proj/dev", since).ours, false);
    });
});
