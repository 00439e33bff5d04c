/**
 * zod schemas of the answers both ModelArts APIs share: the gateway's error body and IAM's token
 * answer (docs/modelarts-notebooks-api.md).
 */
import { z } from "zod";

export const ErrorBody = z.looseObject({
    error_code: z.string().optional(),
    error_message: z.string().optional(),
    error_msg: z.string().optional(),
    request_id: z.string().optional(),
});

export const TokenResponse = z.looseObject({
    token: z.looseObject({ expires_at: z.string(), project: z.looseObject({ id: z.string() }).nullish() }),
});
