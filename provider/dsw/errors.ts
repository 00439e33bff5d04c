/**
 * DSW error codes the CRUD code acts on, as classes (see provider/huawei/errors.ts). DSW answers
 * most refusals with the one code `ValidationError` (docs/dsw-api.md §3.2): a request the
 * instance's current status does not allow, among others.
 */
import { CloudServiceError, ErrorMetadata } from "../common/errors";

export class DswServiceError extends CloudServiceError {
    constructor(operation: string, code: string, message: string, meta: ErrorMetadata, retryAfterMs?: number) {
        super("DSW", operation, code, message, meta, retryAfterMs);
        Object.setPrototypeOf(this, new.target.prototype);
    }
}

/** `ValidationError`: refused as invalid, often because of the instance's current status. */
export class DswValidationError extends DswServiceError {}

export function dswError(operation: string, code: string, message: string, meta: ErrorMetadata, retryAfterMs?: number): DswServiceError {
    return code === "ValidationError"
        ? new DswValidationError(operation, code, message, meta, retryAfterMs)
        : new DswServiceError(operation, code, message, meta, retryAfterMs);
}
