/** What `dsw.getInstances` returns (kept free of zod: the SDK's declarations import it). */
export interface InstanceSummary {
    instanceId: string;
    instanceName: string;
    workspaceId: string;
    status: string;
    [field: string]: unknown;
}

export interface GetInstancesResult {
    instances: InstanceSummary[];
    totalCount: number;
}
