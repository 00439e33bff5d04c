/**
 * Which NotebookResp fields the provider reads for `modelarts.NotebookV2`, from which read paths,
 * and what each becomes (an input compared for drift, an output, or nothing). Source: the official
 * model (huaweicloud-sdk-go-v3 `services/modelarts/v1/model/model_notebook_resp.go`) and the
 * project's page docs/modelarts-notebooks-api.md §4, which lists every field with its sources.
 * ShowNotebook and ListNotebooks items answer the same NotebookResp, so a drift read by either is
 * the same read.
 *
 * tests/unit/field-table.spec.ts holds this table and the wire schema (wire.ts) to each other;
 * tests/integration/field-table.spec.ts holds it to the emulator's answers.
 */
export type NbReadOp = "ShowNotebook" | "ListNotebooks";

export interface NbField {
    in: readonly NbReadOp[];
    /** The input paths compared with it for drift (mapping.ts liveInputs), if any. */
    drift?: readonly string[];
    /** The outputs built from it (outputs.ts), if any. */
    outputs?: readonly string[];
    source: string;
}

const BOTH: readonly NbReadOp[] = ["ShowNotebook", "ListNotebooks"];
const src = (row: Omit<NbField, "in" | "source">, extra = ""): NbField => ({
    in: BOTH,
    ...row,
    source: `NotebookResp (model_notebook_resp.go); modelarts-notebooks-api.md §4${extra}`,
});

export const NB_FIELDS = {
    id: src({ outputs: ["instanceId"] }),
    name: src({ drift: ["name"] }),
    status: src({ drift: ["status"], outputs: ["status", "liveStatus"] }, "; statuses §5"),
    description: src({ drift: ["description"] }),
    flavor: src({ drift: ["flavor"] }),
    feature: src({ drift: ["feature"] }, " (when the input sets it)"),
    image: src({ drift: ["imageId"], outputs: ["imageName", "imageSwrPath"] }, " (image.id drifts; name and swr_path are outputs)"),
    lease: src(
        { drift: ["lease"], outputs: ["leaseState", "stoppedBySchedule"] },
        " (when the input sets lease; a lease switched off reads as enable: false); lease stop rule §6",
    ),
    volume: src(
        { drift: ["volume.category", "volume.ownership", "volume.capacity"] },
        " (the keys the input sets; an EVS capacity always, an omitted one as its 5 GB default)",
    ),
    pool: src({ drift: ["poolId"], outputs: ["poolName"] }, " (absent without a dedicated pool)"),
    workspace_id: src({ drift: ["workspaceId"] }, " (when the input sets it)"),
    endpoints: src({ drift: ["endpoints"], outputs: ["sshUri"] }, " (SSH endpoints, when the input sets them)"),
    tags: src({ drift: ["tags"], outputs: ["liveTags"] }, " (owner tag aside)"),
    fail_reason: src({ outputs: ["failReason"] }),
    token: src({ outputs: ["token"] }, " (secret)"),
    url: src({ outputs: ["url"] }),
    user_id: src({ outputs: ["userId"] }),
    create_at: { in: BOTH, outputs: ["createAt"], source: "not in the official model; read by Terraform (chnsz/golangsdk notebook.Notebook CreateAt); §4" },
    update_at: { in: BOTH, outputs: ["updateAt"], source: "not in the official model; read by Terraform (UpdateAt); lease stop rule §6" },
} as const satisfies Record<string, NbField>;

/** Input paths whose sent value no NotebookResp returns: sent on create, never compared with the cloud. */
export const NB_WRITE_ONLY = {
    "volume.uri": "CreateNotebook volume.uri only; NotebookResp's volume has category, ownership, capacity, mount_path, status",
    "volume.id": "CreateNotebook volume.id only (the EFS file system); not in NotebookResp's volume",
} as const;

/** Inputs (paths of the reference table) never compared with the cloud: the write-only ones above. */
export const NB_NOT_READ_BACK: readonly string[] = Object.keys(NB_WRITE_ONLY);
