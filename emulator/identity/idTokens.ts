/**
 * OIDC ID tokens of the emulator's own identity provider (the CI system a pipeline runs in):
 * JWTs signed with HS256 by a key only the emulator knows. Alibaba STS (AssumeRoleWithOIDC) and
 * Huawei IAM (OIDC federation) accept a token when its signature, issuer, audience and expiry
 * hold, as the real services do against the IdP's published keys.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const OIDC_ISSUER = "https://oidc.emulator.invalid";

export interface IdTokenClaims {
    iss: string;
    sub: string;
    aud: string;
    iat: number;
    exp: number;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64url");

export class IdTokenIssuer {
    private readonly key = randomBytes(32);

    issue(subject: string, audience: string, ttlSeconds: number, now: number): string {
        const iat = Math.floor(now / 1000);
        const head = b64(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "emulator" }));
        const body = b64(JSON.stringify({ iss: OIDC_ISSUER, sub: subject, aud: audience, iat, exp: iat + ttlSeconds } satisfies IdTokenClaims));
        return `${head}.${body}.${this.sign(`${head}.${body}`)}`;
    }

    /** The claims of a valid token, or why it is not. */
    verify(jwt: string, audience: string, now: number): IdTokenClaims | "invalid" | "expired" {
        const parts = jwt.trim().split(".");
        if (parts.length !== 3) return "invalid";
        const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
        const got = Buffer.from(parts[2]);
        if (expected.length !== got.length || !timingSafeEqual(expected, got)) return "invalid";
        let claims: IdTokenClaims;
        try {
            claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as IdTokenClaims;
        } catch {
            return "invalid";
        }
        if (claims.iss !== OIDC_ISSUER || claims.aud !== audience) return "invalid";
        return claims.exp * 1000 <= now ? "expired" : claims;
    }

    private sign(data: string): string {
        return createHmac("sha256", this.key).update(data).digest("base64url");
    }
}
