/**
 * `pulumi-notebooks/policy`: the cost-guard policies, to build a policy pack of your own
 * (`new PolicyPack("my-guards", { policies: notebookPolicies() })`) or to run the one shipped in
 * `node_modules/pulumi-notebooks/policy-pack` with `pulumi preview --policy-pack`.
 */
import type { Policies } from "@pulumi/policy";
import { POLICIES } from "./policies";

export { ALLOWED_TYPES, GPU_HOURS, MAX_GPU_NOTEBOOKS, NO_PUBLIC, REQUIRED_LABELS, STOP_SCHEDULE } from "./policies";
export { NotebookView, TOKENS, globMatch, gpuHoursPerDay, kindOf, notebookOf } from "./notebooks";

/** Every cost-guard policy, with its default enforcement level and configuration. */
export function notebookPolicies(): Policies {
    return [...POLICIES];
}
