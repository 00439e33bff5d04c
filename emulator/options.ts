/**
 * Emulator configuration: who may call it (the clouds' tenants), how fast instances move through
 * their statuses, and which faults it injects. Every field has a default, so
 * `startEmulator({ port: 0 })` is a working cloud pair.
 */

import { IdentityOptions, defaultIdentity } from "./identity/options";
import type { DswTenant, ModelArtsTenant } from "./tenants";

export type { DswTenant, ModelArtsTenant };

/** Durations of each transitional status, in milliseconds. */
export interface StepDurations {
    /** DSW: Creating, Queuing, ResourceAllocating, EnvPreparing, Starting. ModelArts: CREATING, STARTING. */
    provision: number;
    stop: number;
    update: number;
    delete: number;
    /**
     * How a create's `provision` time is split between its phases, as weights in phase order:
     * DSW Creating, ResourceAllocating|Queuing, EnvPreparing; ModelArts [CREATE_QUEUING +] CREATING,
     * STARTING. Neither cloud documents how long each phase lasts (unconfirmed), so the default is
     * equal shares; uneven shares (e.g. a long image pull: `[1, 3, 6]`) test how a client copes
     * with phases that differ. A list of the wrong length is refused.
     */
    dswCreateShares?: number[];
    modelartsCreateShares?: number[];
    /**
     * Per-create variation of those shares: each phase's weight is scaled by a factor drawn
     * (seeded) from [1 − j, 1 + j], the total staying `provision`. 0 (default): every create is
     * split alike. Real instances differ from one another; this keeps a client from looking right
     * only because every create lines up with its poll schedule the same way.
     */
    phaseJitter?: number;
    /**
     * Per-create variation of the whole provisioning time: each create takes `provision` scaled by
     * a factor drawn (seeded) from [1 − j, 1 + j]. 0 (default): every create takes `provision`.
     * Real creates of one flavor differ in total as well as in split (a busy pool, a cold image
     * cache); with phaseJitter alone the total is fixed and a client that learned it from one
     * create would predict every other one exactly.
     */
    provisionJitter?: number;
}

/** How long this create provisions: `provision`, scaled per create by provisionJitter. */
export function createTotal(d: StepDurations, random: () => number = Math.random): number {
    const j = d.provisionJitter ?? 0;
    return j > 0 ? Math.round(d.provision * (1 - j + 2 * j * random())) : d.provision;
}

/**
 * Start offsets of each phase when `total` is split by `shares` (equal shares when undefined),
 * each weight scaled by a factor in [1 − jitter, 1 + jitter] drawn from `random`.
 */
export function phaseOffsets(total: number, count: number, shares: readonly number[] | undefined, jitter = 0, random: () => number = Math.random): number[] {
    const weights = (shares ?? Array.from({ length: count }, () => 1)).map((w) => (jitter > 0 ? w * (1 - jitter + 2 * jitter * random()) : w));
    const sum = weights.reduce((a, b) => a + b, 0);
    const offsets: number[] = [];
    let acc = 0;
    for (const w of weights) {
        offsets.push(Math.round((acc / sum) * total));
        acc += w;
    }
    return offsets;
}

/** Refuses a shares list that does not fit its phases; the message names the option. */
export function validateShares(name: string, shares: unknown, count: number): number[] | undefined {
    if (shares === undefined) {
        return undefined;
    }
    if (!Array.isArray(shares) || shares.length !== count || !shares.every((w) => typeof w === "number" && Number.isFinite(w) && w > 0)) {
        throw new Error(`durations.${name} must be ${count} positive numbers (one weight per phase); got ${JSON.stringify(shares)}`);
    }
    return shares as number[];
}

export interface FaultOptions {
    /** Seed of the deterministic generator that decides each injected fault. */
    seed: number;
    /** Fraction of cloud API requests answered with a 5xx. */
    serverErrorRate: number;
    /** Fraction answered with the cloud's throttling response. */
    throttleRate: number;
    /** Fraction whose connection is destroyed without an answer. */
    dropRate: number;
    /** Added latency: `latencyMs + U(0, jitterMs)`. */
    latencyMs: number;
    jitterMs: number;
    /** `x-acs-retry-after` (DSW) / `Retry-After` hint sent with throttling, ms. */
    retryAfterMs: number;
    /** Fraction of accepted creates that later end Failed / CREATE_FAILED. */
    createFailRate: number;
    /** The next N accepted creates fail during provisioning (counts down). */
    failNextCreates: number;
    /** Fraction answered by a broken gateway with an HTML error page (HTTP 502, text/html). */
    htmlErrorRate: number;
    /** Fraction answered HTTP 200 with a truncated or non-JSON body (a proxy cutting the answer). */
    malformedRate: number;
    /** Fraction refused with the cloud's authentication error (a key disabled or a token revoked mid-wait). */
    authErrorRate: number;
    /** Restrict request faults and latency to these operation names (e.g. `GetInstance`); empty = all. */
    operations: string[];
}

export interface RateLimitOptions {
    /** Sustained requests per second per bucket; 0 disables the limiter. */
    requestsPerSecond: number;
    burst: number;
    /**
     * What one bucket counts. `api` (the default): one API of one account, as both clouds count
     * their quotas: "the maximum number of calls allowed for a specific OpenAPI operation"
     * (Alibaba, help.aliyun.com/en/openapi/throttling-and-quota-management), "the maximum number
     * of calls made to a single API within a specified time window" (Huawei Cloud, "Request
     * Throttling" in its API references). `account`: every API of the account shares one bucket,
     * stricter than either cloud.
     */
    per: "api" | "account";
}

export interface EmulatorOptions {
    port: number;
    host: string;
    /** Directory of the state file; undefined keeps state in memory only. */
    stateDir?: string;
    dswTenants: DswTenant[];
    modelartsTenants: ModelArtsTenant[];
    durations: StepDurations;
    /**
     * Length of one emulated second for cloud-side clocks counted in seconds or minutes
     * (ModelArts auto_stop `duration`, DSW idle-culler minutes). 1000 = real time; tests shrink it.
     * Absolute times (DSW `DueTime`) are always real time.
     */
    secondMs: number;
    /** Allowed client clock skew for signatures (both clouds: 15 minutes). */
    maxClockSkewMs: number;
    /** Request bodies larger than this are refused. */
    maxBodyBytes: number;
    /**
     * JSON bodies nested deeper than this (objects and arrays) are refused before any route sees
     * them: the clouds' request schemas nest a few levels, and a 10,000-level body would overflow
     * the stack wherever it is serialized again (answers, the state file).
     */
    maxJsonDepth: number;
    /** JSON bodies with more members than this in one object or array are refused. */
    maxJsonWidth: number;
    /** Requests with more header lines than this are refused (HTTP 431). */
    maxHeaderCount: number;
    /** A request whose headers and body have not all arrived this long after it began is refused (HTTP 408) and its connection closed. */
    receiveTimeoutMs: number;
    /**
     * Host names served besides the loopback ones (`localhost`, 127.0.0.0/8, `[::1]`, any port),
     * which are always served: a name (`emulator.internal`), a suffix (`.example.test` for its
     * subdomains) or `*` for any. Other `Host` headers are refused with HTTP 403, so a web page
     * cannot reach the emulator through DNS rebinding. The `host` it listens on is served too.
     */
    allowedHosts: string[];
    /** ModelArts: refuse DELETE of a RUNNING instance with ModelArts.6304 (docs list the code). */
    modelartsRefuseDeleteRunning: boolean;
    /** ModelArts: instance count limit per project (ModelArts.6302). */
    modelartsMaxInstances: number;
    /**
     * NotebookV2 ListNotebooks' largest `limit` (documented: one of 10, 20, 50; docs/modelarts-notebooks-api.md §1.2).
     * Only a test replaying an older client that paged wider raises it (0.3.0 listed with 100).
     */
    notebooksListMaxLimit: number;
    /** Region used in generated URLs and hosts. */
    dswRegion: string;
    modelartsRegion: string;
    faults: FaultOptions;
    rateLimit: RateLimitOptions;
    /**
     * Admin API (`/_emulator/*`) token, sent as `x-emulator-admin-token`; cloud credentials never
     * open it. Default `emulator-admin` (the demo's and tests' value); set it (`--admin-token`,
     * NOTEBOOKS_EMULATOR_ADMIN_TOKEN) when anything else can reach the port.
     */
    adminToken: string;
    /** Size of the in-memory request log ring. */
    requestLogSize: number;
    /** Status-machine tick interval (timers, idle culler, persistence). */
    tickMs: number;
    /** STS roles, OIDC providers and instance accounts (./identity/options.ts); default: one of each for the first tenants. */
    identity: IdentityOptions;
    /**
     * Also listen with TLS on this port (0: any free one), with a certificate for the host made at
     * start: Alibaba's credentials library calls STS over https only. Undefined: no TLS listener.
     */
    httpsPort?: number;
}

/** Well-known development credentials, in the spirit of Azurite's `devstoreaccount1`. */
export const DEFAULT_DSW_TENANTS: DswTenant[] = [
    {
        accessKeyId: "LTAI5tEmulatorDevKey0001",
        accessKeySecret: "EmulatorDevSecret0001forPaiDswOnly",
        userId: "1612285282502324",
        userName: "emulator-dev",
        workspaces: [
            { id: "40823", name: "training_data" },
            { id: "40824", name: "research" },
        ],
    },
    {
        accessKeyId: "LTAI5tEmulatorOtherKey02",
        accessKeySecret: "EmulatorOtherSecret0002forPaiDswOnly",
        userId: "1799000000000002",
        userName: "other-tenant",
        workspaces: [{ id: "50001", name: "other_team" }],
    },
];

export const DEFAULT_MODELARTS_TENANTS: ModelArtsTenant[] = [
    {
        accessKey: "EMULATORAK0000000001",
        secretKey: "EmulatorSecretKey0001ForModelArtsOnly",
        domainName: "emulator-domain",
        userName: "ops_dev_env",
        userId: "15dda26361214ca2a5953917d2f48ffb",
        password: "Emulator-Passw0rd",
        projects: [{ id: "0123456789abcdef0123456789abcdef", name: "cn-north-4" }],
    },
    {
        accessKey: "EMULATORAK0000000002",
        secretKey: "EmulatorSecretKey0002ForModelArtsOnly",
        domainName: "other-domain",
        userName: "other_user",
        userId: "25eea26361214ca2a5953917d2f48ffc",
        password: "Other-Passw0rd",
        projects: [{ id: "fedcba9876543210fedcba9876543210", name: "cn-north-4" }],
    },
];

/** The admin token when none is set: what the demo, the tests and the README use. */
export const DEFAULT_ADMIN_TOKEN = "emulator-admin";

export function defaultOptions(): EmulatorOptions {
    return {
        port: 4580,
        host: "127.0.0.1",
        stateDir: undefined,
        dswTenants: DEFAULT_DSW_TENANTS,
        modelartsTenants: DEFAULT_MODELARTS_TENANTS,
        durations: { provision: 3000, stop: 2000, update: 2000, delete: 2000 },
        secondMs: 1000,
        maxClockSkewMs: 15 * 60 * 1000,
        maxBodyBytes: 1024 * 1024,
        maxJsonDepth: 64,
        maxJsonWidth: 10_000,
        maxHeaderCount: 100,
        receiveTimeoutMs: 30_000,
        allowedHosts: [],
        modelartsRefuseDeleteRunning: true,
        modelartsMaxInstances: 100,
        notebooksListMaxLimit: 50,
        dswRegion: "cn-hangzhou",
        modelartsRegion: "cn-north-4",
        faults: {
            seed: 1,
            serverErrorRate: 0,
            throttleRate: 0,
            dropRate: 0,
            latencyMs: 0,
            jitterMs: 0,
            retryAfterMs: 200,
            createFailRate: 0,
            failNextCreates: 0,
            htmlErrorRate: 0,
            malformedRate: 0,
            authErrorRate: 0,
            operations: [],
        },
        rateLimit: { requestsPerSecond: 0, burst: 0, per: "api" },
        adminToken: DEFAULT_ADMIN_TOKEN,
        requestLogSize: 5000,
        tickMs: 50,
        identity: defaultIdentity(DEFAULT_DSW_TENANTS, DEFAULT_MODELARTS_TENANTS),
    };
}

export type EmulatorOptionsInput = Partial<Omit<EmulatorOptions, "durations" | "faults" | "rateLimit" | "identity">> & {
    identity?: Partial<IdentityOptions>;
    durations?: Partial<StepDurations>;
    faults?: Partial<FaultOptions>;
    rateLimit?: Partial<RateLimitOptions>;
};

/** Phases a create walks through before Running (see StepDurations' shares). */
export const DSW_CREATE_PHASES = 3;
export const MODELARTS_CREATE_PHASES = 2;

/** Checks the shares of `durations` (at start and when the admin API changes them). */
export function validateDurations(d: StepDurations): StepDurations {
    validateShares("dswCreateShares", d.dswCreateShares, DSW_CREATE_PHASES);
    validateShares("modelartsCreateShares", d.modelartsCreateShares, MODELARTS_CREATE_PHASES);
    validateJitter(d.phaseJitter);
    validateJitter(d.provisionJitter, "provisionJitter");
    return d;
}

export function validateJitter(j: unknown, name = "phaseJitter"): number | undefined {
    if (j !== undefined && !(typeof j === "number" && j >= 0 && j < 1)) {
        throw new Error(`durations.${name} must be a number in [0, 1); got ${JSON.stringify(j)}`);
    }
    return j as number | undefined;
}

export function resolveOptions(input: EmulatorOptionsInput = {}): EmulatorOptions {
    const d = defaultOptions();
    if (input.adminToken !== undefined && !/^[\x21-\x7e]{8,256}$/.test(input.adminToken)) {
        throw new Error("adminToken must be 8 to 256 visible ASCII characters (it travels in an HTTP header)");
    }
    return {
        ...d,
        ...input,
        durations: validateDurations({ ...d.durations, ...input.durations }),
        faults: { ...d.faults, ...input.faults },
        rateLimit: { ...d.rateLimit, ...input.rateLimit },
        identity: { ...defaultIdentity(input.dswTenants ?? d.dswTenants, input.modelartsTenants ?? d.modelartsTenants), ...input.identity },
    };
}
