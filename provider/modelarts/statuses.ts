/**
 * ModelArts' status vocabulary (docs/modelarts-devenv-api.md §3.9) and the create's phase route, in one
 * place for the CRUD code and the waits.
 */
import { PhasePrediction } from "../common/status";
import type { Notebook } from "./client";
import { MA_FAILED } from "./policy";

export { MA_FAILED };

/** On the way somewhere: wait before acting. */
export const TRANSITIONAL: ReadonlySet<string> = new Set([
    "CREATE_QUEUING",
    "CREATING",
    "START_QUEUING",
    "READY_TO_START",
    "STARTING",
    "RESTARTING",
    "STOPPING",
    "RESIZING",
]);

function msOf(v: string | number | null | undefined): number | undefined {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/**
 * The phases of a create on its way to RUNNING, for predicting when the wait ends (../common/eta.ts).
 * `latest_update_timestamp` (ms) is taken to stamp the start of the current status, which the
 * seed's examples fit but do not state (unconfirmed); the emulator does the same. A free flavor
 * queues first (CREATE_QUEUING); its queue time then counts as part of the first phase.
 */
export const CREATE_PHASES: PhasePrediction<Notebook> = {
    route: { phases: [["CREATING"], ["STARTING"]] },
    stamp: (n) => ({ status: n.status, since: msOf(n.latest_update_timestamp), origin: msOf(n.creation_timestamp) }),
    resolutionMs: 1,
};
