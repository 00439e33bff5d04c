/**
 * What stands between an authenticated request and its handler: the rate limit and the injected
 * faults (latency, throttling, 5xx, auth errors mid-run, HTML gateway pages, cut bodies, dropped
 * connections), recorded in the request's outcome for the request log.
 */
import { EmuContext } from "./context";
import { EmuResponse } from "./http";

export type Outcome = {
    response?: EmuResponse;
    drop?: boolean;
    malformed?: boolean;
    code?: string;
    principal?: string;
    fault?: string;
    op: string;
    cloud: "dsw" | "modelarts" | "iam" | "sts" | "metadata" | "unknown";
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rate limit and injected faults, after authentication. */
export async function gate(
    ctx: EmuContext,
    op: string,
    principal: string,
    out: Outcome,
    throttle: () => Error,
    serverError: () => Error,
    authError: () => Error,
): Promise<void> {
    const delay = ctx.faults.latencyMs(op);
    if (delay > 0) {
        await sleep(delay);
    }
    if (!ctx.rateLimiter.take(principal, op, ctx.now())) {
        out.fault = "ratelimit";
        throw throttle();
    }
    const d = ctx.faults.decide(op);
    if (d.kind === "throttle") {
        out.fault = "throttle";
        throw throttle();
    }
    if (d.kind === "serverError") {
        out.fault = "serverError";
        throw serverError();
    }
    if (d.kind === "auth") {
        out.fault = "auth";
        throw authError();
    }
    if (d.kind === "html") {
        out.fault = "html";
        throw new GatewayPage();
    }
    if (d.kind === "malformed") {
        out.fault = "malformed";
        out.malformed = true;
    }
    if (d.kind === "drop") {
        out.fault = "drop";
        out.drop = true;
    }
}

/** What a broken load balancer in front of either cloud answers: an HTML page. */
export class GatewayPage extends Error {}
export const GATEWAY_PAGE: EmuResponse = {
    status: 502,
    headers: { "content-type": "text/html" },
    body: Buffer.from(
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>",
    ),
};

/** A 200 whose body was cut halfway (or replaced by a proxy's text), for `malformedRate`. */
export function malformed(r: EmuResponse): EmuResponse {
    const full = Buffer.isBuffer(r.body) ? r.body.toString("utf8") : JSON.stringify(r.body ?? {});
    return { status: 200, headers: r.headers, body: Buffer.from(full.length > 2 ? full.slice(0, Math.floor(full.length / 2)) : "OK") };
}
