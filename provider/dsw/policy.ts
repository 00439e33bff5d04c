/**
 * What a change to each `dsw.Instance` input costs, derived from the declaration (schema.ts).
 * Which UpdateInstance fields need a stopped instance is unconfirmed upstream (docs/dsw-api.md
 * §5.4); the working assumption, shared with the emulator: name, accessibility, priority and owner
 * are live-updatable, anything that changes the container needs the instance stopped. Labels, run
 * state, timer and culler have their own APIs. Workspace, quota and tags cannot be changed by
 * UpdateInstance: they replace.
 */
import { flattenByPolicy } from "../common/diff";
import { policyTableOf, secretInputsOf, separatelySentOf } from "../common/declare";
import { DswInstanceInputs } from "./schema";

/** Total: policyTableOf throws at load when an input declares no policy. */
export const DSW_POLICY = policyTableOf(DswInstanceInputs.shape);

/** Inputs kept encrypted in state and never echoed in an error. */
export const DSW_SECRET_INPUTS = secretInputsOf(DswInstanceInputs.shape);

/** Inputs that are provider settings or sent by their own APIs, never part of a create/update body. */
export const DSW_NOT_IN_BODY = separatelySentOf(DswInstanceInputs.shape);

/** The inputs as the diff compares them: one entry per row of the policy table. */
export const flattenDsw = (inputs: Record<string, unknown>) => flattenByPolicy(inputs, DSW_POLICY);
