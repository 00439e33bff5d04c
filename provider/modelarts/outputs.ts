/**
 * The outputs of `modelarts.Notebook`, declared once (see provider/dsw/outputs.ts): the SDK's output
 * types and the README's outputs table are generated from it; the state builder writes `MaOutputs`.
 */
import { z } from "zod";
import { output } from "../common/declare";

const str = (description: string) => output(z.string(), { description });
const anyObject = z.record(z.string(), z.unknown());

export const MaNotebookOutputs = z.object({
    instanceId: str("Notebook id (`DE-…`)."),
    projectId: output(z.string(), { description: "IAM project the notebook lives in.", echoesInput: true }),
    name: output(z.string(), { description: "Notebook name (live after a refresh).", echoesInput: true }),
    flavor: output(z.string(), { description: "Flavor (live after a refresh).", echoesInput: true }),
    status: str("Run state: the cloud's status, except that a notebook stopped by auto-stop reports its desired state."),
    liveStatus: output(z.string(), { description: "The cloud's own status word." }),
    creationTimestamp: str("Creation time, epoch ms (string, as the API reports it)."),
    latestUpdateTimestamp: str("Last update time, epoch ms."),
    profile: output(anyObject.optional(), { description: "Profile (engine image) details." }),
    flavorDetails: output(anyObject.optional(), { description: "Flavor details: type, CPU/GPU/memory params, sale status." }),
    autoStopState: output(
        z
            .object({ enable: z.boolean().optional(), duration: z.number().optional(), prompt: z.boolean().optional(), stopTimestamp: z.number().optional() })
            .optional(),
        { description: "Live auto-stop: enable, duration, and while running stopTimestamp (ms, when it stops)." },
    ),
    failedReasons: output(anyObject.optional(), { description: "Why a create or start failed (code, message)." }),
    queuingInfo: output(anyObject.optional(), { description: "Queue position and time left for free flavors." }),
    user: output(z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(), { description: "Owner (id, name)." }),
    url: str("Notebook URL."),
    targetDomain: str("Notebook domain."),
    errorCode: str("Business error code when failed."),
    workspaceId: str("Workspace id."),
    aiProjectId: str("AI project id."),
    stoppedBySchedule: output(z.boolean(), { description: "True when auto-stop stopped the notebook." }),
    credential: output(anyObject.optional(), { description: "OBS AK/SK the service reports. Secret.", secret: true }),
    repository: output(anyObject.optional(), { description: "Git repository with its token or key. Secret.", secret: true }),
});

/** What the state builder takes from the live notebook (the rest are inputs read back or bookkeeping). */
export const MaCloudOutputs = MaNotebookOutputs.omit({ projectId: true, name: true, flavor: true, liveStatus: true });
export type MaOutputs = z.infer<typeof MaCloudOutputs>;
