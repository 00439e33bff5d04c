export * from "./notebook";
export * from "./getNotebooks";
