/** What `modelarts.getNotebooks` returns per notebook (kept free of zod: the SDK's declarations import it). */
export interface NotebookSummary {
    id: string;
    name: string;
    status: string;
    [field: string]: unknown;
}
