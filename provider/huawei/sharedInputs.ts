/**
 * Inputs both ModelArts resources declare the same way: the project (the request path), the
 * desired run state, the provider settings and adoption of an existing notebook.
 */
import { z } from "zod";
import { field, input } from "../common/declare";
import { FailedPolicy, Timeouts, credentialsProfileName } from "../common/schema";

export const projectIdInput = () =>
    input(
        z
            .string()
            .regex(/^[0-9a-f]{32}$/, "projectId must be a 32-character lowercase hex project id")
            .optional(),
        {
            policy: "replace",
            sentBy: "the request path",
            description: "IAM project. Default: notebooks:modelartsProjectId. Changing it replaces the notebook.",
        },
    );

export const runStateInput = (sentBy: string) =>
    input(z.enum(["RUNNING", "STOPPED"]).optional(), { policy: "update", sentBy, description: 'Desired run state: "RUNNING" (default) or "STOPPED".' });

/** timeouts, failedPolicy, adopt and credentialsProfile: provider settings, never sent. */
export const providerSettingInputs = (adoptTypeName: string, adoptDescription: string) => ({
    credentialsProfile: input(credentialsProfileName(), {
        policy: "ignore",
        description:
            "Credentials profile for this notebook: a section of the Huawei credentials file (~/.huaweicloud/credentials) with `ak`/`sk` or " +
            "`idp_id`/`id_token_file` and optionally `project_id`; ahead of the stack's keys, so one stack can span accounts. Changing it does not move the notebook.",
    }),
    timeouts: input(Timeouts.optional(), { policy: "ignore" }),
    failedPolicy: input(FailedPolicy.optional(), { policy: "ignore" }),
    adopt: input(
        field(
            z
                .strictObject({ instanceId: z.string().min(1).optional(), byName: z.boolean().optional() })
                .refine((a) => !!a.instanceId !== (a.byName === true), "give exactly one of adopt.instanceId or adopt.byName: true"),
            { typeName: adoptTypeName },
        ).optional(),
        { policy: "ignore", description: adoptDescription },
    ),
});
