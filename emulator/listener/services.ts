/** The emulator's parts, built once from its options: the shared context, each cloud's API, identity and admin. */
import { AdminApi } from "../admin/routes";
import { TokenIssuer } from "../auth/apig";
import { NonceCache } from "../auth/nonces";
import { EmuContext } from "../context";
import { DswBackend } from "../dsw/backend";
import { DswApi } from "../dsw/routes";
import { FaultInjector, RateLimiter } from "../faults";
import { IdentityServices } from "../identity/index";
import { MaBackend } from "../modelarts/backend";
import { ModelArtsApi } from "../modelarts/routes";
import { NbBackend } from "../modelartsV2/backend";
import { NotebooksApi } from "../modelartsV2/routes";
import { EmulatorOptions } from "../options";
import { RequestLog } from "../requestLog";
import { SeededRandom } from "../rng";
import { StateStore } from "../store";

export interface EmuServices {
    ctx: EmuContext;
    dsw: DswApi;
    /** The old DevEnviron (demanager) API. */
    ma: ModelArtsApi;
    /** The current notebooks API. */
    notebooks: NotebooksApi;
    /** Both ModelArts APIs behind one gateway. */
    maRoutes: Array<ModelArtsApi["routes"][number] | NotebooksApi["routes"][number]>;
    tokens: TokenIssuer;
    /** One nonce memory for every Alibaba signature (DSW and STS). */
    nonces: NonceCache;
    identity: IdentityServices;
    admin: AdminApi;
}

export function buildServices(options: EmulatorOptions): EmuServices {
    const ctx: EmuContext = {
        options,
        store: new StateStore(options.stateDir),
        faults: new FaultInjector(options.faults),
        rateLimiter: new RateLimiter(options.rateLimit),
        log: new RequestLog(options.requestLogSize),
        ids: new SeededRandom(options.faults.seed ^ 0x5eed),
        phases: new SeededRandom(options.faults.seed ^ 0xfa5e),
        now: () => Date.now(),
    };
    const dsw = new DswApi(ctx, new DswBackend(ctx));
    const ma = new ModelArtsApi(ctx, new MaBackend(ctx));
    const notebooks = new NotebooksApi(ctx, new NbBackend(ctx));
    const tokens = new TokenIssuer(() => ctx.options.modelartsTenants);
    const nonces = new NonceCache(options.maxClockSkewMs);
    const identity = new IdentityServices(() => ctx.options, ctx.now, nonces);
    const operations = [...new Set([...dsw.routes, ...ma.routes, ...notebooks.routes].map((r) => r.op))];
    const admin = new AdminApi(ctx, dsw.backend, ma.backend, notebooks.backend, tokens, identity, operations);
    return { ctx, dsw, ma, notebooks, maRoutes: [...ma.routes, ...notebooks.routes], tokens, nonces, identity, admin };
}
