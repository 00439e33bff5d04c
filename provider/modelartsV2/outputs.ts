/**
 * The outputs of `modelarts.NotebookV2`, declared once (see provider/dsw/outputs.ts): the SDK's
 * output types and the README's outputs table are generated from it; the state builder writes
 * `NbOutputs`.
 */
import { z } from "zod";
import { field, output } from "../common/declare";

const str = (description: string) => output(z.string(), { description });

const LeaseState = field(
    z.object({
        enable: z.boolean(),
        type: z.string(),
        duration: field(z.string().optional(), { description: 'As the input writes it, e.g. `"8h"`; absent when the lease is off.' }),
        startedAt: field(z.number().optional(), { description: "The countdown's start (ms): the last start." }),
        stopAt: field(z.number().optional(), { description: "When the lease stops the notebook (ms)." }),
    }),
    { typeName: "NotebookLeaseState", description: "The live lease: when its countdown started and when it stops the notebook." },
);

export const NbNotebookOutputs = z.object({
    instanceId: str("Notebook id (a UUID)."),
    projectId: output(z.string(), { description: "IAM project the notebook lives in.", echoesInput: true }),
    name: output(z.string(), { description: "Notebook name (live after a refresh).", echoesInput: true }),
    status: str("Run state: the cloud's status, except that a notebook stopped by its lease reports its desired state."),
    liveStatus: output(z.string(), { description: "The cloud's own status word (INIT, CREATING, RUNNING, STOPPED, …)." }),
    url: str("Notebook URL."),
    token: output(z.string(), { description: "Notebook authentication token, stored as a secret.", secret: true }),
    imageName: str("Image name."),
    imageSwrPath: str("Image address in SWR."),
    leaseState: output(LeaseState.optional(), { description: "The live lease: enable, type, duration, startedAt and stopAt (ms)." }),
    stoppedBySchedule: output(z.boolean(), { description: "True when the lease stopped the notebook." }),
    failReason: str("Failure cause reported by the cloud."),
    createAt: output(z.number().optional(), { description: "Creation time, epoch ms." }),
    updateAt: output(z.number().optional(), { description: "Last change, epoch ms." }),
    poolName: str("Dedicated pool name."),
    sshUri: str("SSH address (with an SSH endpoint)."),
    userId: str("Owner's user id."),
    liveTags: output(z.record(z.string(), z.string()), {
        description: "All tags on the notebook, including ones set outside Pulumi. Secret when `tags` is.",
        secretWith: "tags",
    }),
});

/** What the state builder takes from the live notebook (the rest are inputs read back or bookkeeping). */
export const NbCloudOutputs = NbNotebookOutputs.omit({ projectId: true, name: true, liveStatus: true });
export type NbOutputs = z.infer<typeof NbCloudOutputs>;
