import * as pulumi from "@pulumi/pulumi";
import { getNotebooksV2 as listNotebooks } from "../../provider/modelartsV2/lookup";
import { NotebooksClient } from "../../provider/modelartsV2/client";
import type { NotebookV2Summary } from "../../provider/modelartsV2/lookupResult";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";
import { lookupSettings, programConfig } from "../config";
import { asLookup, callSite } from "../lookupError";
import type { GetNotebooksV2Args } from "../generated/lookupArgs";

export { GetNotebooksV2Args, NotebookV2Summary };

export interface GetNotebooksV2Result {
    notebooks: NotebookV2Summary[];
    totalCount: number;
}

/** ModelArts notebooks of the current API matching ListNotebooks' filters, all pages unless `offset`/`limit` are given. */
export function getNotebooksV2(args: GetNotebooksV2Args = {}): Promise<GetNotebooksV2Result> {
    return lookupAt(callSite(), args);
}

async function lookupAt(site: string | undefined, args: GetNotebooksV2Args): Promise<GetNotebooksV2Result> {
    const s = lookupSettings(() => resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return asLookup("modelarts.getNotebooksV2", site, () =>
        listNotebooks(new NotebooksClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args),
    );
}

/** {@link getNotebooksV2} taking and returning Outputs. */
export function getNotebooksV2Output(args: { [K in keyof GetNotebooksV2Args]: pulumi.Input<GetNotebooksV2Args[K]> } = {}): pulumi.Output<GetNotebooksV2Result> {
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    const site = callSite();
    return pulumi.output(args).apply((a) => lookupAt(site, a as GetNotebooksV2Args));
}
