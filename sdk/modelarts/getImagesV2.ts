import * as pulumi from "@pulumi/pulumi";
import type { GetImagesV2Result, ImageV2 } from "../../provider/modelartsV2/catalogResult";
import { lookupSettings, programConfig } from "../config";
import type { GetImagesV2Args } from "../generated/lookupArgs";
import { lazily } from "../lazy";

export { GetImagesV2Args, GetImagesV2Result, ImageV2 };

/** The API client, its settings and the listing, loaded when a lookup first runs (../lazy.ts). */
const api = lazily(() => ({
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded at the first lookup, not with the package (../lazy.ts) */
    NotebooksClient: (require("../../provider/modelartsV2/client") as typeof import("../../provider/modelartsV2/client")).NotebooksClient,
    listImages: (require("../../provider/modelartsV2/lookupCatalog") as typeof import("../../provider/modelartsV2/lookupCatalog")).getImagesV2,
    resolveModelArtsSettings: (require("../../provider/huawei/settings") as typeof import("../../provider/huawei/settings")).resolveModelArtsSettings,
    /* eslint-enable @typescript-eslint/no-require-imports */
}));

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
    const s = lookupSettings(() => api().resolveModelArtsSettings(programConfig(), args.projectId, process.env, args.credentialsProfile));
    return api().listImages(new (api().NotebooksClient)({ endpoint: s.endpoint, projectId: s.projectId, auth: s.auth }), args);
}

/** {@link getImagesV2} taking and returning Outputs. */
export function getImagesV2Output(args: { [K in keyof GetImagesV2Args]: pulumi.Input<GetImagesV2Args[K]> } = {}): pulumi.Output<GetImagesV2Result> {
    const plain = (v: unknown) => v === undefined || typeof v === "string";
    if (plain(args.projectId) && plain(args.credentialsProfile)) {
        lookupSettings(() =>
            api().resolveModelArtsSettings(programConfig(), args.projectId as string | undefined, process.env, args.credentialsProfile as string | undefined),
        );
    }
    return pulumi.output(args).apply((a) => getImagesV2(a as GetImagesV2Args));
}
