import * as pulumi from "@pulumi/pulumi";
import type { GetImagesV2Result, ImageV2 } from "../../provider/modelartsV2/catalogResult";
import { NotebooksClient } from "../../provider/modelartsV2/client";
import { getImagesV2 as listImages } from "../../provider/modelartsV2/lookupCatalog";
import { resolveModelArtsSettings } from "../../provider/huawei/settings";
import { lookupSettings, programConfig } from "../config";
import type { GetImagesV2Args } from "../generated/lookupArgs";

export { GetImagesV2Args, GetImagesV2Result, ImageV2 };

/**
 * Notebook images of the current ModelArts API (ListImage), so a `modelarts.NotebookV2` picks its
 * `imageId` by name, type, workspace or the flavor categories it runs on; all pages unless
 * `offset`/`limit` are given.
 *
 * ```ts
 * const { images } = await modelarts.getImagesV2({ name: "pytorch" });
 * const imageId = images.find((i) => i.resourceCategories?.includes("GPU"))!.id;
 * ```
 */
export async function getImagesV2(args: GetImagesV2Args = {}): Promise<GetImagesV2Result> {
    const s = lookupSettings(() => resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return listImages(new NotebooksClient({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args);
}

/** {@link getImagesV2} taking and returning Outputs. */
export function getImagesV2Output(args: { [K in keyof GetImagesV2Args]: pulumi.Input<GetImagesV2Args[K]> } = {}): pulumi.Output<GetImagesV2Result> {
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    return pulumi.output(args).apply((a) => getImagesV2(a as GetImagesV2Args));
}
