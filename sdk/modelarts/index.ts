export * from "./notebook";
export * from "./getNotebooks";
export * from "./notebookV2";
export * from "./getNotebooksV2";
export * from "./getImagesV2";
export * from "./getFlavorsV2";
// Both resources generate the same provider-settings interface; one is exported.
export type { TimeoutsArgs } from "./notebook";
