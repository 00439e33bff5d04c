import * as pulumi from "@pulumi/pulumi";
import type { GetInstancesResult, InstanceSummary } from "../../provider/dsw/lookupResult";
import { lookupSettings, programConfig } from "../config";
import { asLookup, callSite } from "../lookupError";
import type { GetInstancesArgs } from "../generated/lookupArgs";
import { lazily } from "../lazy";

export { GetInstancesArgs, GetInstancesResult, InstanceSummary };

/** The API client, its settings and the listing, loaded when a lookup first runs (../lazy.ts). */
const api = lazily(() => ({
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded at the first lookup, not with the package (../lazy.ts) */
    DswClient: (require("../../provider/dsw/client") as typeof import("../../provider/dsw/client")).DswClient,
    listInstances: (require("../../provider/dsw/lookup") as typeof import("../../provider/dsw/lookup")).getInstances,
    resolveDswSettings: (require("../../provider/dsw/settings") as typeof import("../../provider/dsw/settings")).resolveDswSettings,
    /* eslint-enable @typescript-eslint/no-require-imports */
}));

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
            lookupSettings(() => api().resolveDswSettings(programConfig(), process.env, args.credentialsProfile)),
            args,
        ),
    );
}

function listWith(
    site: string | undefined,
    s: ReturnType<typeof import("../../provider/dsw/settings").resolveDswSettings>,
    args: GetInstancesArgs,
): Promise<GetInstancesResult> {
    return asLookup("dsw.getInstances", site, () => api().listInstances(new (api().DswClient)({ endpoint: s.endpoint, credentials: s.credentials }), args));
}

/** {@link getInstances} taking and returning Outputs, for use inside a program. */
export function getInstancesOutput(args: { [K in keyof GetInstancesArgs]: pulumi.Input<GetInstancesArgs[K]> } = {}): pulumi.Output<GetInstancesResult> {
    // A profile given as a plain string is resolved now (a bad one stops the program at once); one that is an Output, when it is known.
    const known = typeof args.credentialsProfile === "string" || args.credentialsProfile === undefined;
    const s = known ? lookupSettings(() => api().resolveDswSettings(programConfig(), process.env, args.credentialsProfile as string | undefined)) : undefined;
    const site = callSite();
    return pulumi
        .output(args)
        .apply((a) => listWith(site, s ?? api().resolveDswSettings(programConfig(), process.env, a.credentialsProfile), a as GetInstancesArgs));
}
