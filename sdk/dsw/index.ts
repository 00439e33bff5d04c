export * from "./instance";
export * from "./getInstances";
export * from "./getEcsSpecs";
