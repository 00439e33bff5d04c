/**
 * The transport of both ModelArts APIs (the older DevEnviron `demanager` API and the current
 * notebooks API): APIG SDK-HMAC-SHA256 signing with X-Project-Id, or an IAM token (X-Auth-Token)
 * fetched with a password and refreshed when the gateway says it expired; errors read from
 * `error_code` and `error_message` / `error_msg`.
 */
import { modelArtsError } from "./errors";
import { Credentials, currentCredentials, isCredentialSource } from "../common/credentials";
import { registerSecret } from "../common/redact";
import { CloudServiceError, ErrorMetadata, ResponseShapeError } from "../common/errors";
import { CloudProtocol, HttpTransport, TransportOptions, errorFields, requestIdFrom } from "../common/http";
import { StandardRetryStrategy, parseRetryAfter } from "../common/retry";
import { ApigCredentials, apigSign } from "./signer";
import { ErrorBody, TokenResponse } from "./wire";

const THROTTLING = new Set(["APIGW.0308", "ModelArts.6101"]);
const TRANSIENT = new Set(["ModelArts.6100", "ModelArts.6102", "ModelArts.6200", "APIGW.0201"]);
const NOT_FOUND = new Set(["ModelArts.6309", "ModelArts.6404"]);

/** Missing instance: HTTP 404, or 400 with ModelArts.6309 (old API) / 6404 (new API) (reference §1.4). */
export function isMaNotFound(e: unknown): boolean {
    return (
        e instanceof CloudServiceError &&
        e.cloud === "ModelArts" &&
        (NOT_FOUND.has(e.code) || (e.$metadata.httpStatusCode === 404 && !e.code.startsWith("APIGW")))
    );
}

export type MaAuth =
    | { kind: "aksk"; credentials: Credentials<ApigCredentials> }
    | { kind: "token"; iamEndpoint: string; userName: string; password: string; domainName: string };

/**
 * IAM's own answers: `{"error": {"code": 401, "message": …, "title": …}}`. Requests carry no
 * signature: the body has the password, or `headersFor` adds the call's bearer or token header.
 */
export function iamProtocol(refused: string, headersFor: (operation: string) => Record<string, string> = () => ({})): CloudProtocol {
    return {
        cloud: "ModelArts",
        classifier: { throttlingCodes: new Set(), transientCodes: new Set() },
        sign: async (req, operation) => ({ ...req.headers, ...headersFor(operation) }),
        requestId: (headers, body) => requestIdFrom(headers, body, "x-iam-trace-id", ["request_id"]),
        parseError(operation, res, meta: ErrorMetadata) {
            const { code, message } = errorFields(res.status, res.body, (raw) => {
                const e = (raw as { error?: { code?: unknown; title?: unknown; message?: unknown } }).error ?? {};
                return { code: e.title ?? (e.code === undefined ? undefined : `HTTP${String(e.code)}`), message: e.message };
            });
            return new CloudServiceError("ModelArts", operation, code, `IAM refused ${refused}: ${message}`, meta);
        },
    };
}

/**
 * Fetches and caches a project-scoped IAM token (valid 24 h; renewed an hour early or on 401),
 * through the shared transport: the same timeouts, deadline, retries on 5xx and throttling, and
 * error shape as every other call.
 */
export class IamTokenSource {
    private token?: { value: string; expiresAt: number };
    private pending?: Promise<string>;
    private readonly transport: HttpTransport;

    constructor(
        private auth: Extract<MaAuth, { kind: "token" }>,
        private projectId: string,
        transport?: Partial<TransportOptions>,
    ) {
        this.transport = new HttpTransport({
            ...transport,
            endpoint: auth.iamEndpoint,
            protocol: iamProtocol("the password credentials (check notebooks:modelartsUserName / modelartsPassword / modelartsDomainName)"),
        });
    }

    invalidate(): void {
        this.token = undefined;
    }

    async get(): Promise<string> {
        if (this.token && this.token.expiresAt - 3_600_000 > Date.now()) {
            return this.token.value;
        }
        this.pending ??= this.fetch().finally(() => (this.pending = undefined));
        return this.pending;
    }

    private async fetch(): Promise<string> {
        const res = await this.transport.exchange(
            {
                operation: "IAM CreateToken",
                method: "POST",
                path: "/v3/auth/tokens",
                body: {
                    auth: {
                        identity: {
                            methods: ["password"],
                            password: { user: { name: this.auth.userName, password: this.auth.password, domain: { name: this.auth.domainName } } },
                        },
                        scope: { project: { id: this.projectId } },
                    },
                },
                // Asking for another token is harmless.
                idempotent: true,
            },
            TokenResponse,
        );
        const value = res.headers["x-subject-token"];
        if (typeof value !== "string" || value === "") {
            throw new ResponseShapeError("ModelArts", "IAM CreateToken", `HTTP ${res.status} without an X-Subject-Token header`, res.headers["x-iam-trace-id"]);
        }
        registerSecret(value, "the IAM token");
        this.token = { value, expiresAt: Date.parse(res.body.token.expires_at) };
        return value;
    }
}

export function modelartsProtocol(auth: MaAuth, projectId: string, transport?: Partial<TransportOptions>): CloudProtocol {
    const tokens = auth.kind === "token" ? new IamTokenSource(auth, projectId, transport) : undefined;
    return {
        cloud: "ModelArts",
        classifier: { throttlingCodes: THROTTLING, transientCodes: TRANSIENT },
        async sign(req) {
            const headers = { ...req.headers, "x-project-id": projectId };
            if (tokens) {
                return { ...headers, "x-auth-token": await tokens.get() };
            }
            return apigSign(
                { method: req.method, canonicalUri: req.path, query: req.query, headers, body: req.body },
                await currentCredentials((auth as Extract<MaAuth, { kind: "aksk" }>).credentials),
            );
        },
        requestId: (headers, body) => requestIdFrom(headers, body, "x-request-id", ["request_id"]),
        parseError(operation, res, meta: ErrorMetadata) {
            const { code, message } = errorFields(res.status, res.body, (raw) => {
                const b = ErrorBody.parse(raw);
                return { code: b.error_code, message: b.error_msg ?? b.error_message };
            });
            return modelArtsError(operation, code, message, meta, parseRetryAfter(res.headers["retry-after"]));
        },
        onAuthFailure(err) {
            if (tokens && err.$metadata.httpStatusCode === 401) {
                tokens.invalidate();
                return true;
            }
            // A temporary key the gateway no longer accepts: fetch a new one once.
            if (auth.kind === "aksk" && isCredentialSource(auth.credentials) && err.$metadata.httpStatusCode === 401) {
                auth.credentials.invalidate();
                return true;
            }
            return false;
        },
    };
}

export interface MaClientOptions {
    endpoint: string;
    projectId: string;
    auth: MaAuth;
    retry?: StandardRetryStrategy;
    transport?: Partial<TransportOptions>;
}

/** The transport of either ModelArts API: its gateway's signing or IAM token, codes and retries. */
export function modelartsTransport(opts: MaClientOptions): HttpTransport {
    return new HttpTransport({
        endpoint: opts.endpoint,
        protocol: modelartsProtocol(opts.auth, opts.projectId, opts.transport),
        retry: opts.retry,
        ...opts.transport,
    });
}
