import { strict as assert } from "node:assert";
import { dswRetryAfterMs } from "../../provider/dsw/throttleHint";

describe("DSW throttling hints (the headers Alibaba's official SDKs read)", () => {
    it("reads x-acs-retry-after, x-ratelimit-user-api and x-ratelimit-user; the longest wins", () => {
        assert.equal(dswRetryAfterMs({ "x-acs-retry-after": "1500" }), 1500);
        assert.equal(dswRetryAfterMs({ "x-ratelimit-user-api": "Limit:100,Remain:0,TimeLeft:2300,Reset:1733100000000" }), 2300);
        assert.equal(dswRetryAfterMs({ "x-ratelimit-user": "Limit:1000,Remain:0,TimeLeft:700" }), 700);
        assert.equal(dswRetryAfterMs({ "x-acs-retry-after": "100", "x-ratelimit-user-api": "TimeLeft:900", "x-ratelimit-user": "TimeLeft:400" }), 900);
    });
    it("ignores absent, zero and malformed hints", () => {
        assert.equal(dswRetryAfterMs({}), undefined);
        assert.equal(dswRetryAfterMs({ "x-acs-retry-after": "0", "x-ratelimit-user-api": "Limit:1,Remain:0" }), undefined);
        assert.equal(dswRetryAfterMs({ "x-ratelimit-user": "TimeLeft:soon" }), undefined);
    });
});
