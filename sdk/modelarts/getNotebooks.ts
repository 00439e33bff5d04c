import * as pulumi from "@pulumi/pulumi";
import type { NotebookSummary } from "../../provider/modelarts/lookupResult";
import { lookupSettings, programConfig } from "../config";
import { asLookup, callSite } from "../lookupError";
import type { GetNotebooksArgs } from "../generated/lookupArgs";
import { lazily } from "../lazy";

export { GetNotebooksArgs, NotebookSummary };

/** The API client, its settings and the listing, loaded when a lookup first runs (../lazy.ts). */
const api = lazily(() => ({
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded at the first lookup, not with the package (../lazy.ts) */
    ModelArtsClient: (require("../../provider/modelarts/client") as typeof import("../../provider/modelarts/client")).ModelArtsClient,
    listNotebooks: (require("../../provider/modelarts/lookup") as typeof import("../../provider/modelarts/lookup")).getNotebooks,
    resolveModelArtsSettings: (require("../../provider/huawei/settings") as typeof import("../../provider/huawei/settings")).resolveModelArtsSettings,
    /* eslint-enable @typescript-eslint/no-require-imports */
}));

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
    const s = lookupSettings(() => api().resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return asLookup("modelarts.getNotebooks", site, () =>
        api().listNotebooks(new (api().ModelArtsClient)({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args),
    );
}

/** {@link getNotebooks} taking and returning Outputs. */
export function getNotebooksOutput(args: { [K in keyof GetNotebooksArgs]: pulumi.Input<GetNotebooksArgs[K]> } = {}): pulumi.Output<GetNotebooksResult> {
    // Fail at the call, not inside the apply, when the settings are already known to be wrong.
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            api().resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    const site = callSite();
    return pulumi.output(args).apply((a) => lookupAt(site, a as GetNotebooksArgs));
}
