/**
 * ModelArts DevEnviron (`demanager`) client: the instance operations of the older API, over the
 * shared Huawei transport (`provider/huawei/transport.ts`).
 */
import { z } from "zod";
import { percentEncode } from "../common/encoding";
import { CloudRequest, HttpTransport } from "../common/http";
import { MaClientOptions, modelartsTransport } from "../huawei/transport";
import { ActionResponse, DeleteResponse, ListNotebooksResponse, NotebookWire } from "./wire";

export type Notebook = NotebookWire;

export class ModelArtsClient {
    readonly transport: HttpTransport;
    readonly projectId: string;

    constructor(opts: MaClientOptions) {
        this.projectId = opts.projectId;
        this.transport = modelartsTransport(opts);
    }

    private base(suffix = ""): string {
        return `/v1/${percentEncode(this.projectId)}/demanager/instances${suffix}`;
    }

    private call<S extends z.ZodTypeAny>(req: CloudRequest, schema: S): Promise<z.infer<S>> {
        return this.transport.send(req, schema);
    }

    create(body: Record<string, unknown>): Promise<Notebook> {
        return this.call({ operation: "CreateNotebook", method: "POST", path: this.base(), body }, NotebookWire);
    }

    get(id: string): Promise<Notebook> {
        return this.call({ operation: "GetNotebook", method: "GET", path: this.base(`/${percentEncode(id)}`) }, NotebookWire);
    }

    async list(query: Record<string, string | number | undefined>): Promise<{ total: number; instances: Notebook[] }> {
        const q: Array<[string, string]> = [["de_type", "Notebook"]];
        for (const [k, v] of Object.entries(query)) {
            if (v !== undefined && v !== "") {
                q.push([k, String(v)]);
            }
        }
        const r = await this.call({ operation: "ListNotebooks", method: "GET", path: this.base(), query: q }, ListNotebooksResponse);
        return { total: r.total_count, instances: r.instances ?? [] };
    }

    update(id: string, body: { description?: string; spec?: { auto_stop: Record<string, unknown> } }): Promise<Notebook> {
        return this.call({ operation: "UpdateNotebook", method: "PUT", path: this.base(`/${percentEncode(id)}`), body }, NotebookWire);
    }

    delete(id: string): Promise<unknown> {
        return this.call({ operation: "DeleteNotebook", method: "DELETE", path: this.base(`/${percentEncode(id)}`) }, DeleteResponse);
    }

    action(id: string, action: "start" | "stop" | "restart"): Promise<unknown> {
        // Repeating start/stop is harmless: the API answers "already in that state" (6305/6307).
        return this.call(
            { operation: `NotebookAction:${action}`, method: "POST", path: this.base(`/${percentEncode(id)}/action`), body: { action }, idempotent: true },
            ActionResponse,
        );
    }
}
