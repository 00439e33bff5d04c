/**
 * Client of the notebook API Huawei recommends today (DevEnviron, `/v1/{project_id}/notebooks`;
 * docs/modelarts-notebooks-api.md): the same signing, IAM tokens, error codes and transport as
 * the old API's client (../client.ts), other paths and bodies.
 */
import { z } from "zod";
import { percentEncode } from "../common/encoding";
import { CloudRequest, HttpTransport } from "../common/http";
import { MaClientOptions, modelartsTransport } from "../huawei/transport";
import { LeaseWire, NotebookPage, NotebookWire, TagAnswer } from "./wire";

export type NbNotebook = NotebookWire;

/** Page size for walking ListNotebooks: its largest documented `limit` ([10,20,50]). */
export const LIST_PAGE = 50;
export type NbLease = z.infer<typeof LeaseWire>;

export class NotebooksClient {
    readonly transport: HttpTransport;
    readonly projectId: string;

    constructor(opts: MaClientOptions) {
        this.projectId = opts.projectId;
        this.transport = modelartsTransport(opts);
    }

    private path(suffix = ""): string {
        return `/v1/${percentEncode(this.projectId)}/notebooks${suffix}`;
    }

    private one(id: string, suffix = ""): string {
        return this.path(`/${percentEncode(id)}${suffix}`);
    }

    private call<S extends z.ZodTypeAny>(req: CloudRequest, schema: S): Promise<z.infer<S>> {
        return this.transport.send(req, schema);
    }

    create(body: Record<string, unknown>): Promise<NbNotebook> {
        return this.call({ operation: "CreateNotebook", method: "POST", path: this.path(), body }, NotebookWire);
    }

    get(id: string): Promise<NbNotebook> {
        return this.call({ operation: "ShowNotebook", method: "GET", path: this.one(id) }, NotebookWire);
    }

    /**
     * One page; `offset`/`limit` as the API takes them (limit default 10). The workspace goes out
     * under both names the sources give it: `workspace_id` (Huawei's generated client and current
     * reference) and `workspaceId` (the older reference and Terraform's client); see
     * docs/modelarts-notebooks-api.md §1. Paging is by offset and `total`, never by `current`
     * (whose first page is 1 in the generated model and 0 in older answers).
     */
    async list(query: Record<string, string | number | undefined>): Promise<{ total: number; notebooks: NbNotebook[] }> {
        const { workspaceId, workspace_id, ...rest } = query;
        const ws = workspace_id ?? workspaceId;
        const q: Array<[string, string]> = [];
        for (const [k, v] of Object.entries({ ...rest, workspace_id: ws, workspaceId: ws })) {
            if (v !== undefined && v !== "") q.push([k, String(v)]);
        }
        const r = await this.call({ operation: "ListNotebooks", method: "GET", path: this.path(), query: q }, NotebookPage);
        return { total: r.total, notebooks: r.data ?? [] };
    }

    /** Every page of a listing. */
    async listAll(query: Record<string, string | number | undefined>): Promise<NbNotebook[]> {
        const out: NbNotebook[] = [];
        // The largest page size ListNotebooks documents (limit: [10,20,50], generated model and reference).
        const limit = LIST_PAGE;
        for (let offset = 0; ; offset += limit) {
            const page = await this.list({ ...query, offset, limit });
            out.push(...page.notebooks);
            if (page.notebooks.length < limit || out.length >= page.total) return out;
        }
    }

    update(id: string, body: Record<string, unknown>): Promise<NbNotebook> {
        return this.call({ operation: "UpdateNotebook", method: "PUT", path: this.one(id), body }, NotebookWire);
    }

    delete(id: string): Promise<unknown> {
        return this.call({ operation: "DeleteNotebook", method: "DELETE", path: this.one(id) }, z.unknown());
    }

    /** Starting again is harmless (6305/6306 answer it); the lease re-arms with `durationMs`. */
    start(id: string, durationMs?: number): Promise<unknown> {
        const query: Array<[string, string]> =
            durationMs === undefined
                ? []
                : [
                      ["duration", String(durationMs)],
                      ["type", "TIMING"],
                  ];
        return this.call({ operation: "StartNotebook", method: "POST", path: this.one(id, "/start"), query, idempotent: true }, z.unknown());
    }

    stop(id: string): Promise<unknown> {
        return this.call({ operation: "StopNotebook", method: "POST", path: this.one(id, "/stop"), idempotent: true }, z.unknown());
    }

    showLease(id: string): Promise<NbLease> {
        return this.call({ operation: "ShowLease", method: "GET", path: this.one(id, "/lease") }, LeaseWire);
    }

    /** Sets the lease's running duration (ms from the lease's start); -1 switches auto-stop off (as Terraform's create does). */
    renewLease(id: string, durationMs: number): Promise<NbLease> {
        return this.call({ operation: "RenewLease", method: "PATCH", path: this.one(id, "/lease"), query: [["duration", String(durationMs)]] }, LeaseWire);
    }

    createTags(id: string, tags: Array<{ key: string; value: string }>): Promise<unknown> {
        return this.call({ operation: "CreateNotebookTags", method: "POST", path: this.one(id, "/tags/create"), body: { tags }, idempotent: true }, TagAnswer);
    }

    deleteTags(id: string, keys: readonly string[]): Promise<unknown> {
        return this.call(
            { operation: "DeleteNotebookTags", method: "DELETE", path: this.one(id, "/tags/delete"), body: { tags: keys.map((key) => ({ key })) } },
            TagAnswer,
        );
    }
}
