/**
 * The current notebook API's errors: `{"error_code": "ModelArts.xxxx", "error_msg": "..."}`, the
 * body Terraform's client parses (chnsz/golangsdk notebook.ModelartsError); business errors,
 * not-found included (ModelArts.6404), are HTTP 400.
 */
import { MaApiError } from "../huawei/envelope";

export class NbApiError extends MaApiError {
    override readonly messageField = "error_msg" as const;
}

export const nbError = (n: string, message: string, status = 400) => new NbApiError(status, `ModelArts.${n}`, message);
export const nbNotFound = (id: string) => nbError("6404", `Notebook ${id} not found.`);
