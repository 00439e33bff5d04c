/** Named waits per target state over the shared poller (provider/huawei/notebookWaits.ts). */
import { WaitContext } from "../common/status";
import { notebookWaits } from "../huawei/notebookWaits";
import { ModelArtsClient, Notebook } from "./client";
import { CREATE_PHASES, MA_FAILED } from "./statuses";

/** What every ModelArts operation carries: the project's client, polling, deadline and log. */
export interface MaOpContext extends WaitContext {
    client: ModelArtsClient;
}

/** Gone: DELETED is still visible; the notebook is gone when the API answers ModelArts.6309. */
export const { untilCreated, untilRunning, untilStopped, untilSettled, untilDeleted } = notebookWaits<MaOpContext, Notebook>({
    get: (ctx, id) => ctx.client.get(id),
    status: (x) => x.status,
    failed: MA_FAILED,
    reason: (x) => `${x.spec?.failed_reasons?.code ?? x.error_code ?? ""} ${x.spec?.failed_reasons?.message ?? ""}`.trim(),
    createPhases: CREATE_PHASES,
});
