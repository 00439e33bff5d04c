import * as pulumi from "@pulumi/pulumi";
import type { FlavorV2, GetFlavorsV2Result } from "../../provider/modelartsV2/catalogResult";
import { NotebooksClient } from "../../provider/modelartsV2/client";
import { getFlavorsV2 as listFlavors } from "../../provider/modelartsV2/lookupCatalog";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";
import { lookupSettings, programConfig } from "../config";
import type { GetFlavorsV2Args } from "../generated/lookupArgs";

export { FlavorV2, GetFlavorsV2Args, GetFlavorsV2Result };

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
    const s = lookupSettings(() => resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return listFlavors(new NotebooksClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args);
}

/** {@link getFlavorsV2} taking and returning Outputs. */
export function getFlavorsV2Output(args: { [K in keyof GetFlavorsV2Args]: pulumi.Input<GetFlavorsV2Args[K]> } = {}): pulumi.Output<GetFlavorsV2Result> {
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    return pulumi.output(args).apply((a) => getFlavorsV2(a as GetFlavorsV2Args));
}
