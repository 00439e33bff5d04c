import * as pulumi from "@pulumi/pulumi";
import type { EcsSpec, GetEcsSpecsResult } from "../../provider/dsw/ecsSpecResult";
import { lookupSettings, programConfig } from "../config";
import type { GetEcsSpecsArgs } from "../generated/lookupArgs";
import { lazily } from "../lazy";

export { EcsSpec, GetEcsSpecsArgs, GetEcsSpecsResult };

/** The API client, its settings and the listing, loaded when a lookup first runs (../lazy.ts). */
const api = lazily(() => ({
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded at the first lookup, not with the package (../lazy.ts) */
    DswClient: (require("../../provider/dsw/client") as typeof import("../../provider/dsw/client")).DswClient,
    listEcsSpecs: (require("../../provider/dsw/lookupEcsSpecs") as typeof import("../../provider/dsw/lookupEcsSpecs")).getEcsSpecs,
    resolveDswSettings: (require("../../provider/dsw/settings") as typeof import("../../provider/dsw/settings")).resolveDswSettings,
    /* eslint-enable @typescript-eslint/no-require-imports */
}));

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
        lookupSettings(() => api().resolveDswSettings(programConfig(), process.env, args.credentialsProfile)),
        args,
    );
}

function listWith(s: ReturnType<typeof import("../../provider/dsw/settings").resolveDswSettings>, args: GetEcsSpecsArgs): Promise<GetEcsSpecsResult> {
    return api().listEcsSpecs(new (api().DswClient)({ endpoint: s.endpoint, credentials: s.credentials }), args);
}

/** {@link getEcsSpecs} taking and returning Outputs, for use inside a program. */
export function getEcsSpecsOutput(args: { [K in keyof GetEcsSpecsArgs]: pulumi.Input<GetEcsSpecsArgs[K]> }): pulumi.Output<GetEcsSpecsResult> {
    const known = typeof args.credentialsProfile === "string" || args.credentialsProfile === undefined;
    const s = known ? lookupSettings(() => api().resolveDswSettings(programConfig(), process.env, args.credentialsProfile as string | undefined)) : undefined;
    return pulumi.output(args).apply((a) => listWith(s ?? api().resolveDswSettings(programConfig(), process.env, a.credentialsProfile), a as GetEcsSpecsArgs));
}
