/**
 * zod schemas of the current notebook API's answers (`/v1/{project_id}/notebooks`,
 * docs/modelarts-notebooks-api.md): the notebook (`NotebookResp`), the list page, the lease and
 * the tag answers. Loose objects: the service adds fields over time.
 */
import { z } from "zod";

export const LeaseWire = z.looseObject({
    enable: z.boolean().nullish(),
    /** Milliseconds of running, counted from `create_at`. */
    duration: z.number().nullish(),
    type: z.string().nullish(),
    /** When the countdown started (ms): the last start. */
    create_at: z.number().nullish(),
    update_at: z.number().nullish(),
});

const Endpoint = z.looseObject({
    service: z.string().nullish(),
    key_pair_names: z.array(z.string()).nullish(),
    allowed_access_ips: z.array(z.string()).nullish(),
    uri: z.string().nullish(),
});

export const NotebookWire = z.looseObject({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    description: z.string().nullish(),
    flavor: z.string().nullish(),
    feature: z.string().nullish(),
    image: z
        .looseObject({
            id: z.string().nullish(),
            name: z.string().nullish(),
            swr_path: z.string().nullish(),
            tag: z.string().nullish(),
            type: z.string().nullish(),
        })
        .nullish(),
    lease: LeaseWire.nullish(),
    volume: z
        .looseObject({
            category: z.string().nullish(),
            ownership: z.string().nullish(),
            capacity: z.number().nullish(),
            mount_path: z.string().nullish(),
            status: z.string().nullish(),
        })
        .nullish(),
    pool: z.looseObject({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
    workspace_id: z.string().nullish(),
    endpoints: z.array(Endpoint).nullish(),
    tags: z.array(z.looseObject({ key: z.string(), value: z.string().nullish() })).nullish(),
    fail_reason: z.string().nullish(),
    /** Notebook authentication token: a secret. */
    token: z.string().nullish(),
    url: z.string().nullish(),
    user_id: z.string().nullish(),
    /** Not in the official NotebookResp model; read by Terraform's client (chnsz/golangsdk notebook.Notebook). */
    create_at: z.number().nullish(),
    update_at: z.number().nullish(),
});
export type NotebookWire = z.infer<typeof NotebookWire>;

export const NotebookPage = z.looseObject({
    current: z.number().nullish(),
    data: z.array(NotebookWire).nullish(),
    pages: z.number().nullish(),
    size: z.number().nullish(),
    total: z.number(),
});

export const TagAnswer = z.unknown();
