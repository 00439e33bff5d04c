/**
 * Server-side check of Alibaba Cloud's RPC signature (signature version 1.0, HMAC-SHA1), the
 * scheme STS uses: every parameter of the query and of a form body except `Signature`, sorted,
 * each name and value RFC 3986-encoded, `METHOD&%2F&<encoded canonical string>`, keyed with
 * `<secret>&`. Written from Alibaba's RPC signing document, independently of any client.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { gatewayQuery, rfc3986 } from "./canonical";
import { EmuRequest } from "../http";

/** Query and form-body parameters, last value per name. */
export function rpcParams(req: EmuRequest): Record<string, string> {
    const form = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") ? gatewayQuery(req.body.toString("utf8")) : [];
    return Object.fromEntries([...req.queryPairs, ...form]);
}

export function rpcStringToSign(method: string, params: Readonly<Record<string, string>>): string {
    const canonical = Object.keys(params)
        .filter((k) => k !== "Signature")
        .sort()
        .map((k) => `${rfc3986(k)}=${rfc3986(params[k])}`)
        .join("&");
    return `${method.toUpperCase()}&${rfc3986("/")}&${rfc3986(canonical)}`;
}

export function rpcSignatureMatches(method: string, params: Readonly<Record<string, string>>, secret: string): boolean {
    const expected = Buffer.from(createHmac("sha1", `${secret}&`).update(rpcStringToSign(method, params)).digest("base64"));
    const got = Buffer.from(params.Signature ?? "");
    return expected.length === got.length && timingSafeEqual(expected, got);
}
