/**
 * ModelArts error bodies (docs/modelarts-devenv-api.md §1.3): the old `demanager` API answers
 * `{"error_code":"ModelArts.6309","error_message":"..."}` (business errors are HTTP 400, including
 * not-found); the API gateway answers `{"error_code":"APIGW.0301","error_msg":"...","request_id":"..."}`.
 */
import { randomUUID } from "node:crypto";
import { CloudApiError, EmuResponse, json } from "../http";

export class MaApiError extends CloudApiError {
    /** Which field carries the message in a business error's body. */
    readonly messageField: "error_message" | "error_msg" = "error_message";
}

/** `ModelArts.<n>` business error, HTTP 400 unless given. */
export const maError = (n: string, message: string, status = 400) => new MaApiError(status, `ModelArts.${n}`, message);
export const maNotFound = () => maError("6309", "The instance does not exist.");

export function maRequestId(): string {
    return randomUUID().replace(/-/g, "");
}

export function maOk(body: unknown, requestId = maRequestId()): EmuResponse {
    return json(200, body, { "x-request-id": requestId });
}

export function maErrorResponse(err: MaApiError, requestId = maRequestId()): EmuResponse {
    // The gateway and the current notebook API write `error_msg`; the old API `error_message`.
    const body = err.gateway
        ? { error_code: err.code, error_msg: err.message, request_id: requestId }
        : err.messageField === "error_msg"
          ? { error_code: err.code, error_msg: err.message }
          : { error_code: err.code, error_message: err.message };
    return json(err.status, body, { "x-request-id": requestId, ...err.headers });
}

export function maThrottle(): MaApiError {
    return new MaApiError(429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute", true);
}
