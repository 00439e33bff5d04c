export { startEmulator, RunningEmulator } from "./server";
export * from "./options";
export { AdminClient } from "./adminClient";
