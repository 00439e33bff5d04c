import * as pulumi from "@pulumi/pulumi";
import { DswClient } from "../../provider/dsw/client";
import { getInstances as listInstances } from "../../provider/dsw/lookup";
import type { GetInstancesResult, InstanceSummary } from "../../provider/dsw/lookupResult";
import { resolveDswSettings } from "../../provider/dsw/settings";
import { lookupSettings, programConfig } from "../config";
import { asLookup, callSite } from "../lookupError";
import type { GetInstancesArgs } from "../generated/lookupArgs";

export { GetInstancesArgs, GetInstancesResult, InstanceSummary };

/**
 * DSW instances matching every given ListInstances filter (workspace, name, status, payment,
 * accessibility, accelerator, ids, labels, tags, creator, GPU type, CPU/GPU/memory ranges, image,
 * oversold, creation window), all pages unless `pageNumber` is given.
 *
 * ```ts
 * const gpus = await dsw.getInstances({ workspaceId: "40823", acceleratorType: "GPU", status: "Running" });
 * ```
 */
export function getInstances(args: GetInstancesArgs = {}): Promise<GetInstancesResult> {
    const site = callSite();
    return Promise.resolve().then(() =>
        listWith(
            site,
            lookupSettings(() => resolveDswSettings(programConfig(), process.env, args.credentialsProfile)),
            args,
        ),
    );
}

function listWith(site: string | undefined, s: ReturnType<typeof resolveDswSettings>, args: GetInstancesArgs): Promise<GetInstancesResult> {
    return asLookup("dsw.getInstances", site, () => listInstances(new DswClient({ endpoint: s.endpoint, credentials: s.credentials }), args));
}

/** {@link getInstances} taking and returning Outputs, for use inside a program. */
export function getInstancesOutput(args: { [K in keyof GetInstancesArgs]: pulumi.Input<GetInstancesArgs[K]> } = {}): pulumi.Output<GetInstancesResult> {
    // A profile given as a plain string is resolved now (a bad one stops the program at once); one that is an Output, when it is known.
    const known = typeof args.credentialsProfile === "string" || args.credentialsProfile === undefined;
    const s = known ? lookupSettings(() => resolveDswSettings(programConfig(), process.env, args.credentialsProfile as string | undefined)) : undefined;
    const site = callSite();
    return pulumi.output(args).apply((a) => listWith(site, s ?? resolveDswSettings(programConfig(), process.env, a.credentialsProfile), a as GetInstancesArgs));
}
