import * as pulumi from "@pulumi/pulumi";
import type { NotebookV2Summary } from "../../provider/modelartsV2/lookupResult";
import { lookupSettings, programConfig } from "../config";
import { asLookup, callSite } from "../lookupError";
import type { GetNotebooksV2Args } from "../generated/lookupArgs";
import { lazily } from "../lazy";

export { GetNotebooksV2Args, NotebookV2Summary };

/** The API client, its settings and the listing, loaded when a lookup first runs (../lazy.ts). */
const api = lazily(() => ({
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded at the first lookup, not with the package (../lazy.ts) */
    listNotebooks: (require("../../provider/modelartsV2/lookup") as typeof import("../../provider/modelartsV2/lookup")).getNotebooksV2,
    NotebooksClient: (require("../../provider/modelartsV2/client") as typeof import("../../provider/modelartsV2/client")).NotebooksClient,
    resolveModelArtsSettings: (require("../../provider/huawei/settings") as typeof import("../../provider/huawei/settings")).resolveModelArtsSettings,
    /* eslint-enable @typescript-eslint/no-require-imports */
}));

export interface GetNotebooksV2Result {
    notebooks: NotebookV2Summary[];
    totalCount: number;
}

/** ModelArts notebooks of the current API matching ListNotebooks' filters, all pages unless `offset`/`limit` are given. */
export function getNotebooksV2(args: GetNotebooksV2Args = {}): Promise<GetNotebooksV2Result> {
    return lookupAt(callSite(), args);
}

async function lookupAt(site: string | undefined, args: GetNotebooksV2Args): Promise<GetNotebooksV2Result> {
    const s = lookupSettings(() => api().resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return asLookup("modelarts.getNotebooksV2", site, () =>
        api().listNotebooks(new (api().NotebooksClient)({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args),
    );
}

/** {@link getNotebooksV2} taking and returning Outputs. */
export function getNotebooksV2Output(args: { [K in keyof GetNotebooksV2Args]: pulumi.Input<GetNotebooksV2Args[K]> } = {}): pulumi.Output<GetNotebooksV2Result> {
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            api().resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    const site = callSite();
    return pulumi.output(args).apply((a) => lookupAt(site, a as GetNotebooksV2Args));
}
