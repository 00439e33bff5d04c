/**
 * Temporary credentials the emulated identity services hand out (Alibaba STS and instance roles,
 * Huawei federation and instance metadata): each is bound to an account (the tenant whose records
 * it sees), carries a security token, and ends at the `Expiration` it was issued with. The cloud
 * APIs refuse it after that, as the real gateways do, so a client that does not refresh fails.
 */
import { randomBytes } from "node:crypto";

export interface TemporaryKey {
    cloud: "alibaba" | "huawei";
    accessKeyId: string;
    secret: string;
    securityToken: string;
    expiresAt: number;
    /** The account's own (long-term) access key: whose records the session sees. */
    accountKey: string;
    /** How it was obtained (AssumeRole, AssumeRoleWithOIDC, ecs-metadata, credentials-uri, idp, metadata). */
    source: string;
}

const token = (bytes: number) => randomBytes(bytes).toString("base64url");

export class TemporaryKeys {
    private keys = new Map<string, TemporaryKey>();
    /** Test-time compression of every session's length (seconds); undefined: as requested. */
    sessionSeconds?: number;
    /** Told of every key issued (the test suite's secret audit registers them). */
    onIssue?: (k: TemporaryKey) => void;

    issue(cloud: TemporaryKey["cloud"], accountKey: string, source: string, requestedSeconds: number, now: number): TemporaryKey {
        const seconds = this.sessionSeconds ?? requestedSeconds;
        const k: TemporaryKey = {
            cloud,
            accessKeyId: cloud === "alibaba" ? `STS.NT${token(18).replace(/[-_]/g, "x")}` : `TMPAK${randomBytes(10).toString("hex").toUpperCase()}`,
            secret: token(30),
            securityToken: token(96),
            // Whole seconds: both clouds state the expiry to the second.
            expiresAt: Math.floor(now / 1000) * 1000 + seconds * 1000,
            accountKey,
            source,
        };
        this.keys.set(k.accessKeyId, k);
        this.onIssue?.(k);
        return k;
    }

    find(accessKeyId: string | undefined): TemporaryKey | undefined {
        return accessKeyId === undefined ? undefined : this.keys.get(accessKeyId);
    }

    /** What the admin API shows: never the secret or the token. */
    list(): Array<Omit<TemporaryKey, "secret" | "securityToken">> {
        return [...this.keys.values()].map(({ secret: _s, securityToken: _t, ...rest }) => rest);
    }
}

/** `2006-01-02T15:04:05Z`, the form both clouds' STS answers use. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
