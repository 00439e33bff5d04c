/**
 * A cloud request to its answer: by path prefix to DSW, ModelArts, STS, instance metadata or IAM;
 * each cloud's request is routed, authenticated and gated (rate limit, injected faults) before its
 * handler runs, and a refusal is answered in that cloud's error shape.
 */
import { acs3AccessKeyId, verifyAcs3 } from "../auth/acs3";
import { MaPrincipal, apigAccessKey, authenticateModelArts } from "../auth/apig";
import { DswApiError, dswErrorResponse, dswThrottle } from "../dsw/envelope";
import { DSW_API_VERSION } from "../dsw/routes";
import { Outcome, gate } from "../gate";
import { EmuRequest, EmuResponse, json, matchRoute } from "../http";
import { MaApiError, maErrorResponse, maThrottle } from "../huawei/envelope";
import { AlibabaSts, StsError, stsErrorResponse } from "../identity/alibabaSts";
import { HuaweiFederation } from "../identity/huaweiIam";
import { IdentityServices, SessionExpired } from "../identity/index";
import { InstanceMetadata } from "../identity/metadata";
import { EmuServices } from "./services";

async function handleDsw(s: EmuServices, req: EmuRequest, out: Outcome): Promise<EmuResponse> {
    const { ctx, dsw, identity } = s;
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
    const tenant = signers.account(verifyAcs3(req, signers.signers, s.nonces, ctx.now(), ctx.options.maxClockSkewMs));
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

async function handleModelArts(s: EmuServices, req: EmuRequest, out: Outcome): Promise<EmuResponse> {
    const { ctx, maRoutes, identity } = s;
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
    const signed = authenticateModelArts(req, signers.signers, s.tokens, ctx.now(), ctx.options.maxClockSkewMs);
    const principal: MaPrincipal = { ...signed, tenant: signers.account(signed.tenant) };
    out.principal = apigAccessKey(req) ?? principal.tenant.accessKey;
    s.ma.checkProject(req, m.params.project_id, principal);
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

/** The answer to a cloud request; `out` collects what the request log records of it. */
export async function dispatch(s: EmuServices, req: EmuRequest, out: Outcome): Promise<EmuResponse> {
    const p = req.path;
    if (p.startsWith("/api/")) {
        try {
            return await handleDsw(s, req, out);
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
            return await handleModelArts(s, req, out);
        } catch (e) {
            if (e instanceof MaApiError) {
                out.code = e.code;
                return maErrorResponse(e);
            }
            throw e;
        }
    }
    const { identity } = s;
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
        return s.tokens.issue(req, s.ctx.now());
    }
    out.op = "unknown";
    return json(404, { Code: "InvalidAction.NotFound", Message: "Specified api is not found, please check your url and method." });
}
