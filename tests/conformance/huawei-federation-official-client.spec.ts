/**
 * The emulator's Huawei IAM federation driven by Huawei's own client code: the Node.js SDK core's
 * `BasicCredentials` with `idpId` + `idTokenFile` exchanges the ID token itself (IamService:
 * `OS-FEDERATION/…/protocols/oidc/auth`, then `OS-CREDENTIAL/securitytokens`), and signs a
 * ModelArts call with the temporary key it got. Our provider's own federation module
 * (provider/huawei/credentialChain.ts) talks to the same endpoints in the e2e suite; this shows
 * the emulator answers them the way the official core expects, not the way we assumed.
 */
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MA_DEV, MA_PROJECT, TestEmulator, startTestEmulator } from "../support/emulator";

describe("conformance: Huawei IdP federation through the official SDK core", () => {
    let t: TestEmulator;
    before(async () => {
        t = await startTestEmulator();
    });
    after(() => t.close());

    async function clientWithToken(audience: string, idpId = "notebooks-ci"): Promise<HcClient> {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "idtoken-")), "token");
        fs.writeFileSync(file, await t.admin.idToken("ci-run", audience, 600));
        const cred = new BasicCredentials().withIdpId(idpId).withIdTokenFile(file).withProjectId(MA_PROJECT).withIamEndpoint(t.url);
        return new ClientBuilder((c: HcClient) => c).withCredential(cred).withEndpoint(t.url).build();
    }

    const list = (hc: HcClient) =>
        hc.sendRequest({
            method: "GET",
            url: "/v1/{project_id}/notebooks",
            contentType: "",
            pathParams: {},
            queryParams: {},
            headers: {},
            data: {},
        }) as Promise<Record<string, unknown>>;

    it("the core exchanges the ID token and signs with the temporary key; the call sees the mapped account's project", async () => {
        const since = (await t.admin.requests()).length;
        const r = await list(await clientWithToken("notebooks-ci"));
        assert.equal(typeof r.total, "number");
        const log = (await t.admin.requests()).slice(since);
        assert.deepEqual(
            log.map((e) => `${e.op} ${e.status}`),
            ["iam:CreateUnscopedTokenWithIdToken 201", "iam:CreateTemporaryAccessKeyByToken 201", "modelarts:ListNotebooks 200"],
        );
        const session = (await t.admin.sessions()).find((k) => k.accessKeyId === log[2].principal);
        assert.ok(session, "signed by the temporary key IAM issued");
        assert.equal(session.source, "idp");
        assert.equal(session.accountKey, MA_DEV.accessKey);
        assert.ok(session.expiresAt - Date.now() > 5 * 3600_000, "the core asked for 6 hours and got them");
    });

    it("an ID token for another audience, or an unknown IdP, is refused by IAM before any ModelArts call", async () => {
        // The core's log4js logger prints the failed request's whole config to stdout, Authorization:
        // Bearer <ID token> included (one reason the provider does this exchange itself): keep it out of the test log.
        const write = process.stdout.write.bind(process.stdout);
        const quiet = <T>(p: Promise<T>) => {
            process.stdout.write = (() => true) as typeof process.stdout.write;
            return p.finally(() => (process.stdout.write = write));
        };
        for (const [audience, idp] of [
            ["someone-else", "notebooks-ci"],
            ["notebooks-ci", "no-such-idp"],
        ]) {
            const since = (await t.admin.requests()).length;
            await assert.rejects(quiet(list(await clientWithToken(audience, idp))), /Failed to update federal auth token by ID token/);
            const log = (await t.admin.requests()).slice(since);
            assert.deepEqual(
                log.map((e) => e.op),
                ["iam:CreateUnscopedTokenWithIdToken"],
            );
            assert.ok([401, 404].includes(log[0].status));
        }
    });
});
