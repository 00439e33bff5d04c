/** What `modelarts.getNotebooksV2` returns per notebook (kept free of zod: the SDK's declarations import it). */
export interface NotebookV2Summary {
    id: string;
    name: string;
    status: string;
    [field: string]: unknown;
}
