/**
 * ModelArts error codes the CRUD code acts on, as classes (the shape of smithy-generated service
 * exceptions): one table, one subclass per code, and callers branch with `instanceof` instead of
 * comparing code strings. Codes from docs/modelarts-devenv-api.md §3.10 and docs/modelarts-notebooks-api.md.
 */
import { CloudServiceError, ErrorMetadata } from "../common/errors";

/** A ModelArts API error whose code the provider does not branch on. */
export class ModelArtsServiceError extends CloudServiceError {
    constructor(operation: string, code: string, message: string, meta: ErrorMetadata, retryAfterMs?: number) {
        super("ModelArts", operation, code, message, meta, retryAfterMs);
        Object.setPrototypeOf(this, new.target.prototype);
    }
}

/** 6304: the notebook must be stopped before it can be deleted. */
export class MustStopFirst extends ModelArtsServiceError {}
/** 6357: the notebook is busy with another operation. */
export class NotebookBusy extends ModelArtsServiceError {}
/** 6305/6306: start refused because it is running or already starting (a start that took effect). */
export class AlreadyStarted extends ModelArtsServiceError {}
/** 6307/6308: stop refused because it is stopped or already stopping (a stop that took effect). */
export class AlreadyStopped extends ModelArtsServiceError {}

type ErrorClass = new (operation: string, code: string, message: string, meta: ErrorMetadata, retryAfterMs?: number) => ModelArtsServiceError;

const BY_CODE: Readonly<Record<string, ErrorClass>> = {
    "ModelArts.6304": MustStopFirst,
    "ModelArts.6357": NotebookBusy,
    "ModelArts.6305": AlreadyStarted,
    "ModelArts.6306": AlreadyStarted,
    "ModelArts.6307": AlreadyStopped,
    "ModelArts.6308": AlreadyStopped,
};

export function modelArtsError(operation: string, code: string, message: string, meta: ErrorMetadata, retryAfterMs?: number): ModelArtsServiceError {
    return new (BY_CODE[code] ?? ModelArtsServiceError)(operation, code, message, meta, retryAfterMs);
}
