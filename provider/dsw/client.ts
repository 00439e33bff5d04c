/**
 * PAI-DSW 2022-01-01 API client: one method per operation, ACS3 signing, DSW error bodies, and
 * zod-parsed answers. Transport, retries and error typing come from provider/common.
 */
import { z } from "zod";
import { Credentials, currentCredentials, isCredentialSource } from "../common/credentials";
import { percentEncode } from "../common/encoding";
import { CloudServiceError, ErrorMetadata } from "../common/errors";
import { CloudProtocol, CloudRequest, HttpTransport, TransportOptions, errorFields, requestIdFrom } from "../common/http";
import { StandardRetryStrategy } from "../common/retry";
import { Acs3Credentials, acs3Sign } from "./signer";
import { dswError } from "./errors";
import { dswRetryAfterMs } from "./throttleHint";
import { Envelope, ErrorBody, GetInstanceResponse, InstanceIdResponse, InstanceWire, ListInstancesResponse } from "./wire";

export const DSW_VERSION = "2022-01-01";

const THROTTLING = new Set(["Throttling", "Throttling.User", "Throttling.Api", "ServiceUnavailable.Throttling"]);
const TRANSIENT = new Set(["ServiceUnavailable", "InternalError.Timeout"]);

/** Codes of a session the cloud no longer accepts: worth one retry with credentials fetched anew. */
const EXPIRED_SESSION = new Set(["InvalidSecurityToken.Expired", "InvalidAccessKeyId.Expired"]);

export function dswProtocol(creds: Credentials<Acs3Credentials>): CloudProtocol {
    return {
        cloud: "DSW",
        classifier: { throttlingCodes: THROTTLING, transientCodes: TRANSIENT },
        async sign(req, operation) {
            const headers = { ...req.headers, "x-acs-action": operation, "x-acs-version": DSW_VERSION };
            return acs3Sign({ method: req.method, canonicalUri: req.path, query: req.query, headers, body: req.body }, await currentCredentials(creds));
        },
        onAuthFailure(err) {
            if (isCredentialSource(creds) && EXPIRED_SESSION.has(err.code)) {
                creds.invalidate();
                return true;
            }
            return false;
        },
        requestId: (headers, body) => requestIdFrom(headers, body, "x-acs-request-id", ["RequestId", "requestId"]),
        parseError(operation, res, meta: ErrorMetadata) {
            const { code, message } = errorFields(res.status, res.body, (raw) => {
                const b = ErrorBody.parse(raw);
                return { code: b.Code ?? b.code, message: b.Message ?? b.message };
            });
            return dswError(operation, code, message, meta, dswRetryAfterMs(res.headers));
        },
    };
}

/** A missing instance: HTTP 404 that is not an unknown API or access key (reference §3.2). */
export function isDswNotFound(e: unknown): boolean {
    return (
        e instanceof CloudServiceError &&
        e.cloud === "DSW" &&
        e.$metadata.httpStatusCode === 404 &&
        e.code !== "InvalidAction.NotFound" &&
        !e.code.startsWith("InvalidAccessKeyId")
    );
}

export type Instance = InstanceWire;

export interface ListQuery {
    [param: string]: string | number | undefined;
}

export interface DswClientOptions {
    endpoint: string;
    credentials: Credentials<Acs3Credentials>;
    retry?: StandardRetryStrategy;
    transport?: Partial<TransportOptions>;
}

const path = (id: string, suffix = "") => `/api/v2/instances/${percentEncode(id)}${suffix}`;

export class DswClient {
    readonly transport: HttpTransport;

    constructor(opts: DswClientOptions) {
        this.transport = new HttpTransport({
            endpoint: opts.endpoint,
            protocol: dswProtocol(opts.credentials),
            retry: opts.retry,
            ...opts.transport,
        });
    }

    private call<S extends z.ZodTypeAny>(req: CloudRequest, schema: S): Promise<z.infer<S>> {
        return this.transport.send(req, schema);
    }

    createInstance(body: Record<string, unknown>): Promise<string> {
        return this.call({ operation: "CreateInstance", method: "POST", path: "/api/v2/instances", body }, InstanceIdResponse).then((r) => r.InstanceId);
    }

    getInstance(id: string): Promise<Instance> {
        return this.call({ operation: "GetInstance", method: "GET", path: path(id) }, GetInstanceResponse) as Promise<Instance>;
    }

    async listInstances(query: ListQuery): Promise<{ total: number; instances: Instance[] }> {
        const q: Array<[string, string]> = Object.entries(query)
            .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "")
            .map(([k, v]) => [k, String(v)]);
        const r = await this.call({ operation: "ListInstances", method: "GET", path: "/api/v2/instances", query: q }, ListInstancesResponse);
        return { total: r.TotalCount, instances: r.Instances ?? [] };
    }

    updateInstance(id: string, body: Record<string, unknown>): Promise<unknown> {
        return this.call({ operation: "UpdateInstance", method: "PUT", path: path(id), body }, Envelope);
    }

    deleteInstance(id: string): Promise<unknown> {
        return this.call({ operation: "DeleteInstance", method: "DELETE", path: path(id) }, Envelope);
    }

    startInstance(id: string): Promise<unknown> {
        return this.call({ operation: "StartInstance", method: "PUT", path: path(id, "/start") }, Envelope);
    }

    stopInstance(id: string): Promise<unknown> {
        return this.call({ operation: "StopInstance", method: "PUT", path: path(id, "/stop"), query: [["SaveImage", "false"]] }, Envelope);
    }

    createShutdownTimer(id: string, timer: { DueTime: string } | { RemainingTimeInMs: number }): Promise<unknown> {
        // POST, but creating a timer overwrites the previous one: repeating it is harmless.
        return this.call(
            { operation: "CreateInstanceShutdownTimer", method: "POST", path: path(id, "/shutdowntimer"), body: timer, idempotent: true },
            Envelope,
        );
    }

    deleteShutdownTimer(id: string): Promise<unknown> {
        return this.call({ operation: "DeleteInstanceShutdownTimer", method: "DELETE", path: path(id, "/shutdowntimer") }, Envelope);
    }

    createIdleCuller(id: string, culler: { CpuPercentThreshold?: number; GpuPercentThreshold?: number; MaxIdleTimeInMinutes: number }): Promise<unknown> {
        // Retried like an idempotent call: a repeat that finds the policy already there is checked by the caller.
        return this.call(
            { operation: "CreateIdleInstanceCuller", method: "POST", path: path(id, "/idleinstanceculler"), body: culler, idempotent: true },
            Envelope,
        );
    }

    deleteIdleCuller(id: string): Promise<unknown> {
        return this.call({ operation: "DeleteIdleInstanceCuller", method: "DELETE", path: path(id, "/idleinstanceculler") }, Envelope);
    }

    updateLabels(id: string, labels: Array<{ Key: string; Value: string }>): Promise<unknown> {
        return this.call({ operation: "UpdateInstanceLabels", method: "PUT", path: path(id, "/labels"), body: { Labels: labels } }, Envelope);
    }

    deleteLabels(id: string, keys: string[]): Promise<unknown> {
        return this.call({ operation: "DeleteInstanceLabels", method: "DELETE", path: path(id, "/labels"), query: [["LabelKeys", keys.join(",")]] }, Envelope);
    }
}
