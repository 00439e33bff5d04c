/**
 * DSW's status vocabulary (docs/dsw-api.md §6) and the phase routes used to predict when a wait
 * ends, in one place: the CRUD code and the waits name these sets instead of repeating literals.
 */
import { isoMs } from "../common/eta";
import { PhasePrediction } from "../common/status";
import type { Instance } from "./client";

/** On the way somewhere: wait before acting. */
export const TRANSITIONAL: ReadonlySet<string> = new Set([
    "Creating",
    "Queuing",
    "ResourceAllocating",
    "EnvPreparing",
    "Starting",
    "Updating",
    "Saving",
    "Stopping",
    "Recovering",
]);
/** Not running and not failed: the "Stopped" of desired state (Failed has its own failedPolicy). */
export const STOPPED_LIKE: ReadonlySet<string> = new Set(["Stopped", "Saved", "SaveFailed"]);
/** What a stop that took effect leaves behind. */
export const STOPPING_OR_STOPPED: readonly string[] = ["Stopping", "Stopped", "Saved", "SaveFailed"];
/** What a start that took effect leaves behind. */
export const STARTING_OR_RUNNING: readonly string[] = ["Starting", "Queuing", "ResourceAllocating", "EnvPreparing", "Running"];

/**
 * The phases on the way to Running (docs/dsw-api.md §6.2), for predicting when a wait ends.
 * Assumed (unconfirmed): GmtModifiedTime changes when the status does, so it stamps the start of
 * the current phase; the emulator does the same.
 */
export const CREATE_PHASES: PhasePrediction<Instance> = {
    route: { phases: [["Creating"], ["Queuing", "ResourceAllocating"], ["EnvPreparing"]] },
    stamp: (i) => ({ status: i.Status, since: isoMs(i.GmtModifiedTime), origin: isoMs(i.GmtCreateTime) }),
    resolutionMs: 1000,
};
export const START_PHASES: PhasePrediction<Instance> = {
    route: { phases: [["Starting"], ["EnvPreparing"]] },
    stamp: (i) => ({ status: i.Status, since: isoMs(i.GmtModifiedTime) }),
    resolutionMs: 1000,
};
