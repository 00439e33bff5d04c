/**
 * Inputs of `modelarts.Notebook`: the create page's request tables (docs/modelarts-devenv-api.md §3.2) in camelCase (name, profile_id,
 * description, flavor, spec {storage, extend_storage, auto_stop, annotations}, workspace, pool,
 * ai_project) plus the provider's settings, with every documented rule checked at preview.
 */
import { z } from "zod";
import { field, input } from "../common/declare";
import { OWNER_KEY } from "../common/schema";
import { projectIdInput, providerSettingInputs, runStateInput } from "../huawei/sharedInputs";

const Location = z
    .strictObject({
        path: z.string().optional().describe("OBS: directory path ending with / (not a bucket root); obsfs: bucket name."),
        volumeSize: z
            .number()
            .int()
            .min(5, "volumeSize must be 5-4096 GB")
            .max(4096, "volumeSize must be 5-4096 GB")
            .optional()
            .describe("EVS size in GB, 5-4096, default 5."),
        mountPath: z.string().regex(/^\//, "mountPath must be an absolute path").optional().describe("obsfs only; default /home/ma-user/work."),
        accessModes: z.enum(["ReadWriteMany", "ReadOnlyMany"]).optional().describe("obsfs only; default ReadWriteMany."),
    })
    .meta({ typeName: "StorageLocationArgs" });

export const StorageInput = z
    .strictObject({
        type: z.enum(["obs", "obsfs", "evs"]).describe('"obs", "obsfs" (dedicated pools) or "evs".'),
        location: Location.optional(),
    })
    .superRefine((s, ctx) => {
        const path = s.location?.path;
        const at = (p: string, message: string) => ctx.addIssue({ code: "custom", path: ["location", p], message });
        if (s.type === "obs") {
            if (!path) at("path", "location.path is required for obs storage");
            else if (!path.endsWith("/")) at("path", "the OBS path must end with /");
            else if (/^\/?[^/]+\/$/.test(path)) at("path", "the OBS path must be a directory inside a bucket, not the bucket root");
            if (s.location?.volumeSize !== undefined) at("volumeSize", "volumeSize applies to evs storage only");
        }
        if (s.type === "obsfs" && !path) at("path", "location.path (the parallel file system bucket) is required for obsfs storage");
        if (s.type === "evs" && path) at("path", "path must not be set for evs storage");
        if (s.type !== "obsfs" && (s.location?.mountPath || s.location?.accessModes)) {
            at(s.location?.mountPath ? "mountPath" : "accessModes", "mountPath and accessModes apply to obsfs storage only");
        }
    })
    .meta({ typeName: "StorageArgs", description: "Where the notebook's work directory lives." });

export const AutoStopInput = z
    .strictObject({
        enable: z.boolean().describe("Stop automatically after `duration` seconds of running."),
        duration: z
            .number()
            .int()
            .min(3600, "autoStop.duration must be 3600-86400 seconds")
            .max(86400, "autoStop.duration must be 3600-86400 seconds")
            .optional()
            .describe("Seconds, 3600-86400; required when enable is true; applies at every start."),
        prompt: z.boolean().optional().describe("Console reminder, default true."),
    })
    .refine((a) => !a.enable || a.duration !== undefined, { message: "autoStop.duration is required when enable is true", path: ["duration"] })
    .meta({ typeName: "AutoStopArgs", description: "Stop automatically after a running time." });

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export const MaNotebookInputs = z
    .strictObject({
        projectId: projectIdInput(),
        name: input(z.string({ error: "name is required" }).regex(NAME, "name must be 1-64 letters, digits, hyphens or underscores"), {
            policy: "replace",
            description: "Notebook name: 1-64 letters, digits, hyphens or underscores. Changing it replaces the notebook.",
        }),
        profileId: input(z.string({ error: "profileId is required" }).min(1, "profileId is required"), {
            policy: "replace",
            description: 'Engine profile, e.g. "Multi-Engine 1.0 (python3)-gpu".',
        }),
        description: input(
            z
                .string()
                .max(512, "description must be at most 512 characters")
                .refine((d) => !/[&<>"'/]/.test(d), "description must not contain & < > \" ' /")
                .optional(),
            { policy: "update", description: "Up to 512 characters, none of & < > \" ' /. Updated in place." },
        ),
        flavor: input(z.string({ error: "flavor is required" }).regex(/^modelarts\.[a-z0-9.]+$/i, 'flavor must look like "modelarts.vm.cpu.2u"'), {
            policy: "replace",
            description: 'Compute flavor, e.g. "modelarts.vm.cpu.2u". Changing it replaces the notebook.',
        }),
        spec: input(
            field(
                z.strictObject({
                    storage: input(StorageInput, { policy: "replace" }),
                    extendStorage: input(z.array(StorageInput).optional(), { policy: "replace", description: "Extra obsfs storage (dedicated pools only)." }),
                    autoStop: input(AutoStopInput.optional(), {
                        policy: "update",
                        description: "Auto-stop after a running time. ModelArts applies a changed duration at the next start.",
                    }),
                    annotations: input(
                        z
                            .record(
                                z.string().refine((k) => k !== OWNER_KEY, `${OWNER_KEY} is reserved for the provider`),
                                z.string(),
                            )
                            .optional(),
                        { policy: "replace", description: "Key/value annotations. The provider adds `pulumi-notebooks-owner` itself." },
                    ),
                }),
                { typeName: "NotebookSpecArgs" },
            ),
            // Everything in the spec replaces but auto-stop, which its part declares (the flattened
            // view: `spec.autoStop` apart from the rest of `spec`).
            {
                policy: "replace",
                description: "Storage, auto-stop and annotations. A change to `autoStop` is updated in place; any other change replaces the notebook.",
            },
        ),
        workspace: input(field(z.strictObject({ id: z.string().min(1) }), { typeName: "WorkspaceRefArgs" }).optional(), {
            policy: "replace",
            description: 'Workspace. Default {id: "0"}.',
        }),
        pool: input(
            field(
                z.strictObject({
                    id: z.string().min(1, "pool.id is required"),
                    type: z.string().optional().describe('"USER_DEFINED" for a dedicated pool.'),
                    name: z.string().optional(),
                    owner: z.strictObject({ projectId: z.string().optional() }).optional(),
                }),
                { typeName: "PoolArgs" },
            ).optional(),
            { policy: "replace", description: "Dedicated resource pool." },
        ),
        aiProject: input(field(z.strictObject({ id: z.string().min(1) }), { typeName: "AiProjectArgs" }).optional(), {
            policy: "replace",
            description: "AI project the notebook belongs to.",
        }),
        status: runStateInput("the action API (start / stop)"),
        ...providerSettingInputs(
            "NotebookAdoptArgs",
            "Take over an existing notebook instead of creating one: its `instanceId`, or `byName: true` to match `name` exactly.",
        ),
    })
    .superRefine((v, ctx) => {
        const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: "custom", path, message });
        if (v.spec.storage.type === "obsfs" && !v.pool) {
            issue(["spec", "storage", "type"], "obsfs storage is available in dedicated resource pools only (set pool)");
        }
        (v.spec.extendStorage ?? []).forEach((s, i) => {
            if (s.type !== "obsfs") issue(["spec", "extendStorage", i, "type"], "extendStorage supports obsfs only");
        });
        if (v.spec.extendStorage?.length && !v.pool) {
            issue(["spec", "extendStorage"], "extendStorage is available in dedicated resource pools only (set pool)");
        }
        const free = /\.free$/.test(v.flavor);
        if (free && v.pool) {
            issue(["pool"], "free flavors cannot run in a dedicated pool");
        }
        const gpuProfile = /-gpu$/.test(v.profileId);
        const cpuProfile = /-cpu$/.test(v.profileId);
        if ((gpuProfile && /\.cpu\./.test(v.flavor)) || (cpuProfile && /\.gpu\./.test(v.flavor))) {
            issue(["flavor"], `the ${v.profileId} profile does not match the ${v.flavor} flavor type`);
        }
    });

export type MaNotebookInputs = z.infer<typeof MaNotebookInputs>;
