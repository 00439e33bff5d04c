/**
 * The outputs of `dsw.Instance`, declared once: their types (what state holds), descriptions and
 * secrecy. The SDK's output types (sdk/generated/dswInstanceOutputs.ts) and the README's outputs
 * table are generated from this declaration; the state builder (state.ts) writes `DswOutputs`.
 */
import { z } from "zod";
import { field, output } from "../common/declare";

const str = (description: string) => output(z.string(), { description });
const anyObject = z.record(z.string(), z.unknown());

export const DswInstanceOutputs = z.object({
    instanceId: str("Instance id (`dsw-…`)."),
    instanceName: output(z.string(), { description: "Instance name (live after a refresh).", echoesInput: true }),
    workspaceId: str("Workspace the instance lives in."),
    workspaceName: str("Workspace name."),
    status: str(
        'Run state in the desired-state vocabulary ("Running", "Stopped", "Failed" or a transitional status); a schedule-stopped instance reports its desired state.',
    ),
    liveStatus: output(z.string(), { description: "The cloud's own status word (e.g. Saved, EnvPreparing)." }),
    reasonCode: str("Failure code reported by the cloud."),
    reasonMessage: str("Failure message reported by the cloud."),
    ecsSpec: output(z.string().optional(), { description: "ECS instance type (live after a refresh).", echoesInput: true }),
    requestedResource: output(z.record(z.string(), z.string()).optional(), { description: "Quota resources (live after a refresh).", echoesInput: true }),
    resourceName: str("Purchased spec (pay-as-you-go) or requested CPU/memory (subscription)."),
    paymentType: str("PayAsYouGo or Subscription."),
    acceleratorType: str("CPU or GPU."),
    imageName: str("Image name."),
    userName: str("Owner's user name."),
    instanceUrl: str("Console URL of the notebook."),
    jupyterlabUrl: str("JupyterLab URL (while running)."),
    webIdeUrl: str("Web IDE URL (while running)."),
    terminalUrl: str("Terminal URL (while running)."),
    gmtCreateTime: str("Creation time (ISO-8601)."),
    gmtModifiedTime: str("Last modification time (ISO-8601)."),
    shutdownTimerState: output(
        field(
            z.object({ dueTime: field(z.string(), { description: "When the timer stops the instance (ISO-8601); the remaining time is `dueTime - now`." }) }),
            {
                typeName: "ShutdownTimerState",
                description: "State of the shutdown timer as the cloud reports it.",
            },
        ).optional(),
        { description: "The live shutdown timer: dueTime." },
    ),
    appliedShutdownDueTime: output(z.string().optional(), {
        description: "Due time the provider last applied (tells a fired timer from one removed in the console).",
        internal: true,
    }),
    idleCullerState: output(
        z
            .object({ cpuPercentThreshold: z.number().optional(), gpuPercentThreshold: z.number().optional(), maxIdleTimeInMinutes: z.number().optional() })
            .optional(),
        { description: "The live idle culler's thresholds." },
    ),
    stoppedBySchedule: output(z.boolean(), { description: "True when the instance is stopped because its shutdown timer fired." }),
    latestSnapshot: output(anyObject.optional(), { description: "Latest saved image of the environment." }),
    snapshots: output(z.array(anyObject), { description: "Saved images of the environment." }),
    liveLabels: output(z.record(z.string(), z.string()), {
        description: "All labels on the instance, including ones set outside Pulumi. Secret when `labels` is.",
        secretWith: "labels",
    }),
    /** GetInstance only: undefined when a listing served the read (the builder keeps the previous value). */
    userCommandId: output(z.string().optional(), { description: "Id of the start-up command (GetUserCommand)." }),
    imageAuth: output(z.string().optional(), { description: "The registry credential, stored as a secret.", secret: true, echoesInput: true }),
});

/** What the state builder takes from the live instance (the rest are inputs read back or bookkeeping). */
export const DswCloudOutputs = DswInstanceOutputs.omit({ instanceName: true, liveStatus: true, ecsSpec: true, requestedResource: true, imageAuth: true });
export type DswOutputs = z.infer<typeof DswCloudOutputs>;
