/**
 * Which ModelArts `demanager` responses carry each field the provider reads, and the source.
 *
 * docs/modelarts-devenv-api.md §3.1 documents one instance object "returned by create, get, list items,
 * update" (the get page's response; §3.2 is the create request), and the OTC SDK's `Devenv`
 * resource (opentelekomcloud/python-otcextensions otcextensions/sdk/modelartsv1/v1/devenv.py)
 * parses get and list with the same model. So every read field comes from both read paths.
 * `spec.annotations` is the exception the provider must not rely on: responses carry the
 * service's own annotations (`target_domain`, `url`), not those a client sent; the input is
 * write-only (mapping.ts MA_NOT_READ_BACK).
 *
 * tests/unit/field-table.spec.ts holds this table, the wire schema and the emulator's answers to
 * each other.
 */
export type MaReadOp = "GetNotebook" | "ListNotebooks";

const BOTH: readonly MaReadOp[] = ["GetNotebook", "ListNotebooks"];
const src = (extra = "") => ({ in: BOTH, source: `modelarts.md §3.1 instance object (get, list items); seed 003${extra}` });

export const MA_FIELDS = {
    id: src(),
    name: src(),
    description: src(),
    status: src("; statuses §3.9"),
    creation_timestamp: src(" (string, epoch ms)"),
    latest_update_timestamp: src(" (string, epoch ms)"),
    flavor: src(),
    flavor_details: src(),
    profile: src(),
    spec: src(" (storage, extend_storage, auto_stop, annotations: the service's own, failed_reasons, credential, repository)"),
    workspace: src(),
    pool: src(" (absent without a dedicated pool)"),
    ai_project: src(),
    error_code: src(" (when failed)"),
    queuing_info: src(" (free flavors only)"),
    user: src(),
    repository: src(" (read-only)"),
} as const;

/** Request fields whose sent value no response returns. */
export const MA_WRITE_ONLY = {
    "spec.annotations": "create request only (§3.2); responses carry the service's target_domain and url",
} as const;
