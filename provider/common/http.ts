/**
 * The one HTTP path every cloud call takes: serialize once, sign (fresh date/nonce per try), send
 * with axios, turn non-2xx answers into the cloud's typed error, retry by policy, and parse the
 * 2xx body with its zod schema. Cloud specifics come in through `CloudProtocol`.
 *
 * Non-idempotent requests (creates) are retried only when the request certainly did not take
 * effect: throttling answers and connections refused before sending. Other failures surface to
 * the caller, which looks the resource up before trying again.
 */
import * as http from "node:http";
import * as https from "node:https";
import axios, { AxiosInstance, AxiosResponse, isAxiosError } from "axios";
import { z } from "zod";
import { percentEncode } from "./encoding";
import { currentDeadline } from "./deadline";
import { Cloud, CloudServiceError, ErrorMetadata, ResponseShapeError, TransportError } from "./errors";
import { ErrorClassifier, StandardRetryStrategy, classify } from "./retry";
import { DEFAULT_SEND_RATE, SendRates } from "./sendRate";

export interface CloudRequest {
    operation: string;
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Percent-encoded path. */
    path: string;
    query?: Array<[string, string]>;
    body?: unknown;
    /** Safe to repeat after an ambiguous failure. Default: true for GET/PUT/DELETE, false for POST. */
    idempotent?: boolean;
}

export interface PreparedRequest {
    method: string;
    path: string;
    query: Array<[string, string]>;
    /** Lower-case header names, `host` included. */
    headers: Record<string, string>;
    body: string;
}

/** What differs per cloud: how to sign, how to read an error body, which codes mean what. */
export interface CloudProtocol {
    cloud: Cloud;
    classifier: ErrorClassifier;
    /** Adds authentication headers (may be async, e.g. to fetch an IAM token). */
    sign(req: PreparedRequest, operation: string): Promise<Record<string, string>>;
    /** Builds the typed error from a non-2xx answer. */
    parseError(operation: string, res: { status: number; headers: Record<string, string>; body: string }, meta: ErrorMetadata): CloudServiceError;
    /** Request id of an answer (header, else body). */
    requestId(headers: Record<string, string>, body: string): string | undefined;
    /** Called when authentication was refused, before one more try (e.g. refresh an expired token). */
    onAuthFailure?(err: CloudServiceError): boolean;
}

export interface TransportOptions {
    endpoint: string;
    protocol: CloudProtocol;
    retry?: StandardRetryStrategy;
    timeoutMs?: number;
    sleep?: (ms: number) => Promise<void>;
    /** Pacing of throttled operations (sendRate.ts); default: on, with DEFAULT_SEND_RATE. */
    sendRates?: SendRates;
    /** Called after each try (for counters and progress). */
    onAttempt?: (info: { operation: string; attempt: number; status?: number; code?: string; delayMs?: number }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** How often a call safe to repeat is asked again after a 2xx whose body cannot be read. */
const CUT_BODY_REPEATS = 2;
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 32 }), https: new https.Agent({ keepAlive: true, maxSockets: 32 }) };

export class HttpTransport {
    private readonly axios: AxiosInstance;
    private readonly host: string;
    readonly retry: StandardRetryStrategy;
    private readonly sleep: (ms: number) => Promise<void>;
    private readonly sendRates: SendRates;
    /** Retries made by this transport (for benchmarks and closing notes). */
    retriesMade = 0;

    constructor(private readonly opts: TransportOptions) {
        const url = new URL(opts.endpoint);
        this.host = url.host;
        this.retry = opts.retry ?? new StandardRetryStrategy();
        this.sleep = opts.sleep ?? defaultSleep;
        this.sendRates = opts.sendRates ?? new SendRates({ ...DEFAULT_SEND_RATE, now: Date.now, sleep: this.sleep });
        this.axios = axios.create({
            baseURL: opts.endpoint.replace(/\/$/, ""),
            timeout: opts.timeoutMs ?? 30_000,
            maxRedirects: 0,
            responseType: "text",
            transformResponse: (d: unknown) => d,
            validateStatus: () => true,
            httpAgent: agents.http,
            httpsAgent: agents.https,
            // axios must not re-encode the already canonical query.
            paramsSerializer: { serialize: () => "" },
        });
    }

    async send<S extends z.ZodTypeAny>(req: CloudRequest, schema: S): Promise<z.infer<S>> {
        return (await this.exchange(req, schema)).body;
    }

    /** `send`, with the answer's headers too (IAM returns its token in `X-Subject-Token`). */
    async exchange<S extends z.ZodTypeAny>(req: CloudRequest, schema: S): Promise<{ body: z.infer<S>; headers: Record<string, string>; status: number }> {
        const { protocol } = this.opts;
        const idempotent = req.idempotent ?? req.method !== "POST";
        const body = req.body === undefined ? "" : JSON.stringify(req.body);
        let token = this.retry.acquireInitialRetryToken();
        let authRetried = false;
        let cutBodies = 0;
        const pace = this.sendRates.of(req.operation);
        for (;;) {
            await pace.take();
            const prepared: PreparedRequest = {
                method: req.method,
                path: req.path,
                query: req.query ?? [],
                headers: { host: this.host, accept: "application/json", ...(body ? { "content-type": "application/json; charset=utf-8" } : {}) },
                body,
            };
            const meta = (status?: number, requestId?: string): ErrorMetadata => ({
                httpStatusCode: status,
                requestId,
                attempts: token.attempt,
                totalRetryDelayMs: token.totalDelayMs,
            });
            let failure: CloudServiceError | TransportError;
            try {
                const headers = await protocol.sign(prepared, req.operation);
                const qs = prepared.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");
                const res: AxiosResponse<string> = await this.axios.request({
                    method: req.method,
                    url: qs ? `${req.path}?${qs}` : req.path,
                    headers: omitHost(headers),
                    data: body || undefined,
                });
                const resHeaders = lowerHeaders(res.headers as Record<string, unknown>);
                const requestId = protocol.requestId(resHeaders, res.data ?? "");
                if (res.status >= 200 && res.status < 300) {
                    pace.record(false);
                    this.opts.onAttempt?.({ operation: req.operation, attempt: token.attempt, status: res.status });
                    let parsed: z.infer<S>;
                    try {
                        parsed = parseBody(protocol.cloud, req.operation, res.data, schema, requestId);
                    } catch (shape) {
                        // A body cut on the way (a proxy, a dropped connection mid-answer): a call that is
                        // safe to repeat is asked again, twice at most (a gateway that cuts every answer
                        // is a cause the waits report early, poll by poll: status.ts); any other goes up,
                        // where a create looks for what it made.
                        const next = idempotent && ++cutBodies <= CUT_BODY_REPEATS ? this.retry.refreshRetryTokenForRetry(token, "TRANSIENT") : undefined;
                        if (!next) throw shape;
                        this.retriesMade++;
                        token = next.token;
                        await this.sleep(next.delayMs);
                        continue;
                    }
                    this.retry.recordSuccess(token);
                    return { body: parsed, headers: resHeaders, status: res.status };
                }
                failure = protocol.parseError(req.operation, { status: res.status, headers: resHeaders, body: res.data ?? "" }, meta(res.status, requestId));
            } catch (e) {
                // Only a failed HTTP exchange is a transport error; anything else (a bad body, a
                // signing failure) is not retried.
                if (!isAxiosError(e)) {
                    throw e;
                }
                const code = e.code ?? "ERR_NETWORK";
                // Refused connections never reached the server; anything else may have.
                const maybeDelivered = code !== "ECONNREFUSED" && code !== "ENOTFOUND" && code !== "EAI_AGAIN";
                failure = new TransportError(protocol.cloud, req.operation, code, meta(), maybeDelivered);
            }
            const type = classify(failure, protocol.classifier);
            if (failure instanceof CloudServiceError) pace.record(type === "THROTTLING");
            this.opts.onAttempt?.({
                operation: req.operation,
                attempt: token.attempt,
                status: failure instanceof CloudServiceError ? failure.$metadata.httpStatusCode : undefined,
                code: failure.code,
            });
            if (failure instanceof CloudServiceError && !authRetried && protocol.onAuthFailure?.(failure)) {
                authRetried = true;
                continue;
            }
            const safe = idempotent || type === "THROTTLING" || (failure instanceof TransportError && !failure.maybeDelivered);
            const next = safe
                ? this.retry.refreshRetryTokenForRetry(token, type, failure instanceof CloudServiceError ? failure.retryAfterMs : undefined, currentDeadline())
                : undefined;
            if (!next) {
                throw failure;
            }
            this.retriesMade++;
            token = next.token;
            await this.sleep(next.delayMs);
        }
    }
}

function omitHost(h: Record<string, string>): Record<string, string> {
    const { host: _host, ...rest } = h;
    return rest;
}

function lowerHeaders(h: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) {
        if (v !== undefined && v !== null) {
            out[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : String(v);
        }
    }
    return out;
}

function parseBody<S extends z.ZodTypeAny>(cloud: Cloud, operation: string, text: string, schema: S, requestId?: string): z.infer<S> {
    let data: unknown;
    try {
        data = text ? JSON.parse(text) : {};
    } catch {
        throw new ResponseShapeError(cloud, operation, "body is not JSON", requestId);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ResponseShapeError(cloud, operation, `${issue.path.join(".") || "(root)"}: ${issue.message}`, requestId);
    }
    return parsed.data;
}

/** A request id from a response header, else from a JSON body field. */
export function requestIdFrom(headers: Record<string, string>, body: string, header: string, bodyKeys: readonly string[]): string | undefined {
    if (headers[header]) {
        return headers[header];
    }
    try {
        const b = JSON.parse(body) as Record<string, unknown>;
        const v = bodyKeys.map((k) => b[k]).find((x) => typeof x === "string");
        return v as string | undefined;
    } catch {
        return undefined;
    }
}

/** Code and message from a JSON error body; the HTTP status stands in when the body has none. */
export function errorFields(
    status: number,
    body: string,
    pick: (b: Record<string, unknown>) => { code?: unknown; message?: unknown },
): { code: string; message: string } {
    let code = `HTTP${status}`;
    let message = "the service returned no error details";
    try {
        const f = pick(JSON.parse(body) as Record<string, unknown>);
        if (typeof f.code === "string" && f.code) code = f.code;
        if (typeof f.message === "string" && f.message) message = f.message;
    } catch {
        // Not JSON: a gateway or proxy in between answered (an HTML error page, plain text).
        const title = /<title>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
        const text = body.trim().slice(0, 120);
        message = title
            ? `a gateway answered with an HTML page ("${title}") instead of the API`
            : text
              ? `a non-JSON answer: ${JSON.stringify(text)}`
              : message;
    }
    return { code, message };
}
