import * as pulumi from "@pulumi/pulumi";
import type { FlavorV2, GetFlavorsV2Result } from "../../provider/modelartsV2/catalogResult";
import { lookupSettings, programConfig } from "../config";
import type { GetFlavorsV2Args } from "../generated/lookupArgs";
import { lazily } from "../lazy";

export { FlavorV2, GetFlavorsV2Args, GetFlavorsV2Result };

/** The API client, its settings and the listing, loaded when a lookup first runs (../lazy.ts). */
const api = lazily(() => ({
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded at the first lookup, not with the package (../lazy.ts) */
    NotebooksClient: (require("../../provider/modelartsV2/client") as typeof import("../../provider/modelartsV2/client")).NotebooksClient,
    listFlavors: (require("../../provider/modelartsV2/lookupCatalog") as typeof import("../../provider/modelartsV2/lookupCatalog")).getFlavorsV2,
    resolveModelArtsSettings: (require("../../provider/huawei/settings") as typeof import("../../provider/huawei/settings")).resolveModelArtsSettings,
    /* eslint-enable @typescript-eslint/no-require-imports */
}));

/**
 * Notebook flavors of the current ModelArts API (ListFlavors), or with `notebookId` the flavors that
 * notebook can switch to (ShowSwitchableFlavors); all pages unless `offset`/`limit` are given.
 *
 * ```ts
 * const { flavors } = await modelarts.getFlavorsV2({ category: "GPU" });
 * const flavor = flavors.find((f) => !f.soldOut)!.id;
 * ```
 */
export async function getFlavorsV2(args: GetFlavorsV2Args = {}): Promise<GetFlavorsV2Result> {
    const s = lookupSettings(() => api().resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return api().listFlavors(new (api().NotebooksClient)({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args);
}

/** {@link getFlavorsV2} taking and returning Outputs. */
export function getFlavorsV2Output(args: { [K in keyof GetFlavorsV2Args]: pulumi.Input<GetFlavorsV2Args[K]> } = {}): pulumi.Output<GetFlavorsV2Result> {
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            api().resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    return pulumi.output(args).apply((a) => getFlavorsV2(a as GetFlavorsV2Args));
}
