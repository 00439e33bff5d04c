import * as pulumi from "@pulumi/pulumi";
import { ModelArtsClient } from "../../provider/modelarts/client";
import { getNotebooks as listNotebooks } from "../../provider/modelarts/lookup";
import type { NotebookSummary } from "../../provider/modelarts/lookupResult";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";
import { lookupSettings, programConfig } from "../config";
import { asLookup, callSite } from "../lookupError";
import type { GetNotebooksArgs } from "../generated/lookupArgs";

export { GetNotebooksArgs, NotebookSummary };

export interface GetNotebooksResult {
    notebooks: NotebookSummary[];
    totalCount: number;
}

/**
 * ModelArts notebooks matching the list API's filters (status, workspace, pool, AI project,
 * sorting), all pages unless `offset`/`limit` are given.
 */
export function getNotebooks(args: GetNotebooksArgs = {}): Promise<GetNotebooksResult> {
    return lookupAt(callSite(), args);
}

async function lookupAt(site: string | undefined, args: GetNotebooksArgs): Promise<GetNotebooksResult> {
    const s = lookupSettings(() => resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return asLookup("modelarts.getNotebooks", site, () =>
        listNotebooks(new ModelArtsClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args),
    );
}

/** {@link getNotebooks} taking and returning Outputs. */
export function getNotebooksOutput(args: { [K in keyof GetNotebooksArgs]: pulumi.Input<GetNotebooksArgs[K]> } = {}): pulumi.Output<GetNotebooksResult> {
    // Fail at the call, not inside the apply, when the settings are already known to be wrong.
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    const site = callSite();
    return pulumi.output(args).apply((a) => lookupAt(site, a as GetNotebooksArgs));
}
