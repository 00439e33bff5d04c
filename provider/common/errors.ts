/**
 * Error types shared by both clouds. A cloud error names the operation, the cloud's code and
 * message, the HTTP status and the request id, and never holds request headers, signatures or
 * bodies (so printing one can't leak a credential). What the cloud wrote (its message, a body
 * excerpt) is passed through `redact` (redact.ts) before it becomes part of an error, since a
 * gateway echoes what it was sent, including a secret sent in the wrong field.
 */
import { redact } from "./redact";

export interface ErrorMetadata {
    httpStatusCode?: number;
    requestId?: string;
    /** Tries made, the first included. */
    attempts: number;
    totalRetryDelayMs: number;
}

export type Cloud = "DSW" | "ModelArts";

/** An error answer from a cloud API (any non-2xx with the cloud's error body). */
export class CloudServiceError extends Error {
    override readonly name: string = "CloudServiceError";
    readonly $fault: "client" | "server";
    /** The cloud's message, without any secret value the provider knows. */
    readonly serviceMessage: string;

    constructor(
        readonly cloud: Cloud,
        readonly operation: string,
        readonly code: string,
        serviceMessage: string,
        readonly $metadata: ErrorMetadata,
        /** Server's retry hint (Alibaba `x-acs-retry-after`, HTTP `Retry-After`), ms. */
        readonly retryAfterMs?: number,
    ) {
        super(
            `${cloud} ${operation} failed: ${redact(code)}: ${redact(serviceMessage)} (HTTP ${$metadata.httpStatusCode ?? "?"}, RequestId ${$metadata.requestId ?? "unknown"}${$metadata.attempts > 1 ? `, after ${$metadata.attempts} attempts` : ""})`,
        );
        this.serviceMessage = redact(serviceMessage);
        this.$fault = ($metadata.httpStatusCode ?? 500) >= 500 ? "server" : "client";
        Object.setPrototypeOf(this, CloudServiceError.prototype);
    }
}

/** The request never got an HTTP answer (connection refused/reset, timeout). */
export class TransportError extends Error {
    override readonly name = "TransportError";

    constructor(
        readonly cloud: Cloud,
        readonly operation: string,
        /** Node/axios error code such as ECONNRESET. */
        readonly code: string,
        readonly $metadata: ErrorMetadata,
        /** True when the request may have reached the server (matters for non-idempotent calls). */
        readonly maybeDelivered: boolean,
    ) {
        super(`${cloud} ${operation} failed: connection error ${code}${$metadata.attempts > 1 ? ` after ${$metadata.attempts} attempts` : ""}`);
        Object.setPrototypeOf(this, TransportError.prototype);
    }
}

/** A 2xx answer whose body does not have the documented shape. */
export class ResponseShapeError extends Error {
    override readonly name = "ResponseShapeError";

    constructor(
        readonly cloud: Cloud,
        readonly operation: string,
        detail: string,
        readonly requestId?: string,
    ) {
        super(`${cloud} ${operation} returned an unexpected response (${redact(detail)}; RequestId ${requestId ?? "unknown"})`);
        Object.setPrototypeOf(this, ResponseShapeError.prototype);
    }
}

/** Thrown by `create`/`update` once the cloud accepted the change but the wait failed. The
 * dynamic-provider host turns `id`, `properties` and `reasons` into a partially created resource,
 * so Pulumi keeps tracking the instance (pulumi/pulumi sdk/nodejs/cmd/dynamic-provider/index.ts,
 * `grpcResponseFromError`). */
export class ResourceInitError extends Error {
    override readonly name = "ResourceInitError";
    readonly reasons: string[];

    constructor(
        message: string,
        readonly id: string,
        readonly properties: Record<string, unknown>,
        reasons: string[],
    ) {
        super(redact(message));
        this.reasons = reasons.map(redact);
        Object.setPrototypeOf(this, ResourceInitError.prototype);
    }
}

/** Inputs that fail validation at check time. */
export class InputValidationError extends Error {
    override readonly name = "InputValidationError";

    readonly failures: Array<{ property: string; reason: string }>;

    constructor(failures: Array<{ property: string; reason: string }>) {
        const clean = failures.map((f) => ({ property: f.property, reason: redact(f.reason) }));
        // Most reasons name their property already ("limit must be at most 50"): once is enough in the line a person reads.
        super(clean.map((f) => (f.property === "" || f.reason.startsWith(`${f.property} `) ? f.reason : `${f.property}: ${f.reason}`)).join("; "));
        this.failures = clean;
        Object.setPrototypeOf(this, InputValidationError.prototype);
    }
}

/** An error's message for a line the provider prints, without any secret value it knows. */
export function errorMessage(e: unknown): string {
    return redact(e instanceof Error ? e.message : String(e));
}

/**
 * Whether a failed write may still have taken effect at the cloud: the answer was lost, the server
 * failed mid-request, or it answered 2xx with a body we cannot read (the write was accepted; only
 * its answer, the new id, is missing). Such a create is checked for before it is tried again.
 */
export function mayHaveTakenEffect(e: unknown): boolean {
    return (e instanceof TransportError && e.maybeDelivered) || (e instanceof CloudServiceError && e.$fault === "server") || e instanceof ResponseShapeError;
}
