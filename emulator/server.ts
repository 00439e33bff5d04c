/**
 * One loopback HTTP server for both clouds. Dispatch by path prefix:
 *   /api/v2/...           PAI-DSW 2022-01-01 (ACS3 signature, x-acs-action must match the route)
 *   /v1/{project}/demanager/...  ModelArts DevEnviron (APIG signature or IAM token)
 *   /v3/auth/tokens       IAM password → token
 *   /_emulator/...        admin API (admin token only)
 * Cloud requests pass: body size limit → authentication → rate limit → injected faults → handler.
 * Injected 5xx and throttling answer *before* the handler runs; a dropped connection happens
 * *after* it ran (the caller loses the answer to a request that took effect), which is the case a
 * client must survive without creating twice.
 */
import { timingSafeEqual } from "node:crypto";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import { AdminApi } from "./admin/routes";
import * as https from "node:https";
import { acs3AccessKeyId, verifyAcs3 } from "./auth/acs3";
import { NonceCache } from "./auth/nonces";
import { MaPrincipal, TokenIssuer, apigAccessKey, authenticateModelArts } from "./auth/apig";
import { EmuContext } from "./context";
import { DswApiError, dswErrorResponse, dswThrottle } from "./dsw/envelope";
import { DswBackend } from "./dsw/backend";
import { DSW_API_VERSION, DswApi } from "./dsw/routes";
import { FaultInjector, RateLimiter } from "./faults";
import { GATEWAY_PAGE, GatewayPage, Outcome, gate, malformed } from "./gate";
import { EmuRequest, EmuResponse, buildRequest, json, matchRoute } from "./http";
import { MaApiError, maErrorResponse, maThrottle } from "./huawei/envelope";
import { MaBackend } from "./modelarts/backend";
import { NbBackend } from "./modelartsV2/backend";
import { NotebooksApi } from "./modelartsV2/routes";
import { ModelArtsApi } from "./modelarts/routes";
import { HuaweiFederation } from "./identity/huaweiIam";
import { IdentityServices, SessionExpired } from "./identity/index";
import { InstanceMetadata } from "./identity/metadata";
import { AlibabaSts, StsError, stsErrorResponse } from "./identity/alibabaSts";
import { loopbackCertificate } from "./identity/tls";
import { blockedHostMessage, hostAllowed, jsonShapeProblem } from "./limits";
import { EmulatorOptions, EmulatorOptionsInput, resolveOptions } from "./options";
import { RequestLog } from "./requestLog";
import { SeededRandom } from "./rng";
import { StateStore } from "./store";
import { entryOf, internalError, refusal, report, send } from "./answers";

export interface RunningEmulator {
    url: string;
    port: number;
    /** With `httpsPort`: the TLS listener's URL and the PEM certificate a client must trust (NODE_EXTRA_CA_CERTS). */
    httpsUrl?: string;
    caCert?: string;
    identity: IdentityServices;
    options: EmulatorOptions;
    context: EmuContext;
    close(): Promise<void>;
}

/** Ids a list answer returned (DSW `Instances[].InstanceId`, ModelArts `instances[].id`), for per-instance accounting. */
function listedIds(body: unknown): string[] | undefined {
    if (typeof body !== "object" || body === null || Buffer.isBuffer(body)) return undefined;
    const b = body as { Instances?: Array<{ InstanceId?: unknown }>; instances?: Array<{ id?: unknown }> };
    const ids = Array.isArray(b.Instances) ? b.Instances.map((i) => i.InstanceId) : Array.isArray(b.instances) ? b.instances.map((i) => i.id) : undefined;
    return ids?.filter((x): x is string => typeof x === "string");
}

/** Node's own limits, set from the emulator's: headers must arrive within the receive time, checked every second. */
function serverOptions(o: EmulatorOptions): http.ServerOptions {
    return {
        headersTimeout: o.receiveTimeoutMs,
        // The emulator's own timer answers a slow body in the cloud's shape; Node's is the backstop.
        requestTimeout: o.receiveTimeoutMs * 2,
        connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(o.receiveTimeoutMs / 4))),
    };
}

function sameToken(given: string | undefined, expected: string): boolean {
    const a = Buffer.from(given ?? "");
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
}

export async function startEmulator(input: EmulatorOptionsInput = {}): Promise<RunningEmulator> {
    const options = resolveOptions(input);
    const store = new StateStore(options.stateDir);
    const ctx: EmuContext = {
        options,
        store,
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
    // Both ModelArts APIs behind one gateway: the old DevEnviron (demanager) and the current notebooks API.
    const maRoutes = [...ma.routes, ...notebooks.routes];
    const tokens = new TokenIssuer(() => ctx.options.modelartsTenants);
    // One nonce memory for every Alibaba signature (DSW and STS).
    const nonces = new NonceCache(options.maxClockSkewMs);
    const identity = new IdentityServices(() => ctx.options, ctx.now, nonces);
    const admin = new AdminApi(ctx, dsw.backend, ma.backend, notebooks.backend, tokens, identity);

    async function handleDsw(req: EmuRequest, out: Outcome): Promise<EmuResponse> {
        out.cloud = "dsw";
        const m = matchRoute(dsw.routes, req.method, req.path);
        if (!("route" in m)) {
            out.op = "unknown";
            throw new DswApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.", true);
        }
        const r = dsw.routes.find((x) => x === m.route) as (typeof dsw.routes)[number];
        out.op = r.op;
        const claimed = acs3AccessKeyId(req);
        out.principal = identity.loggableDswKey(claimed);
        let signers: ReturnType<IdentityServices["dswSigners"]>;
        try {
            signers = identity.dswSigners(claimed);
        } catch (e) {
            if (e instanceof SessionExpired) throw new DswApiError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", true);
            throw e;
        }
        const tenant = signers.account(verifyAcs3(req, signers.signers, nonces, ctx.now(), options.maxClockSkewMs));
        if (req.headers["x-acs-action"] !== r.op || req.headers["x-acs-version"] !== DSW_API_VERSION) {
            throw new DswApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.", true);
        }
        await gate(
            ctx,
            r.op,
            tenant.accessKeyId,
            out,
            () => dswThrottle(ctx.faults.options.retryAfterMs),
            () => new DswApiError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.", true),
            () => new DswApiError(403, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.", true),
        );
        return r.dsw(req, m.params, tenant);
    }

    async function handleModelArts(req: EmuRequest, out: Outcome): Promise<EmuResponse> {
        out.cloud = "modelarts";
        const m = matchRoute(maRoutes, req.method, req.path);
        if (!("route" in m)) {
            out.op = "unknown";
            throw new MaApiError(404, "APIGW.0101", "The API does not exist or has not been published in the environment", true);
        }
        const r = maRoutes.find((x) => x === m.route) as (typeof maRoutes)[number];
        out.op = r.op;
        let signers: ReturnType<IdentityServices["modelartsSigners"]>;
        try {
            signers = identity.modelartsSigners(apigAccessKey(req));
        } catch (e) {
            // Unconfirmed: the code APIG answers for an expired temporary AK/SK (the authentication code family is APIGW.03xx).
            if (e instanceof SessionExpired)
                throw new MaApiError(401, "APIGW.0301", "Incorrect IAM authentication information: the security token has expired", true);
            throw e;
        }
        const signed = authenticateModelArts(req, signers.signers, tokens, ctx.now(), options.maxClockSkewMs);
        const principal: MaPrincipal = { ...signed, tenant: signers.account(signed.tenant) };
        out.principal = apigAccessKey(req) ?? principal.tenant.accessKey;
        ma.checkProject(req, m.params.project_id, principal);
        await gate(
            ctx,
            r.op,
            principal.tenant.accessKey,
            out,
            maThrottle,
            () => new MaApiError(500, "ModelArts.6102", "Internal server error (emulated fault)."),
            () => new MaApiError(401, "APIGW.0301", "Incorrect IAM authentication information: ak or token has been revoked", true),
        );
        return r.ma(req, m.params, principal);
    }

    async function dispatch(req: EmuRequest, out: Outcome): Promise<EmuResponse> {
        const p = req.path;
        if (p.startsWith("/api/")) {
            try {
                return await handleDsw(req, out);
            } catch (e) {
                if (e instanceof DswApiError) {
                    out.code = e.code;
                    return dswErrorResponse(e, req.headers["host"] ?? "");
                }
                throw e;
            }
        }
        if (p.startsWith("/v1/")) {
            try {
                return await handleModelArts(req, out);
            } catch (e) {
                if (e instanceof MaApiError) {
                    out.code = e.code;
                    return maErrorResponse(e);
                }
                throw e;
            }
        }
        if (IdentityServices.isSts(req)) {
            out.cloud = "sts";
            out.op = AlibabaSts.action(req);
            try {
                const r = identity.sts.handle(req);
                out.principal = (r.body as { Credentials?: { AccessKeyId?: string } }).Credentials?.AccessKeyId;
                return r;
            } catch (e) {
                if (e instanceof StsError) {
                    out.code = e.code;
                    return stsErrorResponse(e);
                }
                throw e;
            }
        }
        if (InstanceMetadata.handles(p) || HuaweiFederation.handles(p)) {
            out.cloud = InstanceMetadata.handles(p) ? "metadata" : "iam";
            const r = InstanceMetadata.handles(p) ? identity.metadata.handle(req) : identity.federation.handle(req);
            out.op = r.op;
            out.principal = r.principal;
            return r.response;
        }
        if (p === "/v3/auth/tokens" && req.method === "POST") {
            out.cloud = "iam";
            out.op = "CreateToken";
            return tokens.issue(req, ctx.now());
        }
        out.op = "unknown";
        return json(404, { Code: "InvalidAction.NotFound", Message: "Specified api is not found, please check your url and method." });
    }

    const onRequest = (msg: http.IncomingMessage, res: http.ServerResponse): void => {
        const started = Date.now();
        const url = msg.url ?? "/";
        const method = msg.method ?? "GET";
        const entry = entryOf(method, url.split("?", 1)[0]);
        const host = typeof msg.headers.host === "string" ? msg.headers.host : "";
        let settled = false;
        // Set once the request is past the Host and header checks; `refuse` may run before that.
        const timer: { receiving?: NodeJS.Timeout } = {};
        /** Refuses at the entry and closes the connection once the answer is out (the rest of the request is not read). */
        const refuse = (status: number, message: string, r: EmuResponse = refusal(entry, status, message, host)) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer.receiving);
            res.once("finish", () => msg.socket?.destroy());
            send(res, { ...r, headers: { ...r.headers, connection: "close" } }, entry);
        };
        // The Host first: a page that reached the port by DNS rebinding learns nothing else.
        if (!hostAllowed(msg.headers.host, options.allowedHosts, options.host)) {
            refuse(403, "", { status: 403, headers: { "content-type": "text/plain;charset=utf-8" }, body: Buffer.from(blockedHostMessage(msg.headers.host)) });
            return;
        }
        if (msg.rawHeaders.length / 2 > options.maxHeaderCount) {
            refuse(431, `The request has more than ${options.maxHeaderCount} header lines.`);
            return;
        }
        const receiving = setTimeout(() => refuse(408, `The request was not received within ${options.receiveTimeoutMs} ms.`), options.receiveTimeoutMs);
        receiving.unref();
        timer.receiving = receiving;
        msg.on("error", () => clearTimeout(receiving));
        const chunks: Buffer[] = [];
        let size = 0;
        msg.on("data", (c: Buffer) => {
            if (settled) return;
            size += c.length;
            if (size > options.maxBodyBytes) {
                refuse(413, `The request body exceeds ${options.maxBodyBytes} bytes.`);
                return;
            }
            chunks.push(c);
        });
        msg.on("end", () => {
            if (settled) return;
            settled = true;
            clearTimeout(receiving);
            try {
                const body = Buffer.concat(chunks);
                const shape = jsonShapeProblem(body, options.maxJsonDepth, options.maxJsonWidth);
                if (shape !== undefined) {
                    send(res, refusal(entry, 400, `The request body is refused: ${shape}.`, host), entry);
                    return;
                }
                const req = buildRequest(method, url, msg.headers, body);
                if (entry === "admin") {
                    handleAdmin(req, res);
                    return;
                }
                answerCloud(req, res, started);
            } catch (e) {
                report(`internal error on ${method} ${url.split("?", 1)[0]}`, e);
                send(res, internalError(entry), entry);
            }
        });
    };

    function answerCloud(req: EmuRequest, res: http.ServerResponse, started: number): void {
        const out: Outcome = { op: "unknown", cloud: "unknown" };
        const entry = entryOf(req.method, req.path);
        dispatch(req, out)
            .catch((e: unknown): EmuResponse => {
                if (e instanceof GatewayPage) {
                    out.code = "HTML 502";
                    return GATEWAY_PAGE;
                }
                // Never crash on a request: an unexpected error is the cloud's InternalError.
                out.code = "InternalError";
                report(`internal error on ${req.method} ${req.path}`, e);
                return out.cloud === "modelarts" ? internalError("huawei") : internalError("dsw");
            })
            .then((r) => {
                try {
                    ctx.log.record({
                        at: started,
                        cloud: out.cloud,
                        op: `${out.cloud}:${out.op}`,
                        method: req.method,
                        path: req.path,
                        status: out.drop ? 0 : r.status,
                        code: out.code,
                        principal: out.principal,
                        fault: out.fault,
                        durationMs: Date.now() - started,
                        listed: listedIds(r.body),
                        queryNames: req.queryPairs.length > 0 ? [...new Set(req.queryPairs.map(([k]) => k))] : undefined,
                    });
                } catch (e) {
                    report("the request log could not record a request", e);
                }
                if (out.drop) {
                    res.socket?.destroy();
                    return;
                }
                send(res, out.malformed && r.status < 300 ? malformed(r) : r, entry);
            })
            .catch((e: unknown) => {
                report(`answering ${req.method} ${req.path} failed`, e);
                send(res, internalError(entry), entry);
            });
    }

    const server = http.createServer(serverOptions(options), onRequest);
    server.maxHeadersCount = options.maxHeaderCount + 1;

    function handleAdmin(req: EmuRequest, res: http.ServerResponse): void {
        if (!sameToken(req.headers["x-emulator-admin-token"], options.adminToken)) {
            send(res, json(401, { error: "admin API: missing or wrong x-emulator-admin-token" }), "admin");
            return;
        }
        const m = matchRoute(admin.routes, req.method, req.path);
        if (!("route" in m)) {
            send(res, json(404, { error: `no admin route ${req.method} ${req.path}` }), "admin");
            return;
        }
        Promise.resolve()
            .then(() => admin.handle(req, m.route, m.params))
            .catch((e: unknown) => json(500, { error: (e as Error)?.message ?? String(e) }))
            .then((r) => send(res, r, "admin"))
            .catch((e: unknown) => report(`admin ${req.method} ${req.path} failed`, e));
    }

    let lastTickError: string | undefined;
    const tick = setInterval(() => {
        try {
            dsw.advanceAll();
            ma.advanceAll();
            notebooks.advanceAll();
            nonces.prune(ctx.now());
        } catch (e) {
            report("tick failed", e);
        }
        // Saved apart from the advance, so one failing never stops the other; a failed save is
        // reported once per distinct error (not every tick) and tried again at the next tick.
        try {
            store.flush();
            if (lastTickError !== undefined) process.stderr.write(`[emulator] state saved again after: ${lastTickError}\n`);
            lastTickError = undefined;
        } catch (e) {
            const message = (e as Error).message;
            if (message !== lastTickError) process.stderr.write(`[emulator] ${message}\n`);
            lastTickError = message;
        }
    }, options.tickMs);
    tick.unref();

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => resolve());
    });
    server.keepAliveTimeout = 30_000;
    const port = (server.address() as AddressInfo).port;
    let tls: { server: https.Server; url: string; cert: string } | undefined;
    if (options.httpsPort !== undefined) {
        const { key, cert } = await loopbackCertificate(options.host);
        const secure = https.createServer({ key, cert, ...serverOptions(options) }, onRequest);
        secure.maxHeadersCount = options.maxHeaderCount + 1;
        await new Promise<void>((resolve, reject) => {
            secure.once("error", reject);
            secure.listen(options.httpsPort, options.host, () => resolve());
        });
        tls = { server: secure, url: `https://${options.host}:${(secure.address() as AddressInfo).port}`, cert };
    }
    return {
        url: `http://${options.host}:${port}`,
        port,
        httpsUrl: tls?.url,
        caCert: tls?.cert,
        identity,
        options,
        context: ctx,
        close: async () => {
            clearInterval(tick);
            try {
                store.flush();
            } catch (e) {
                process.stderr.write(`[emulator] ${(e as Error).message}\n`);
            }
            for (const s of tls ? [server, tls.server] : [server]) {
                await new Promise<void>((resolve) => {
                    s.close(() => resolve());
                    s.closeAllConnections();
                });
            }
        },
    };
}
