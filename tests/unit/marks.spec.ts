import { strict as assert } from "node:assert";
import { markName } from "../../provider/common/marks";
import { pendingLabel } from "../../provider/dsw/recovery";
import { creatingTag, ownerTag } from "../../provider/modelartsV2/recovery";

/**
 * The marks name a resource by its logical name (docs/recovery.md). Found by an independent
 * tester: `q/1` and `q_1` (and two names alike in their first 120 characters) shared a mark, and
 * each took or deleted the other's interrupted create.
 */
describe("marks name each resource apart (provider/common/marks.ts)", () => {
    const alike = ["q/1", "q_1", "q#1", "q:1", "q@1", "n".repeat(200), `${"n".repeat(200)}x`, "nb é/1", "nb é_1"];

    it("no two names share a DSW creating label or a NotebookV2 owner tag", () => {
        assert.equal(new Set(alike.map(pendingLabel)).size, alike.length);
        assert.equal(new Set(alike.map((n) => ownerTag("proj/dev", n))).size, alike.length);
    });

    it("a name a label can hold is written as it is, so marks written before stay the same", () => {
        assert.equal(pendingLabel("gpu-notebook"), "pending:gpu-notebook");
        assert.equal(ownerTag("proj/dev", "gpu-notebook"), "proj/dev:gpu-notebook");
        assert.equal(markName("a name with spaces_and.dots", 100), "a name with spaces_and.dots");
    });

    it("every mark fits its cloud's rules: DSW labels at most 128 characters without :// ; tags never cut, `creating:` included", () => {
        for (const n of alike) {
            const label = pendingLabel(n);
            assert.ok(label.length <= 128 && !/https?:\/\//.test(label) && !/^(aliyun|acs:)/i.test(label), label);
            const tag = creatingTag(ownerTag("proj/dev", n));
            assert.ok(tag.length <= 128, tag);
            assert.equal(tag, `creating:${ownerTag("proj/dev", n)}`, "not cut");
            assert.match(tag, /^[\p{L}\p{N} _.:/=+\-@]+$/u, "TmsTag's characters only");
        }
    });
});
