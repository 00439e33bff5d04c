/** What `dsw.getEcsSpecs` returns: ListEcsSpecs' items in camelCase (kept free of zod: the SDK's declarations import it). */
export interface EcsSpec {
    /** The value for `dsw.Instance.ecsSpec`, e.g. "ecs.gn7i-c8g1.2xlarge". */
    instanceType: string;
    /** CPU or GPU. */
    acceleratorType: string;
    /** vCPUs. */
    cpu: number;
    /** GB. */
    memory: number;
    gpu: number;
    gpuType: string;
    /** GB per card. */
    gpuMemorySize: number;
    /** GB. */
    systemDiskCapacity: number;
    /** Inbound bandwidth. */
    instanceBandwidthRx: number;
    /** Per hour, in `currency`. */
    price: number;
    currency: string;
    /** false: no stock in the region now (a create with it fails). */
    isAvailable: boolean;
    spotStockStatus: string;
    labels: Record<string, string>;
}

export interface GetEcsSpecsResult {
    ecsSpecs: EcsSpec[];
    totalCount: number;
}
