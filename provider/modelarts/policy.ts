/**
 * What a change to each `modelarts.Notebook` input costs. The old DevEnviron API updates only the
 * description and auto_stop (shared/api/modelarts.md §3.5); run state goes through the action API;
 * everything else replaces the notebook. Keys are the flattened view (`spec.autoStop`).
 */
import { PolicyTable } from "../common/diff";

export const MA_POLICY: PolicyTable = {
    projectId: "replace",
    name: "replace",
    profileId: "replace",
    flavor: "replace",
    "spec.storage": "replace",
    "spec.extendStorage": "replace",
    "spec.annotations": "replace",
    workspace: "replace",
    pool: "replace",
    aiProject: "replace",
    description: "update",
    "spec.autoStop": "update",
    status: "update",
    spec: "ignore",
    timeouts: "ignore",
    failedPolicy: "ignore",
    adopt: "ignore",
};

/** Statuses `failedPolicy` applies to. */
export const MA_FAILED = new Set(["CREATE_FAILED", "START_FAILED", "UNAVAILABLE", "RESIZE_FAILED"]);
