/**
 * What a change to each `modelarts.NotebookV2` input costs, derived from the declaration
 * (schema.ts). Name, description and endpoints update in place (Terraform's
 * huaweicloud_modelarts_notebook does so on running notebooks); flavor, image and a larger disk
 * need the notebook stopped (stop, update, restore the run state, as Terraform does); lease, tags
 * and run state have their own APIs; storage kind, pool, workspace and feature replace.
 */
import { flattenByPolicy } from "../common/diff";
import { policyTableOf, secretInputsOf, separatelySentOf } from "../common/declare";
import { NbInputs, capacityOf } from "./schema";

export const NB_POLICY = policyTableOf(NbInputs.shape);
export const NB_SECRET_INPUTS = secretInputsOf(NbInputs.shape);
export const NB_NOT_IN_BODY = separatelySentOf(NbInputs.shape);

/**
 * The keys planDiff compares (`volume.capacity` apart from the rest of `volume`), the disk size's
 * default applied on either side: a program that stops writing `capacity: 5` asks for the same
 * disk, and a stack recorded with either spelling keeps it.
 */
export function flattenNb(inputs: Record<string, unknown>): Record<string, unknown> {
    const flat = flattenByPolicy(inputs, NB_POLICY);
    const volume = inputs.volume;
    if (flat["volume.capacity"] === undefined && volume !== null && typeof volume === "object" && !Array.isArray(volume)) {
        flat["volume.capacity"] = capacityOf(volume as Partial<NbInputs["volume"]>);
    }
    return flat;
}
