/**
 * The region's ModelArts catalog: the one list of flavors and notebook images the emulator
 * knows. ListFlavors, ShowSwitchableFlavors and ListImage answer from it, and every create or
 * update that names a flavor or an image is checked against it (both notebook APIs share the
 * flavors; the current API's images are the ones ListImage lists). Fields follow the generated
 * models of huaweicloud-sdk-go-v3 v0.1.207 (services/modelarts/v1/model: `NotebookFlavor`,
 * `ImageResponse`); values are samples of a cn-north-4 region (docs/modelarts-notebooks-api.md §Catalog).
 */

export type FlavorCategory = "CPU" | "GPU" | "ASCEND";

export interface FlavorInfo {
    type: FlavorCategory;
    /** The old API's `flavor_details.params`. */
    params: Record<string, string | number>;
    /** The old API's storage types (`storage_list`). */
    storage: string[];
    free: boolean;
    /** The current API's view (NotebookFlavor). */
    vcpus: number;
    /** MB (unconfirmed unit: the model says "memory size"; the reference's example reads as MB). */
    memoryMb: number;
    arch: "x86_64" | "aarch64";
    gpu?: { gpu: number; gpu_memory: string; type: string };
    ascend?: { npu: number; npu_memory: string; type: string; chip: number };
    /** ASCEND_SNT9 etc. (ListFlavors' `flavor_type` filter); CPU and GPU flavors have none. */
    flavorType?: string;
    description: string;
    /** Cluster types it is offered on (ListFlavors' `type`): MANAGED (public pool), DEDICATED. */
    clusters: ReadonlyArray<"MANAGED" | "DEDICATED">;
    /** Storage types of the current API (NotebookFlavor.storages). */
    storages: ReadonlyArray<"EVS" | "EFS">;
    evsMaxSizeGb: number;
}

const cpu = (vcpus: number, memGiB: number, free = false): Omit<FlavorInfo, "description"> => ({
    type: "CPU",
    params: { CPU: vcpus, memory: `${memGiB}GiB` },
    storage: free ? ["obs", "evs"] : ["obs", "obsfs", "evs"],
    free,
    vcpus,
    memoryMb: memGiB * 1024,
    arch: "x86_64",
    clusters: free ? ["MANAGED"] : ["MANAGED", "DEDICATED"],
    storages: free ? ["EVS"] : ["EVS", "EFS"],
    evsMaxSizeGb: free ? 5 : 4096,
});

const gpu = (vcpus: number, memGiB: number, type: string, gpuMemory: string, free = false): Omit<FlavorInfo, "description"> => ({
    ...cpu(vcpus, memGiB, free),
    type: "GPU",
    params: { CPU: vcpus, GPU: 1, gpu_type: type, memory: `${memGiB}GiB` },
    gpu: { gpu: 1, gpu_memory: gpuMemory, type },
});

export const FLAVORS: Readonly<Record<string, FlavorInfo>> = {
    "modelarts.vm.cpu.2u": { ...cpu(2, 8), description: "CPU: 2vCPUs 8GB" },
    "modelarts.vm.cpu.8u": { ...cpu(8, 32), description: "CPU: 8vCPUs 32GB" },
    "modelarts.vm.gpu.p100": { ...gpu(8, 64, "p100", "16GB"), description: "GPU: 1*NVIDIA-P100(16GB) | CPU: 8vCPUs 64GB" },
    "modelarts.vm.gpu.v100": { ...gpu(8, 64, "v100", "32GB"), description: "GPU: 1*NVIDIA-V100(32GB) | CPU: 8vCPUs 64GB" },
    "modelarts.bm.gpu.v100NV32": { ...gpu(8, 64, "v100NV32", "32GB"), description: "GPU: 1*NVIDIA-V100-NV32(32GB) | CPU: 8vCPUs 64GB" },
    "modelarts.kat1.xlarge": {
        ...cpu(24, 96),
        type: "ASCEND",
        params: { CPU: 24, NPU: 1, npu_type: "Ascend 910", memory: "96GiB" },
        storage: ["obs", "evs"],
        arch: "aarch64",
        ascend: { npu: 1, npu_memory: "32GB", type: "Ascend 910", chip: 1 },
        flavorType: "ASCEND_SNT9",
        // Offered in the public pool only here (unconfirmed), so ListFlavors' type filter has something to leave out.
        clusters: ["MANAGED"],
        description: "Ascend: 1*Ascend 910(32GB) | ARM: 24vCPUs 96GB",
    },
    "modelarts.vm.cpu.free": { ...cpu(1, 4, true), description: "CPU: 1vCPUs 4GB (free)" },
    "modelarts.vm.gpu.free": { ...gpu(4, 32, "p100", "16GB", true), description: "GPU: 1*NVIDIA-P100(16GB) | CPU: 4vCPUs 32GB (free)" },
};

export interface NbImage {
    name: string;
    swr_path: string;
    tag: string;
    type: "BUILD_IN" | "DEDICATED";
    arch: "X86_64" | "AARCH64";
    /** Flavor types it runs on (ImageResponse.resource_categories). */
    categories: ReadonlyArray<FlavorCategory>;
    description: string;
    namespace: string;
    serviceType: "COMMON" | "INFERENCE" | "TRAIN" | "DEV" | "UNKNOWN";
    devServices: ReadonlyArray<"NOTEBOOK" | "SSH">;
    /** KB. */
    size: number;
    createAt: number;
    /** A built-in image is in workspace "0" and listed in every workspace; a saved one only in its own. */
    workspaceId: string;
    visibility: "PUBLIC" | "PRIVATE";
    /** Saved images only: how it was made. */
    origin?: "CUSTOMIZE" | "IMAGE_SAVE";
    /** Ascend images only: the chip (ImageResponse.flavor_type). */
    flavorType?: string;
    /** Built-in images only (ImageResponse.show_name / show_tag). */
    showName?: string;
    showTag?: string;
}

const builtIn = {
    type: "BUILD_IN",
    namespace: "atelier",
    serviceType: "COMMON",
    devServices: ["NOTEBOOK", "SSH"],
    workspaceId: "0",
    visibility: "PUBLIC",
} as const;

/** A workspace that has saved images (tests list it with `workspace_id`). */
export const CATALOG_WORKSPACE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/** Images (ListImage). The first id is the one in Huawei's CreateNotebook response example. */
export const NB_IMAGES: Readonly<Record<string, NbImage>> = {
    "e1a07296-22a8-4f05-8bc8-e936c8e54090": {
        ...builtIn,
        name: "notebook2.0-mul-kernel-cpu-cp36",
        swr_path: "swr.cn-north-4.myhuaweicloud.com/atelier/notebook2.0-mul-kernel-cpu-cp36:3.3.2-release_v1",
        tag: "3.3.2-release_v1",
        arch: "X86_64",
        categories: ["CPU"],
        description: "Multi-kernel notebook image for CPU, python 3.6",
        size: 4_194_304,
        createAt: 1_650_000_000_000,
        showName: "notebook2.0-mul-kernel-cpu-cp36",
        showTag: "3.3.2",
    },
    "278e88d1-5b71-4766-8502-b3ba72e824d9": {
        ...builtIn,
        name: "pytorch1.8-cuda10.2-cudnn7-ubuntu18.04",
        swr_path: "swr.cn-north-4.myhuaweicloud.com/atelier/pytorch_1_8:pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64-20220926104358-041ba2e",
        tag: "pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64-20220926104358-041ba2e",
        arch: "X86_64",
        categories: ["CPU", "GPU"],
        description: "PyTorch 1.8, CUDA 10.2, python 3.7, Ubuntu 18.04",
        size: 8_388_608,
        createAt: 1_664_160_000_000,
        showName: "pytorch1.8-cuda10.2-cudnn7-ubuntu18.04",
        showTag: "1.8.0",
    },
    "5c6e3cb5-1d9b-4d2d-92b4-8c1e5a3c7f01": {
        ...builtIn,
        name: "mindspore1.7.0-cuda10.1-py3.7-ubuntu18.04",
        swr_path: "swr.cn-north-4.myhuaweicloud.com/atelier/mindspore_1_7_0:mindspore_1.7.0-cuda_10.1-py_3.7-ubuntu_18.04-x86_64-20220702120711-9e5a7e4",
        tag: "mindspore_1.7.0-cuda_10.1-py_3.7-ubuntu_18.04-x86_64-20220702120711-9e5a7e4",
        arch: "X86_64",
        categories: ["GPU"],
        description: "MindSpore 1.7.0, CUDA 10.1, python 3.7, Ubuntu 18.04",
        size: 9_437_184,
        createAt: 1_656_763_000_000,
        showName: "mindspore1.7.0-cuda10.1-py3.7-ubuntu18.04",
        showTag: "1.7.0",
    },
    "9a4b6c3e-7d21-4f0a-b8e5-2c1d0e9f8a76": {
        ...builtIn,
        name: "mindspore2.2.0-cann7.0.1-py3.9-euler2.10.7",
        swr_path: "swr.cn-north-4.myhuaweicloud.com/atelier/mindspore_2_2_ascend:mindspore_2.2.0-cann_7.0.1-py_3.9-euler_2.10.7-aarch64-snt9-20231212",
        tag: "mindspore_2.2.0-cann_7.0.1-py_3.9-euler_2.10.7-aarch64-snt9-20231212",
        arch: "AARCH64",
        categories: ["ASCEND"],
        description: "MindSpore 2.2.0 on Ascend 910, CANN 7.0.1, python 3.9",
        size: 12_582_912,
        createAt: 1_702_339_200_000,
        flavorType: "ASCEND_SNT9",
        showName: "mindspore2.2.0-cann7.0.1-py3.9-euler2.10.7",
        showTag: "2.2.0",
    },
    "3f2e1d0c-9b8a-4765-a432-10fedcba9876": {
        type: "DEDICATED",
        name: "team-pytorch-saved",
        swr_path: "swr.cn-north-4.myhuaweicloud.com/ml-team/team-pytorch-saved:v1",
        tag: "v1",
        arch: "X86_64",
        categories: ["CPU", "GPU"],
        description: "Saved from a notebook of the ML team",
        namespace: "ml-team",
        serviceType: "DEV",
        devServices: ["NOTEBOOK", "SSH"],
        size: 9_961_472,
        createAt: 1_720_000_000_000,
        workspaceId: CATALOG_WORKSPACE,
        visibility: "PRIVATE",
        origin: "IMAGE_SAVE",
    },
};

/** The flavor's category, or undefined for a flavor the catalog lacks. */
export const flavorCategory = (flavor: string): FlavorCategory | undefined => FLAVORS[flavor]?.type;

/** NotebookFlavor, as ListFlavors and ShowSwitchableFlavors answer it. */
export function notebookFlavorWire(id: string, soldOut: readonly string[]): Record<string, unknown> {
    const f = FLAVORS[id];
    const out: Record<string, unknown> = {
        arch: f.arch,
        billing: { code: `modelarts.${f.free ? "free" : "vm"}.${id.split(".").slice(-1)[0]}`, unit_num: 1 },
        category: f.type,
        description: f.description,
        feature: f.free ? "DEFAULT" : "NOTEBOOK",
        free: f.free,
        id,
        memory: f.memoryMb,
        name: id,
        sold_out: soldOut.includes(id),
        storages: [...f.storages],
        vcpus: f.vcpus,
        evs_max_size: String(f.evsMaxSizeGb),
        grow_support_type: "COMMON",
    };
    if (f.gpu) out.gpu = { ...f.gpu };
    if (f.ascend) out.ascend = { ...f.ascend };
    return out;
}

/** ImageResponse, as ListImage answers it. */
export function imageWire(id: string): Record<string, unknown> {
    const i = NB_IMAGES[id];
    const out: Record<string, unknown> = {
        arch: i.arch,
        create_at: i.createAt,
        description: i.description,
        dev_services: [...i.devServices],
        id,
        name: i.name,
        namespace: i.namespace,
        resource_categories: [...i.categories],
        service_type: i.serviceType,
        size: i.size,
        status: "ACTIVE",
        status_message: "",
        swr_path: i.swr_path,
        tag: i.tag,
        type: i.type,
        update_at: i.createAt,
        visibility: i.visibility,
        workspace_id: i.workspaceId,
        tags: [],
    };
    if (i.origin) out.origin = i.origin;
    if (i.flavorType) out.flavor_type = i.flavorType;
    if (i.showName) out.show_name = i.showName;
    if (i.showTag) out.show_tag = i.showTag;
    return out;
}
