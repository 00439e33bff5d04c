/**
 * An update the cloud applies only to a stopped notebook: stop it, apply, restore the run state
 * (README, "stop-update-start"). The restore is the last step of the update, so a failure between
 * the stop and it would leave a notebook its users had running stopped, with nothing changed. On
 * such a failure the notebook is started again, best effort, before the failure is reported: the
 * failure itself (operation, the cloud's code and message, request id) is what propagates.
 */
import { errorMessage } from "./errors";
import { ProgressLog } from "./log";

export interface StopFirst {
    /** A changed field needs the notebook stopped, and it is not. */
    needed: boolean;
    /** The notebook ran before the stop and its run state asks it to run: start it again on a failure. */
    restartOnFailure: boolean;
    /** What the stop is for, for the progress line ("flavor, volume.capacity"). */
    fields: readonly string[];
    stop(): Promise<void>;
    /** The start the update would have made to restore the run state. */
    start(): Promise<void>;
    log: ProgressLog;
}

/** Stops when `s.needed`, then runs the steps that need the stop; restarts on their failure. */
export async function withStopFirst<T>(s: StopFirst, steps: () => Promise<T>): Promise<T> {
    if (!s.needed) return steps();
    s.log.info(`stopping to change ${s.fields.join(", ")}`);
    await s.stop();
    try {
        return await steps();
    } catch (e) {
        if (s.restartOnFailure) {
            // The failure itself is reported once, by the engine, after the restart.
            s.log.info("the update failed after the notebook was stopped for it: starting it again, as it ran before");
            try {
                await s.start();
                s.log.info("started again after the failed update");
            } catch (r) {
                s.log.warn(`could not start it again after the failed update (${errorMessage(r)}): it may be left stopped; the next \`pulumi up\` starts it`);
            }
        }
        throw e;
    }
}
