import * as pulumi from "@pulumi/pulumi";
import { DswClient } from "../../provider/dsw/client";
import type { EcsSpec, GetEcsSpecsResult } from "../../provider/dsw/ecsSpecResult";
import { getEcsSpecs as listEcsSpecs } from "../../provider/dsw/lookupEcsSpecs";
import { resolveDswSettings } from "../../provider/dsw/settings";
import { lookupSettings, programConfig } from "../config";
import type { GetEcsSpecsArgs } from "../generated/lookupArgs";

export { EcsSpec, GetEcsSpecsArgs, GetEcsSpecsResult };

/**
 * DSW's instance types (ListEcsSpecs): CPU, memory, GPU type and count, price and stock of each,
 * so a program picks its `ecsSpec` by what it needs instead of pasting a type.
 *
 * ```ts
 * const { ecsSpecs } = await dsw.getEcsSpecs({ acceleratorType: "GPU", sortBy: "Memory", order: "asc" });
 * const ecsSpec = ecsSpecs.find((s) => s.isAvailable && s.gpuMemorySize >= 24)!.instanceType;
 * ```
 */
export async function getEcsSpecs(args: GetEcsSpecsArgs): Promise<GetEcsSpecsResult> {
    return listWith(
        lookupSettings(() => resolveDswSettings(programConfig(), process.env, args.credentialsProfile)),
        args,
    );
}

function listWith(s: ReturnType<typeof resolveDswSettings>, args: GetEcsSpecsArgs): Promise<GetEcsSpecsResult> {
    return listEcsSpecs(new DswClient({ endpoint: s.endpoint, credentials: s.credentials }), args);
}

/** {@link getEcsSpecs} taking and returning Outputs, for use inside a program. */
export function getEcsSpecsOutput(args: { [K in keyof GetEcsSpecsArgs]: pulumi.Input<GetEcsSpecsArgs[K]> }): pulumi.Output<GetEcsSpecsResult> {
    const known = typeof args.credentialsProfile === "string" || args.credentialsProfile === undefined;
    const s = known ? lookupSettings(() => resolveDswSettings(programConfig(), process.env, args.credentialsProfile as string | undefined)) : undefined;
    return pulumi.output(args).apply((a) => listWith(s ?? resolveDswSettings(programConfig(), process.env, a.credentialsProfile), a as GetEcsSpecsArgs));
}
