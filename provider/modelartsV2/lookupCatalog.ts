/**
 * `modelarts.getImagesV2` (ListImage, `GET /v1/{project_id}/images`) and
 * `modelarts.getFlavorsV2` (ListFlavors, `GET …/notebooks/flavors`; ShowSwitchableFlavors,
 * `GET …/notebooks/{id}/flavors` when a notebook id is given): each query parameter of the
 * generated request definitions (huaweicloud-sdk-go-v3 v0.1.207 modelArts_meta.go), in camelCase,
 * checked with the rules their models document before any call; every page unless
 * `offset`/`limit` are given (docs/modelarts-notebooks-api.md §Catalog).
 */
import { z } from "zod";
import { convertKeys, invert, snakeToCamel } from "../common/casing";
import { percentEncode } from "../common/encoding";
import { withoutUndefined } from "../common/resource";
import { parseLookupArgs } from "../common/schema";
import type { FlavorV2, GetFlavorsV2Result, GetImagesV2Result, ImageV2 } from "./catalogResult";
import { NotebooksClient } from "./client";

export type { FlavorV2, GetFlavorsV2Result, GetImagesV2Result, ImageV2 };

const projectId = z
    .string()
    .regex(/^[0-9a-f]{32}$/, "projectId must be a 32-character hex project id")
    .optional();
const credentialsProfile = z
    .string()
    .optional()
    .describe("Credentials profile to list with (a section of the Huawei credentials file, as the resources' `credentialsProfile`); not a filter.");
const sortKey = z
    .string()
    .max(128)
    .regex(/^[A-Za-z0-9_,-]+$/, "sortKey is field names separated by commas (letters, digits, - and _)")
    .optional()
    .describe("Sort fields, comma-separated.");
const sortDir = z.enum(["ASC", "DESC"]).optional().describe('Default "DESC".');
const offset = z.number().int().min(0).optional().describe("Fetch from this offset only (default: walk every page).");
const limit = z.number().int().min(1).max(200).optional();

export const GetImagesV2Args = z.strictObject({
    projectId,
    credentialsProfile,
    name: z
        .string()
        .max(512)
        .regex(/^[a-z0-9._-]+$/, "an image name has lower-case letters, digits, '-', '_' and '.'")
        .optional()
        .describe("Image name; a substring unless `nameFuzzyMatch` is false."),
    nameFuzzyMatch: z.boolean().optional().describe("Default true."),
    namespace: z
        .string()
        .max(64)
        .regex(/^[a-z][A-Za-z0-9._-]*$/, "a namespace starts with a lower-case letter and has letters, digits, '-', '_' and '.'")
        .optional()
        .describe("SWR organization of the image."),
    type: z.enum(["BUILD_IN", "DEDICATED"]).optional().describe("BUILD_IN (system images, the default) or DEDICATED (images saved by users)."),
    workspaceId: z
        .string()
        .regex(/^(0|[0-9a-z]{32})$/, 'workspaceId is "0" or 32 lower-case letters and digits')
        .optional()
        .describe('Default "0". Built-in images are listed in every workspace; saved ones in their own.'),
    serviceType: z.enum(["COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"]).optional(),
    showName: z.string().optional().describe("Display name of a built-in image."),
    showTag: z.string().optional().describe("Display version of a built-in image."),
    sortKey,
    sortDir,
    offset,
    limit,
});
export type GetImagesV2Args = z.input<typeof GetImagesV2Args>;

export const GetFlavorsV2Args = z
    .strictObject({
        projectId,
        credentialsProfile,
        notebookId: z
            .string()
            .min(1)
            .optional()
            .describe(
                "List the flavors this notebook can switch to (ShowSwitchableFlavors) instead of every flavor (ListFlavors); takes only paging and sorting.",
            ),
        category: z.enum(["CPU", "GPU", "ASCEND"]).optional(),
        type: z.enum(["MANAGED", "DEDICATED"]).optional().describe("Cluster type: MANAGED (public pool) or DEDICATED (dedicated pool)."),
        flavorType: z.enum(["ASCEND_SNT9", "ASCEND_SNT9B", "ASCEND_SNT3"]).optional().describe("Ascend chip."),
        feature: z.enum(["NOTEBOOK", "DEFAULT"]).optional().describe("NOTEBOOK (paid flavors, the default) or DEFAULT (free CodeLab flavors)."),
        sortKey,
        sortDir,
        offset,
        limit,
    })
    .refine(
        (a) => a.notebookId === undefined || (a.category === undefined && a.type === undefined && a.flavorType === undefined && a.feature === undefined),
        "notebookId lists the notebook's switchable flavors (ShowSwitchableFlavors), which takes no category, type, flavorType or feature",
    );
export type GetFlavorsV2Args = z.input<typeof GetFlavorsV2Args>;

const Page = z.looseObject({
    data: z.array(z.looseObject({ id: z.string(), name: z.string() })).nullish(),
    flavors: z.array(z.looseObject({ id: z.string() })).nullish(),
    total: z.number().nullish(),
});

const FROM_WIRE = invert({ special: {}, opaque: new Set(), convert: (k) => k }, snakeToCamel, new Set());
const camel = <T>(o: Record<string, unknown>): T => withoutUndefined(convertKeys(o, FROM_WIRE) as Record<string, unknown>) as T;

async function walk<T>(
    fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>,
    a: { offset?: number; limit?: number },
): Promise<{ items: T[]; total: number }> {
    const single = a.offset !== undefined || a.limit !== undefined;
    const size = a.limit ?? 100;
    const items: T[] = [];
    let total: number;
    for (let at = a.offset ?? 0; ; at += size) {
        const r = await fetchPage(at, size);
        total = r.total;
        items.push(...r.items);
        if (single || r.items.length < size || at + size >= r.total) break;
    }
    return { items, total };
}

const queryOf = (o: Record<string, string | number | boolean | undefined>): Array<[string, string]> =>
    Object.entries(o)
        .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
        .map(([k, v]) => [k, String(v)]);

export async function getImagesV2(client: NotebooksClient, raw: GetImagesV2Args): Promise<GetImagesV2Result> {
    const a = parseLookupArgs(GetImagesV2Args, raw);
    const base = {
        name: a.name,
        name_fuzzy_match: a.nameFuzzyMatch,
        namespace: a.namespace,
        type: a.type,
        workspace_id: a.workspaceId,
        service_type: a.serviceType,
        show_name: a.showName,
        show_tag: a.showTag,
        sort_key: a.sortKey,
        sort_dir: a.sortDir,
    };
    const r = await walk(async (at, size) => {
        const p = await client.transport.send(
            {
                operation: "ListImage",
                method: "GET",
                path: `/v1/${percentEncode(client.projectId)}/images`,
                query: queryOf({ ...base, offset: at, limit: size }),
            },
            Page,
        );
        return { items: (p.data ?? []).map((i) => camel<ImageV2>(i)), total: p.total ?? 0 };
    }, a);
    return { images: r.items, totalCount: r.total };
}

export async function getFlavorsV2(client: NotebooksClient, raw: GetFlavorsV2Args): Promise<GetFlavorsV2Result> {
    const a = parseLookupArgs(GetFlavorsV2Args, raw);
    const project = percentEncode(client.projectId);
    const [operation, path] =
        a.notebookId === undefined
            ? ["ListFlavors", `/v1/${project}/notebooks/flavors`]
            : ["ShowSwitchableFlavors", `/v1/${project}/notebooks/${percentEncode(a.notebookId)}/flavors`];
    const base = { category: a.category, type: a.type, flavor_type: a.flavorType, feature: a.feature, sort_key: a.sortKey, sort_dir: a.sortDir };
    const r = await walk(async (at, size) => {
        const p = await client.transport.send({ operation, method: "GET", path, query: queryOf({ ...base, offset: at, limit: size }) }, Page);
        // The models carry the page in `flavors` and in `data`; the service fills `flavors` (Terraform reads it).
        const items = p.flavors ?? p.data ?? [];
        return { items: items.map((f) => camel<FlavorV2>(f)), total: p.total ?? items.length };
    }, a);
    return { flavors: r.items, totalCount: r.total };
}
