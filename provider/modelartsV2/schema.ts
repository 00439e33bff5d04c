/**
 * Inputs of `modelarts.NotebookV2`: the current API's create request (CreateNotebook,
 * docs/modelarts-notebooks-api.md §2) in camelCase, with the lease as the typed stop schedule,
 * tags, run state and the provider's settings. One declaration per input (../../common/declare.ts).
 */
import { z } from "zod";
import { field, input } from "../common/declare";
import { OWNER_KEY, durationString } from "../common/schema";
import { projectIdInput, providerSettingInputs, runStateInput } from "../huawei/sharedInputs";
import { DURATION_PATTERN, parseDuration } from "../common/timeouts";

/** The lease bounds: 3600000–259200000 ms (NotebookCreateRequest.duration, official SDK model). */
export const LEASE_MIN_MS = 3_600_000;
export const LEASE_MAX_MS = 259_200_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const VolumeInput = field(
    z
        .strictObject({
            category: field(z.enum(["EVS", "EFS"]), { description: '"EVS" (a disk of its own) or "EFS" (SFS Turbo).' }),
            ownership: field(z.enum(["MANAGED", "DEDICATED"]).optional(), { description: '"MANAGED" (default) or "DEDICATED" (your own EFS).' }),
            capacity: input(z.number().int().min(5, "volume.capacity must be 5-4096 GB").max(4096, "volume.capacity must be 5-4096 GB").optional(), {
                policy: "stopThenUpdate",
                description: "GB, 5-4096 (EVS only, default 5). Grows in place (storage_new_size) with the notebook stopped; never shrinks.",
            }),
            uri: field(z.string().min(1).optional(), { description: "Shared path of your EFS (DEDICATED)." }),
            id: field(z.string().min(1).optional(), { description: "Id of your EFS file system (a UUID; required with DEDICATED)." }),
        })
        .superRefine((v, ctx) => {
            if ((v.ownership ?? "MANAGED") === "DEDICATED" && (v.category !== "EFS" || !v.uri)) {
                ctx.addIssue({ code: "custom", path: ["uri"], message: "DEDICATED storage is an EFS of yours: set category EFS and its uri" });
            }
        }),
    { typeName: "NotebookVolumeArgs", description: "The notebook's work directory storage (/home/ma-user/work)." },
);

const leaseMs = (s: string) => parseDuration(s) ?? NaN;

export const LeaseInput = field(
    z
        .strictObject({
            enable: field(z.boolean().optional(), { description: "false: no automatic stop. Default true." }),
            type: field(z.literal("TIMING").optional(), { description: '"TIMING": stop a fixed time after each start (the only type managed here).' }),
            duration: field(
                durationString("lease.duration")
                    // One message per mistake: a duration that does not parse is not also said to be out of range.
                    .refine((s) => !DURATION_PATTERN.test(s) || (leaseMs(s) >= LEASE_MIN_MS && leaseMs(s) <= LEASE_MAX_MS), "lease.duration must be 1h-72h")
                    .optional(),
                { description: 'Running time after each start before the notebook stops, 1h-72h, e.g. "8h".' },
            ),
        })
        .refine((l) => l.enable === false || l.duration !== undefined, { message: "lease.duration is required unless enable is false", path: ["duration"] }),
    {
        typeName: "NotebookLeaseArgs",
        description:
            "The stop schedule (the lease). A stop by its own lease is the schedule working, not drift: the notebook stays stopped until the lease or the status changes. Absent: the service's default lease (1 h) applies and is not compared.",
    },
);

const Endpoint = field(
    z.strictObject({
        service: field(z.enum(["SSH", "NOTEBOOK"]), { description: '"SSH" for a local IDE or SSH client, "NOTEBOOK" for HTTPS.' }),
        keyPairNames: field(z.array(z.string().min(1)).max(1, "one SSH key pair per endpoint").optional(), {
            description: "ECS key pair name (required for SSH).",
        }),
        allowedAccessIps: field(z.array(z.string().min(1)).max(5, "at most 5 allowed access IPs").optional(), {
            description: "Public IPv4 addresses or CIDR blocks allowed to connect (at most 5).",
        }),
    }),
    { typeName: "NotebookEndpointArgs" },
);

export const NbInputs = z
    .strictObject({
        projectId: projectIdInput(),
        // ASCII letters only: "大小写字母、数字、中划线和下划线" (generated model v0.1.207) and the reference's
        // "letters, digits, hyphens, underscores" (docs/modelarts-notebooks-api.md §2).
        name: input(
            z
                .string({ error: "name is required" })
                .regex(/^[A-Za-z0-9_-]{1,128}$/, "name must be 1-128 ASCII letters (A-Z, a-z), digits, hyphens or underscores"),
            {
                policy: "update",
                description: "Notebook name, 1-128 ASCII letters, digits, hyphens or underscores (names may repeat in a project).",
            },
        ),
        description: input(
            z
                .string()
                .max(512, "description must be at most 512 characters")
                .refine((d) => !/[&<>"'/]/.test(d), "description must not contain & < > \" ' /")
                .optional(),
            { policy: "update", description: "Up to 512 characters, none of & < > \" ' /." },
        ),
        flavor: input(z.string({ error: "flavor is required" }).regex(/^modelarts\.[a-z0-9.]+$/i, 'flavor must look like "modelarts.vm.cpu.2u"'), {
            policy: "stopThenUpdate",
            description:
                'Compute flavor, e.g. "modelarts.vm.cpu.2u". Switchable to another of the notebook\'s switchable flavors: stop, update, restore the run state.',
        }),
        imageId: input(z.string({ error: "imageId is required" }).regex(UUID, "imageId must be an image UUID (ListImage)"), {
            policy: "stopThenUpdate",
            description: "Image id (a UUID, from ListImage). Switchable with the notebook stopped.",
        }),
        volume: input(VolumeInput, { policy: "replace" }),
        poolId: input(z.string().min(1).optional(), { policy: "replace", description: "Dedicated resource pool id." }),
        workspaceId: input(
            z
                .string()
                .regex(/^(0|[0-9a-z]{32})$/, 'workspaceId must be "0" or a 32-character workspace id')
                .optional(),
            {
                policy: "replace",
                description: 'Workspace. Default "0".',
            },
        ),
        feature: input(z.enum(["NOTEBOOK", "DEFAULT"]).optional(), {
            policy: "replace",
            description: '"NOTEBOOK" (default, billed) or "DEFAULT" (the one free CodeLab instance).',
        }),
        endpoints: input(z.array(Endpoint).optional(), { policy: "update", description: "Remote access (SSH key pair and allowed IPs)." }),
        lease: input(LeaseInput.optional(), { policy: "update", sentBy: "CreateNotebook, then RenewLease and StartNotebook's duration" }),
        // Huawei's tag rules (TMS), not DSW's label rules: checked with the tag count in rules.ts.
        tags: input(z.record(z.string(), z.string()).optional(), {
            policy: "update",
            sentBy: "CreateNotebookTags / DeleteNotebookTags",
            description: `Tags: at most 19 (a notebook carries 20, and the provider adds \`${OWNER_KEY}\` itself); keys 1-128 and values up to 255 letters, digits, spaces and \`_ . : = + - @\` (values also \`/\`), keys not starting with \`_sys_\` nor with or ending in a space.`,
        }),
        status: runStateInput("StartNotebook / StopNotebook"),
        ...providerSettingInputs(
            "NotebookV2AdoptArgs",
            "Take over an existing notebook: its `instanceId`, or `byName: true` (refused when the name is not unique).",
        ),
    })
    .superRefine((v, ctx) => {
        if (v.volume.category === "EFS" && (v.volume.ownership ?? "MANAGED") === "MANAGED" && !v.poolId) {
            ctx.addIssue({ code: "custom", path: ["volume", "category"], message: "service-managed EFS storage needs a dedicated pool (set poolId)" });
        }
    });

export type NbInputs = z.infer<typeof NbInputs>;

/** An EVS disk's size when the input omits it: CreateNotebook's default (docs/modelarts-notebooks-api.md §2). */
export const EVS_DEFAULT_GB = 5;

/**
 * The disk size `volume` asks for, the default applied: an omitted capacity and 5 are the same
 * wish. Undefined for EFS, which its file system sizes (the notebook's capacity is not an input).
 */
export function capacityOf(volume: Partial<NbInputs["volume"]> | undefined): number | undefined {
    if (volume?.category !== "EVS") return undefined;
    return volume.capacity ?? EVS_DEFAULT_GB;
}

/** The lease in milliseconds, as the API counts it; -1 switches auto-stop off (the value Terraform's create sends). */
export function leaseMsOf(lease: NbInputs["lease"]): number | undefined {
    if (!lease) return undefined;
    if (lease.enable === false) return -1;
    return parseDuration(lease.duration ?? "");
}
