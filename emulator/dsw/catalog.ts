/**
 * The region's DSW instance-type catalog: the one list of ECS specs the emulator knows.
 * ListEcsSpecs answers from it and CreateInstance / UpdateInstance accept only its types (an
 * unavailable one is refused). Fields are those of Alibaba's pai-dsw-20220101 model
 * `ListEcsSpecsResponseBodyEcsSpecs` (alibabacloud-go-sdk pai-dsw-20220101/client/
 * list_ecs_specs_response_body_model.go); prices are samples of cn-hangzhou, in CNY per hour.
 */

export interface EcsSpecInfo {
    cpu: number;
    memoryGB: number;
    gpu: number;
    gpuType: string;
    gpuMemoryGB: number;
}

export interface EcsSpecEntry extends EcsSpecInfo {
    acceleratorType: "CPU" | "GPU";
    resourceType: "ECS" | "Lingjun";
    systemDiskGB: number;
    /** Inbound bandwidth, Kbit/s. */
    bandwidthRx: number;
    price: number;
    isAvailable: boolean;
    spotStock: "WithStock" | "ClosedWithStock" | "WithoutStock";
    labels: ReadonlyArray<{ Key: string; Value: string }>;
    /** Order the type was introduced (SortBy=GmtCreateTime). */
    introduced: number;
}

const spec = (
    acceleratorType: "CPU" | "GPU",
    cpu: number,
    memoryGB: number,
    gpu: number,
    gpuType: string,
    gpuMemoryGB: number,
    price: number,
    introduced: number,
    extra: Partial<EcsSpecEntry> = {},
): EcsSpecEntry => ({
    acceleratorType,
    resourceType: "ECS",
    cpu,
    memoryGB,
    gpu,
    gpuType,
    gpuMemoryGB,
    systemDiskGB: gpu > 0 ? 200 : 100,
    bandwidthRx: Math.min(cpu, 16) * 640_000,
    price,
    isAvailable: true,
    spotStock: "WithStock",
    labels: [{ Key: "SupportResourcePackDeduction", Value: "true" }],
    introduced,
    ...extra,
});

export const ECS_CATALOG: Readonly<Record<string, EcsSpecEntry>> = {
    "ecs.c6.large": spec("CPU", 2, 4, 0, "", 0, 0.39, 1),
    "ecs.c6.xlarge": spec("CPU", 4, 8, 0, "", 0, 0.78, 2),
    "ecs.g6.large": spec("CPU", 2, 8, 0, "", 0, 0.5, 3),
    "ecs.g6.xlarge": spec("CPU", 4, 16, 0, "", 0, 1.0, 4),
    "ecs.g6.2xlarge": spec("CPU", 8, 32, 0, "", 0, 2.0, 5),
    "ecs.g7.4xlarge": spec("CPU", 16, 64, 0, "", 0, 4.3, 9),
    "ecs.gn6i-c4g1.xlarge": spec("GPU", 4, 15, 1, "NVIDIA T4", 16, 8.68, 6),
    "ecs.gn6i-c8g1.2xlarge": spec("GPU", 8, 31, 1, "NVIDIA T4", 16, 10.0, 7),
    "ecs.gn7i-c8g1.2xlarge": spec("GPU", 8, 30, 1, "NVIDIA A10", 24, 12.34, 10),
    "ecs.gn7i-c16g1.4xlarge": spec("GPU", 16, 60, 1, "NVIDIA A10", 24, 15.5, 11),
    "ecs.gn6v-c8g1.2xlarge": spec("GPU", 8, 32, 1, "NVIDIA V100", 16, 26.46, 8),
    "ecs.gn6e-c12g1.3xlarge": spec("GPU", 12, 92, 1, "NVIDIA V100", 32, 31.58, 8),
    // Listed, but no stock in the region: ListEcsSpecs says so and CreateInstance refuses it.
    "ecs.gn7e-c16g1.4xlarge": spec("GPU", 16, 125, 1, "NVIDIA A100", 80, 34.8, 12, { isAvailable: false, spotStock: "WithoutStock" }),
};

/** Resources of an ECS spec, by type (the emulator's records read these). */
export const ECS_SPECS: Readonly<Record<string, EcsSpecInfo>> = ECS_CATALOG;

/** One `EcsSpecs[]` item of ListEcsSpecs, every field of the official model. */
export function ecsSpecWire(instanceType: string): Record<string, unknown> {
    const s = ECS_CATALOG[instanceType];
    return {
        AcceleratorType: s.acceleratorType,
        CPU: s.cpu,
        Currency: "CNY",
        GPU: s.gpu,
        GPUMemorySize: s.gpuMemoryGB,
        GPUType: s.gpuType,
        InstanceBandwidthRx: s.bandwidthRx,
        InstanceType: instanceType,
        IsAvailable: s.isAvailable,
        Labels: s.labels.map((l) => ({ ...l })),
        Memory: s.memoryGB,
        Price: s.price,
        SpotStockStatus: s.spotStock,
        SystemDiskCapacity: s.systemDiskGB,
    };
}

/** The fields of `ListEcsSpecsResponseBodyEcsSpecs` (conformance checks each item against them). */
export const ECS_SPEC_FIELDS: ReadonlySet<string> = new Set([
    "AcceleratorType",
    "CPU",
    "Currency",
    "GPU",
    "GPUMemorySize",
    "GPUType",
    "InstanceBandwidthRx",
    "InstanceType",
    "IsAvailable",
    "Labels",
    "Memory",
    "Price",
    "SpotStockStatus",
    "SystemDiskCapacity",
]);
