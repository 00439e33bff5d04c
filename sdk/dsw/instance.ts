import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole module.exports must be the shim (sdk/shim.ts)
import dswProviderShim = require("../providers/dsw");
import { INSTANCE_SECRET_INPUTS, InstanceArgs } from "../generated/dswInstanceArgs";
import { InstanceOutputs, INSTANCE_OUTPUTS, INSTANCE_SECRET_OUTPUTS, INSTANCE_SECRET_ECHOES } from "../generated/dswInstanceOutputs";
import { InputsAsOutputs, OwnOutputs, resourceProps, secretInputs, echoedSecrets, withSecretOutputs } from "../props";
import { tokensOf } from "../../provider/resourceNames";
import { stopStackCapture } from "../stackCapture";

export * from "../generated/dswInstanceArgs";
export * from "../generated/dswInstanceOutputs";

/** This resource in the registry of resources (its token, module and type). */
const ENTRY = tokensOf("dsw");

/**
 * A PAI-DSW notebook instance.
 *
 * ```ts
 * const nb = new dsw.Instance("gpu", {
 *     workspaceId: "40823",
 *     instanceName: "team_gpu_nb",
 *     ecsSpec: "ecs.gn7i-c8g1.2xlarge",
 *     imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/pytorch:2.1-gpu",
 *     shutdownTimer: { remainingTime: "8h" },
 *     idleCuller: { cpuPercentThreshold: 10, gpuPercentThreshold: 5, maxIdleTimeInMinutes: 60 },
 * });
 * export const url = nb.jupyterlabUrl;
 * ```
 *
 * ## Import
 * `pulumi import` does not work for dynamic resources; set `adopt: { instanceId: "dsw-…" }` (or
 * `adopt: { byName: true }`) to take over an existing instance on the next `pulumi up`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- merged with the interface below, which only adds the inputs' output types
export class Instance extends pulumi.dynamic.Resource {
    constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
        // Registration reads ~150 stack traces nobody sees; see ../stackCapture.ts.
        const restoreStackCapture = stopStackCapture();
        try {
            const props = resourceProps(
                name,
                ENTRY.token,
                // Declared-secret inputs (credentials, environment variables carrying tokens) stay encrypted in state.
                secretInputs(args, INSTANCE_SECRET_INPUTS),
                INSTANCE_OUTPUTS,
                opts,
            );
            super(
                dswProviderShim,
                name,
                props,
                withSecretOutputs(opts, [...new Set([...INSTANCE_SECRET_OUTPUTS, ...echoedSecrets(args, INSTANCE_SECRET_ECHOES), ...INSTANCE_SECRET_INPUTS])]),
                ENTRY.module,
                ENTRY.type,
            );
        } finally {
            restoreStackCapture();
        }
    }
}

/** The declared outputs, and every input not among them as an output too (README: every input is an output). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- adds types only (the engine fills these properties from state); its members come from the supertype
export interface Instance extends InstanceOutputs, InputsAsOutputs<InstanceArgs, OwnOutputs<InstanceArgs, keyof InstanceOutputs & string>> {}
