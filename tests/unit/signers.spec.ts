import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { acs3Compute, acs3SignedHeaderNames, acs3Sign, parseAcs3Authorization } from "../../provider/dsw/signer";
import { apigCompute, apigSign } from "../../provider/huawei/signer";
import { sha256Hex } from "../../provider/common/encoding";

interface DswVector {
    name: string;
    method: string;
    host: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: string;
    expected: { canonicalRequest: string; hashedCanonicalRequest: string; signature: string; authorization?: string; x_acs_content_sha256: string };
}

const vectorsFile = path.resolve(__dirname, "../fixtures/dsw-sig-vectors.json");

describe("ACS3-HMAC-SHA256 signer (DSW)", () => {
    const doc = JSON.parse(fs.readFileSync(vectorsFile, "utf8")) as {
        common: Record<string, string>;
        vectors: DswVector[];
    };
    const c = doc.common;
    for (const v of doc.vectors) {
        it(`reproduces vector ${v.name}`, () => {
            const headers: Record<string, string> = { host: v.host, ...lower(v.headers) };
            headers["x-acs-date"] = c["x-acs-date"];
            headers["x-acs-signature-nonce"] = c["x-acs-signature-nonce"];
            headers["x-acs-content-sha256"] = sha256Hex(v.body);
            assert.equal(headers["x-acs-content-sha256"], v.expected.x_acs_content_sha256);
            const parts = acs3Compute(
                { method: v.method, canonicalUri: v.path, query: Object.entries(v.query), headers, body: v.body },
                c.accessKeySecret,
                acs3SignedHeaderNames(headers),
            );
            assert.equal(parts.canonicalRequest, v.expected.canonicalRequest);
            assert.equal(parts.hashedCanonicalRequest, v.expected.hashedCanonicalRequest);
            assert.equal(parts.signature, v.expected.signature);
        });
    }

    it("signs a request end to end into the official Authorization header", () => {
        const v = doc.vectors[0];
        const out = acs3Sign(
            { method: v.method, canonicalUri: v.path, query: Object.entries(v.query), headers: { host: v.host, ...lower(v.headers) }, body: v.body },
            { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret },
            { date: c["x-acs-date"], nonce: c["x-acs-signature-nonce"] },
        );
        assert.equal(out.authorization, v.expected.authorization);
        assert.deepEqual(parseAcs3Authorization(out.authorization)?.signedHeaders.length, 6);
    });

    it("adds and signs the STS headers", () => {
        const out = acs3Sign(
            {
                method: "GET",
                canonicalUri: "/api/v2/instances",
                query: [],
                headers: { host: "h", "x-acs-action": "ListInstances", "x-acs-version": "2022-01-01" },
                body: "",
            },
            { accessKeyId: "STS.id", accessKeySecret: "s", securityToken: "tok" },
        );
        assert.equal(out["x-acs-security-token"], "tok");
        assert.match(
            out.authorization,
            /SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,/,
        );
    });
});

describe("SDK-HMAC-SHA256 signer (ModelArts)", () => {
    it("reproduces the official API Request Signing Guide example", () => {
        const headers = { "content-type": "application/json", host: "service.region.example.com", "x-sdk-date": "20191115T033655Z" };
        const parts = apigCompute(
            {
                method: "GET",
                canonicalUri: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
                query: [
                    ["limit", "2"],
                    ["marker", "13551d6b-755d-4757-b956-536f674975c0"],
                ],
                headers,
                body: "",
            },
            "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
            Object.keys(headers),
        );
        assert.equal(sha256Hex(parts.canonicalRequest), "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
        assert.equal(parts.signature, "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
    });

    it("reproduces the Go SDK unit-test vectors", () => {
        const h = { "x-sdk-date": "20060102T150405Z" };
        const get = apigCompute({ method: "GET", canonicalUri: "/path", query: [["limit", "1"]], headers: h, body: "" }, "SecretKey", ["x-sdk-date"]);
        assert.equal(get.signature, "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
        const post = apigCompute(
            { method: "POST", canonicalUri: "/path", query: [["key", "value"]], headers: h, body: '{"Name":"test","Id":1}\n' },
            "SecretKey",
            ["x-sdk-date"],
        );
        assert.equal(post.signature, "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
    });

    const project = "0123456789abcdef0123456789abcdef";
    const base = { host: "modelarts.cn-north-4.myhuaweicloud.com", "x-sdk-date": "20240101T120000Z" };
    const sk = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";

    it("reproduces ModelArts vector A (list)", () => {
        const headers = { "content-type": "application/json", ...base, "x-project-id": project };
        const p = apigCompute(
            {
                method: "GET",
                canonicalUri: `/v1/${project}/demanager/instances`,
                query: [
                    ["de_type", "Notebook"],
                    ["limit", "10"],
                ],
                headers,
                body: "",
            },
            sk,
            Object.keys(headers),
        );
        assert.equal(p.stringToSign.split("\n")[2], "cd39c471bf1dbbd3da6b36d87927b118f57bac53667aed529af94fa82a13e908");
        assert.equal(p.signature, "c24edb05a8d6d1b7334f8e7943345b568a8e11260ba40b279fa89e3cbc21b4d4");
    });

    it("reproduces ModelArts vector B (action, trailing slash added)", () => {
        const headers = { "content-type": "application/json", ...base, "x-project-id": project };
        const p = apigCompute(
            {
                method: "POST",
                canonicalUri: `/v1/${project}/demanager/instances/DE-7d558ef8-c73d-11ea-964c-0255ac100033/action`,
                query: [],
                headers,
                body: '{"action":"start"}',
            },
            sk,
            Object.keys(headers),
        );
        assert.match(p.canonicalRequest, /\/action\/\n/);
        assert.equal(p.signature, "92d19fcf39a49d5a64f7102533aa37f4afb738110d4fa0f67847e07970467984");
    });

    it("reproduces ModelArts vector C (temporary credentials)", () => {
        const out = apigSign(
            {
                method: "GET",
                canonicalUri: `/v1/${project}/demanager/instances/DE-7d558ef8-c73d-11ea-964c-0255ac100033`,
                query: [],
                headers: { host: base.host },
                body: "",
            },
            { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: sk, securityToken: "TEMPTOKEN123" },
            { date: base["x-sdk-date"] },
        );
        assert.match(
            out.authorization,
            /SignedHeaders=host;x-sdk-date;x-security-token, Signature=a0958b9f6bab3380abbd9a0a9d553f32af546018323cdb047e5a874b00e12f3c$/,
        );
    });
});

function lower(h: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
