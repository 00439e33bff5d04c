/**
 * The current API's status vocabulary (NotebookResp.status, official SDK model; docs §4) and the
 * create's phase route, in one place for the CRUD code and the waits.
 */
import { PhasePrediction } from "../common/status";
import type { NbNotebook } from "./client";

/** On the way somewhere: wait before acting. */
export const NB_TRANSITIONAL: ReadonlySet<string> = new Set(["INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "SNAPSHOTTING"]);

/** Failed: `failedPolicy` applies (FROZEN is an account in arrears; a restart will not help, replace or error will say so). */
export const NB_FAILED: ReadonlySet<string> = new Set(["CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR", "FROZEN"]);

/**
 * The phases of a create on its way to RUNNING, for predicting when the wait ends. `update_at`
 * is taken to stamp the start of the current status (unconfirmed; the emulator does the same).
 */
export const NB_CREATE_PHASES: PhasePrediction<NbNotebook> = {
    route: { phases: [["INIT", "CREATING"], ["STARTING"]] },
    stamp: (n) => ({ status: n.status, since: n.update_at ?? undefined, origin: n.create_at ?? undefined }),
    resolutionMs: 1,
};
