/**
 * The emulated identity services together: STS, instance metadata, Huawei federation, the ID
 * tokens they trust, and the temporary keys they issue. The cloud APIs ask `dswSigners` /
 * `modelartsSigners` which keys a request may be signed with, so a temporary key signs like a
 * static one, sees its account's records, and is refused once it has expired.
 */
import { NonceCache } from "../auth/nonces";
import { EmuRequest } from "../http";
import type { DswTenant, EmulatorOptions, ModelArtsTenant } from "../options";
import { AlibabaSts } from "./alibabaSts";
import { HuaweiFederation } from "./huaweiIam";
import { IdTokenIssuer } from "./idTokens";
import { InstanceMetadata } from "./metadata";
import { TemporaryKey, TemporaryKeys } from "./sessions";

export class SessionExpired extends Error {}

/** What the request log records instead of a key id nobody was issued. */
export const UNKNOWN_KEY = "(unknown key id)";

export class IdentityServices {
    readonly keys = new TemporaryKeys();
    readonly idTokens = new IdTokenIssuer();
    readonly sts: AlibabaSts;
    readonly metadata: InstanceMetadata;
    readonly federation: HuaweiFederation;

    constructor(
        private readonly options: () => EmulatorOptions,
        private readonly now: () => number,
        nonces: NonceCache = new NonceCache(options().maxClockSkewMs),
    ) {
        const identity = () => this.options().identity;
        this.keys.sessionSeconds = options().identity.sessionSeconds;
        this.sts = new AlibabaSts(identity, () => this.options().dswTenants, this.keys, this.idTokens, now, options().maxClockSkewMs, nonces);
        this.metadata = new InstanceMetadata(identity, this.keys, now);
        this.federation = new HuaweiFederation(identity, this.keys, this.idTokens, now);
    }

    private live(cloud: TemporaryKey["cloud"], accessKeyId: string | undefined): TemporaryKey | undefined {
        const k = this.keys.find(accessKeyId);
        if (!k || k.cloud !== cloud) return undefined;
        if (k.expiresAt <= this.now()) throw new SessionExpired();
        return k;
    }

    /**
     * The key id to record for a request that claims `accessKeyId`: the id itself when it is a
     * tenant's or an issued session's, else a placeholder. A claimed id is whatever the client put
     * in its Authorization header, which may be a secret typed into the wrong slot.
     */
    loggableDswKey(accessKeyId: string | undefined): string | undefined {
        if (accessKeyId === undefined) return undefined;
        const known = this.options().dswTenants.some((t) => t.accessKeyId === accessKeyId) || this.keys.find(accessKeyId)?.cloud === "alibaba";
        return known ? accessKeyId : UNKNOWN_KEY;
    }

    /** Keys a DSW request may be signed with, and the account tenant it then acts as. */
    dswSigners(accessKeyId: string | undefined): { signers: DswTenant[]; account: (signer: DswTenant) => DswTenant } {
        const tenants = this.options().dswTenants;
        const k = this.live("alibaba", accessKeyId);
        const base = k && tenants.find((t) => t.accessKeyId === k.accountKey);
        if (!k || !base) return { signers: tenants, account: (t) => t };
        return { signers: [{ ...base, accessKeyId: k.accessKeyId, accessKeySecret: k.secret, securityToken: k.securityToken }], account: () => base };
    }

    modelartsSigners(accessKey: string | undefined): { signers: ModelArtsTenant[]; account: (signer: ModelArtsTenant) => ModelArtsTenant } {
        const tenants = this.options().modelartsTenants;
        const k = this.live("huawei", accessKey);
        const base = k && tenants.find((t) => t.accessKey === k.accountKey);
        if (!k || !base) return { signers: tenants, account: (t) => t };
        return { signers: [{ ...base, accessKey: k.accessKeyId, secretKey: k.secret, securityToken: k.securityToken }], account: () => base };
    }

    static isSts(req: EmuRequest): boolean {
        return req.path === "/" && (req.method === "POST" || req.method === "GET");
    }
}
