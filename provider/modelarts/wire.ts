/**
 * zod schemas of the ModelArts DevEnviron (`demanager`) answers: the instance object of the get page (docs/modelarts-devenv-api.md §3.1),
 * the list, action and delete answers, IAM token answers and both error body shapes
 * (§1.3, §3 there).
 */
import { z } from "zod";

const Storage = z.looseObject({
    type: z.string(),
    location: z
        .looseObject({
            path: z.string().nullish(),
            volume_size: z.number().nullish(),
            volume_unit: z.string().nullish(),
            mount_path: z.string().nullish(),
            access_modes: z.string().nullish(),
        })
        .nullish(),
});

export const AutoStopWire = z.looseObject({
    enable: z.boolean().nullish(),
    duration: z.number().nullish(),
    prompt: z.boolean().nullish(),
    stop_timestamp: z.number().nullish(),
    remain_time: z.number().nullish(),
});

export const NotebookWire = z.looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullish(),
    status: z.string(),
    creation_timestamp: z.union([z.string(), z.number()]).nullish(),
    latest_update_timestamp: z.union([z.string(), z.number()]).nullish(),
    flavor: z.string().nullish(),
    flavor_details: z.record(z.string(), z.unknown()).nullish(),
    profile: z.looseObject({ id: z.string().nullish(), name: z.string().nullish(), flavor_type: z.string().nullish() }).nullish(),
    spec: z
        .looseObject({
            storage: Storage.nullish(),
            extend_storage: z.array(Storage).nullish(),
            auto_stop: AutoStopWire.nullish(),
            annotations: z.record(z.string(), z.string().nullish()).nullish(),
            failed_reasons: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
            credential: z.record(z.string(), z.unknown()).nullish(),
            repository: z.record(z.string(), z.unknown()).nullish(),
        })
        .nullish(),
    workspace: z.looseObject({ id: z.string().nullish() }).nullish(),
    pool: z.looseObject({ id: z.string().nullish(), type: z.string().nullish(), name: z.string().nullish() }).nullish(),
    ai_project: z.looseObject({ id: z.string().nullish() }).nullish(),
    error_code: z.string().nullish(),
    queuing_info: z.record(z.string(), z.unknown()).nullish(),
    user: z.looseObject({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
    repository: z.record(z.string(), z.unknown()).nullish(),
});
export type NotebookWire = z.infer<typeof NotebookWire>;

export const ListNotebooksResponse = z.looseObject({
    instances: z.array(NotebookWire).nullish(),
    total_count: z.number(),
});

export const ActionResponse = z.looseObject({ current_status: z.string().nullish(), previous_state: z.string().nullish() });
export const DeleteResponse = z.looseObject({ instance_id: z.string().nullish() });
