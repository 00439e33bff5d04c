export * from "./instance";
export * from "./getInstances";
