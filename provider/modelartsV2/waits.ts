/** Named waits per target state over the shared poller (provider/huawei/notebookWaits.ts). */
import { WaitContext } from "../common/status";
import { notebookWaits } from "../huawei/notebookWaits";
import { NbNotebook, NotebooksClient } from "./client";
import { NB_CREATE_PHASES, NB_FAILED } from "./statuses";

/** What every operation carries: the project's client, polling, deadline and log. */
export interface NbOpContext extends WaitContext {
    client: NotebooksClient;
}

/** Gone: the API answers ModelArts.6404 / 404 (DELETED may show on the way). */
export const { untilCreated, untilRunning, untilStopped, untilSettled, untilDeleted } = notebookWaits<NbOpContext, NbNotebook>({
    get: (ctx, id) => ctx.client.get(id),
    status: (x) => x.status,
    failed: NB_FAILED,
    reason: (x) => x.fail_reason ?? "",
    createPhases: NB_CREATE_PHASES,
});
