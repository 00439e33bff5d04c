/**
 * DSW response bodies (docs/dsw-api.md §3). Service answers carry `RequestId`, `Success`,
 * `Code`, `Message` and `HttpStatusCode`; the API gateway's own errors (auth, throttling, unknown
 * action) carry `HostId` and `Recommend` instead. Per the reference, the service's codes are
 * `ValidationError` and `InternalError` (everything else, including a missing instance with HTTP 404).
 */
import { CloudApiError, EmuResponse, json, newRequestId } from "../http";

export class DswApiError extends CloudApiError {}

export const dswValidation = (message: string) => new DswApiError(400, "ValidationError", message);
export const dswNotFound = (id: string) => new DswApiError(404, "InternalError", `The instance ${id} does not exist.`);
export const dswForbidden = (action: string, resource: string) =>
    new DswApiError(403, "NoPermissionError", `No permission ${action} for resource: ${resource}`);

export function dswOk(body: Record<string, unknown>, requestId = newRequestId()): EmuResponse {
    return json(200, { RequestId: requestId, Success: true, Code: "", Message: "", HttpStatusCode: 200, ...body }, { "x-acs-request-id": requestId });
}

export function dswErrorResponse(err: DswApiError, host: string, requestId = newRequestId()): EmuResponse {
    const body: Record<string, unknown> = err.gateway
        ? {
              RequestId: requestId,
              HostId: host,
              Code: err.code,
              Message: err.message,
              Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=PAIDSW`,
          }
        : {
              RequestId: requestId,
              Success: false,
              Code: err.code,
              Message: err.message,
              HttpStatusCode: err.status,
          };
    return json(err.status, body, { "x-acs-request-id": requestId, ...err.headers });
}

export function dswThrottle(retryAfterMs: number): DswApiError {
    // The flow-control summary the gateway sends beside the plain hint (provider reads both; which
    // of the two headers a real throttle carries is unconfirmed, so the emulator sends each form).
    return new DswApiError(400, "Throttling", "Request was denied due to user flow control.", true, {
        "x-acs-retry-after": String(retryAfterMs),
        "x-ratelimit-user-api": `Limit:0,Remain:0,TimeLeft:${retryAfterMs},Reset:${Date.now() + retryAfterMs}`,
    });
}
