/**
 * What a change to each `modelarts.Notebook` input costs, derived from the declaration (schema.ts).
 * The old DevEnviron API updates only the description and auto_stop (docs/modelarts-devenv-api.md
 * §3.5); run state goes through the action API; everything else replaces the notebook. Keys are
 * the flattened view (`spec.autoStop`).
 */
import { flattenByPolicy } from "../common/diff";
import { policyTableOf, separatelySentOf } from "../common/declare";
import { MaNotebookInputs } from "./schema";

/** Total: policyTableOf throws at load when an input declares no policy. */
export const MA_POLICY = policyTableOf(MaNotebookInputs.shape);

/** Inputs that are provider settings or travel outside the create body (the path, the action API). */
export const MA_NOT_IN_BODY = separatelySentOf(MaNotebookInputs.shape);

/** The keys planDiff compares (`spec.autoStop` apart from the rest of `spec`). */
export const flattenMa = (inputs: Record<string, unknown>) => flattenByPolicy(inputs, MA_POLICY);

/** Statuses `failedPolicy` applies to. */
export const MA_FAILED = new Set(["CREATE_FAILED", "START_FAILED", "UNAVAILABLE", "RESIZE_FAILED"]);
