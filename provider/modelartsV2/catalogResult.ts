/**
 * What `modelarts.getImagesV2` and `modelarts.getFlavorsV2` return: the ImageResponse and
 * NotebookFlavor models (huaweicloud-sdk-go-v3 services/modelarts/v1/model) in camelCase. Kept
 * free of zod: the SDK's declarations import them.
 */

/** One image of ListImage. */
export interface ImageV2 {
    id: string;
    name: string;
    /** SWR address: `swr.<region>.myhuaweicloud.com/<namespace>/<name>:<tag>`. */
    swrPath?: string;
    tag?: string;
    /** BUILD_IN (system) or DEDICATED (saved by a user). */
    type?: string;
    /** X86_64 or AARCH64. */
    arch?: string;
    /** Flavor categories it runs on: CPU, GPU, ASCEND. */
    resourceCategories?: string[];
    /** NOTEBOOK (https access), SSH (remote IDE). */
    devServices?: string[];
    serviceType?: string;
    status?: string;
    statusMessage?: string;
    workspaceId?: string;
    namespace?: string;
    description?: string;
    origin?: string;
    visibility?: string;
    /** KB. */
    size?: number;
    /** ms since the epoch. */
    createAt?: number;
    updateAt?: number;
    /** Ascend images: the chip (ASCEND_SNT9 …). */
    flavorType?: string;
    swrInstanceId?: string;
    showName?: string;
    showTag?: string;
    tags?: Array<{ key: string; value?: string }>;
    [field: string]: unknown;
}

export interface GetImagesV2Result {
    images: ImageV2[];
    totalCount: number;
}

/** One flavor of ListFlavors / ShowSwitchableFlavors. */
export interface FlavorV2 {
    id: string;
    name?: string;
    /** CPU, GPU or ASCEND. */
    category?: string;
    /** x86_64 or aarch64. */
    arch?: string;
    vcpus?: number;
    memory?: number;
    description?: string;
    /** NOTEBOOK (paid) or DEFAULT (free CodeLab). */
    feature?: string;
    free?: boolean;
    /** true: no resources left for it now. */
    soldOut?: boolean;
    /** EVS, EFS … */
    storages?: string[];
    gpu?: { gpu?: number; gpuMemory?: string; type?: string };
    ascend?: { npu?: number; npuMemory?: string; type?: string; chip?: number };
    billing?: { code?: string; unitNum?: number };
    /** GB, as a string (the model's type). */
    evsMaxSize?: string;
    evsSkuCode?: string;
    growSupportType?: string;
    [field: string]: unknown;
}

export interface GetFlavorsV2Result {
    flavors: FlavorV2[];
    totalCount: number;
}
