/**
 * `modelarts.Notebook` lifecycle, with the same contract as `dsw.Instance`: pure check and diff,
 * create that finds its own half-created notebook and keeps the id on a failed wait, read that
 * reports live inputs (status, flavor, storage, auto_stop drift), update of description and
 * auto_stop in place plus run state through the action API, and delete that stops first when the
 * API refuses (ModelArts.6304), treats ModelArts.6309 as gone and waits until gone. Waits,
 * operations, state and statuses live beside it (waits.ts, operations.ts, state.ts, statuses.ts).
 */
import { settingsRule } from "../common/settings";
import { credentialsProfileRule } from "../huawei/credentialsFile";
import { liveUnlessGone } from "../common/status";
import { planDiff, stopNotice, stoppingUpdates } from "../common/diff";
import { Created, createOrRecover } from "../common/recover";
import { ProgressLog, progressFor } from "../common/log";
import { CheckResult, PollSettings, checkWith, failedPolicyRule, keepIdOnFailure, parseChecked, readInputs, splitInternal } from "../common/resource";
import { resolveTimeouts } from "../common/timeouts";
import { SnapshotsPerClient } from "../common/listingSnapshot";
import { WaiterDeps } from "../common/waiter";
import { ModelArtsClient, Notebook } from "./client";
import { isMaNotFound } from "../huawei/transport";
import { deleteNotebook } from "../huawei/deletion";
import { autoStopBody, createBody } from "./mapping";
import { startAndWait, stopAndWait } from "./operations";
import { MA_POLICY, flattenMa } from "./policy";
import { markOf, sameRequest } from "./recovery";
import { MaNotebookInputs } from "./schema";
import { MaInputProps, MaState, inputsOf, maState } from "./state";
import { MA_FAILED, TRANSITIONAL } from "./statuses";
import { historyKey } from "../common/phaseHistory";
import { MaOpContext, untilCreated, untilDeleted, untilSettled } from "./waits";
import { MaSharedReads, maListScope } from "./readCache";
import { PerClient } from "../common/perClient";

export interface MaRuntime {
    /** A client for the notebook's project (the resource's `projectId`, else the configured one). */
    /** The client of the project, with a named credentials profile (undefined: the stack's credentials). */
    client(projectId: string | undefined, profile?: string): ModelArtsClient;
    poll(): PollSettings;
    /** False while the provider's configuration is unknown (common/settings.ts `settingsRule`); unset: known. */
    settingsKnown?(): boolean;
    waiterDeps?: WaiterDeps;
    now?: () => number;
    /** Refresh from list pages (readCache.ts); without it, every read is a GET. */
    listings?: SnapshotsPerClient<ModelArtsClient, Notebook>;
    /** A fleet's create waits and name checks share listings (readCache.ts); without it, each makes its own calls. */
    shared?: PerClient<ModelArtsClient, MaSharedReads>;
}

/**
 * A replace deletes the notebook and, with EVS storage, its disk: everything under
 * /home/ma-user/work. The preview says so, naming the disk, instead of only "replace".
 */
function warnDataLoss(old: Partial<MaNotebookInputs>, internal: Record<string, unknown>, replaces: readonly string[]): void {
    if (old.spec?.storage?.type !== "evs") return;
    const size = old.spec.storage.location?.volumeSize ?? 5;
    progressFor(`modelarts.Notebook ${String(internal.__nbName ?? old.name)}`, internal.__nbUrn).warn(
        `replacing it (${replaces.join(", ")} changed) deletes its ${size} GB EVS disk and everything stored on it (/home/ma-user/work); copy what you need to OBS first, or keep the old values`,
    );
}

export class ModelArtsNotebookProvider {
    constructor(private rt: MaRuntime) {}

    private now(): number {
        return (this.rt.now ?? Date.now)();
    }

    private context(client: ModelArtsClient, props: MaInputProps | MaState, deadline: number, fallbackName: string): MaOpContext {
        return {
            client,
            poll: this.rt.poll(),
            deps: this.rt.waiterDeps,
            deadline,
            log: progressFor(`modelarts.Notebook ${String(props.__nbName ?? props.name ?? fallbackName)}`, props.__nbUrn),
        };
    }

    /** Takes the program's inputs as they come (unvalidated: that is check's job). */
    check(olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult {
        const prevStatus = splitInternal(olds ?? {}).user.status;
        return checkWith(
            MaNotebookInputs,
            news,
            (v) => {
                const failures = [
                    ...failedPolicyRule("ModelArts notebook", prevStatus, [...MA_FAILED], v.failedPolicy),
                    ...credentialsProfileRule(v.credentialsProfile),
                ];
                return failures.length > 0 ? failures : settingsRule(this.rt, () => [this.rt.client(v.projectId, v.credentialsProfile), this.rt.poll()]);
            },
            (v) => ({ ...v, status: v.status ?? "RUNNING", failedPolicy: v.failedPolicy ?? "restart" }),
        );
    }

    diff(id: string, olds: MaState, news: Record<string, unknown>): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
        const o = flattenMa(inputsOf(olds));
        const n = flattenMa(splitInternal(news).user);
        const plan = planDiff(o, n, MA_POLICY);
        const replaces = [...plan.replaces];
        const status = String(o.status ?? "");
        // failedPolicy "error" is enforced by check (failedPolicyRule): see the DSW provider. A
        // notebook that was never created cannot be started: restart falls back to replace.
        const policy = (n.failedPolicy as string | undefined) ?? "restart";
        if (MA_FAILED.has(status) && (policy === "replace" || status === "CREATE_FAILED") && !replaces.includes("status")) {
            replaces.push("status");
        }
        if (replaces.length > 0) {
            warnDataLoss(inputsOf(olds), splitInternal(news).internal, replaces);
        }
        const stops = stopNotice(replaces.length > 0 ? [] : stoppingUpdates(plan, MA_POLICY), status === "RUNNING", n.status !== "STOPPED");
        if (stops)
            progressFor(`modelarts.Notebook ${String(splitInternal(news).internal.__nbName ?? o.name)}`, splitInternal(news).internal.__nbUrn).warn(stops);
        // Names are unique per project: a replacement with the same name must delete first.
        const sameName = o.name === n.name;
        return { changes: plan.changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
    }

    async create(props: MaInputProps): Promise<{ id: string; outs: MaState }> {
        const inputs = parseChecked(MaNotebookInputs, props as Record<string, unknown>) as MaNotebookInputs;
        const owner = String(props.__nbOwner ?? "unknown");
        const client = this.rt.client(inputs.projectId, inputs.credentialsProfile);
        const ctx = this.context(client, props, this.now() + resolveTimeouts(inputs.timeouts).create, inputs.name);
        // The API keeps no mark, so a create continues only with its own lost answer's notebook, which is its request as sent.
        const id = inputs.adopt ? await this.resolveAdopt(client, inputs) : (await this.createOrRecover(client, inputs, owner, ctx.log)).id;
        if (inputs.adopt) ctx.log.info(`adopting existing notebook ${id}`);
        const state = (live: Notebook, mode: "read" | "written") => maState(props, live, { mode, projectId: client.projectId, now: this.now() });
        return keepIdOnFailure(
            id,
            "create",
            { ...props },
            async () => state(await client.get(id), "read"),
            async () => {
                if (inputs.adopt) {
                    await this.apply(ctx, id, state(await client.get(id), "read"), inputs);
                } else {
                    const shared = this.rt.shared?.of(client);
                    const scope = maListScope(inputs);
                    const learnKey = historyKey("modelarts.Notebook", owner, client.projectId, inputs.flavor, inputs.profileId);
                    await untilCreated(ctx, id, learnKey, shared && (() => shared.polls.ask(scope, id)));
                    if (inputs.status === "STOPPED") {
                        await stopAndWait(ctx, id);
                    }
                }
                return { id, outs: state(await client.get(id), "written") };
            },
            undefined,
            { projectId: client.projectId },
        );
    }

    private async resolveAdopt(client: ModelArtsClient, inputs: MaNotebookInputs): Promise<string> {
        if (inputs.adopt?.instanceId) {
            try {
                return (await client.get(inputs.adopt.instanceId)).id;
            } catch (e) {
                if (isMaNotFound(e)) {
                    throw new Error(`adopt: no ModelArts notebook ${inputs.adopt.instanceId} in project ${client.projectId}`, { cause: e });
                }
                throw e;
            }
        }
        const found = await this.findByName(client, inputs);
        if (!found) {
            throw new Error(`adopt: no ModelArts notebook named ${inputs.name} in project ${client.projectId}, workspace ${inputs.workspace?.id ?? "0"}`);
        }
        return found.id;
    }

    private async findByName(client: ModelArtsClient, inputs: MaNotebookInputs): Promise<Notebook | undefined> {
        const workspaceId = inputs.workspace?.id ?? "0";
        const shared = this.rt.shared?.of(client);
        const all = shared ? await shared.named(workspaceId, inputs.name) : (await client.list({ workspace_id: workspaceId, limit: 0 })).instances;
        return all.find((n) => n.name === inputs.name && n.status !== "DELETED");
    }

    /** No idempotency token either, and no mark the API keeps (recovery.ts). */
    private async createOrRecover(client: ModelArtsClient, inputs: MaNotebookInputs, owner: string, log: ProgressLog): Promise<Created> {
        const body = createBody(inputs, owner);
        return createOrRecover({
            operation: "CreateNotebook",
            log,
            candidates: async () => {
                const existing = await this.findByName(client, inputs);
                return existing ? [{ id: existing.id, mark: markOf(existing, owner), sameRequest: sameRequest(existing, inputs) }] : [];
            },
            // The API keeps no mark (recovery.ts), so the message covers each case it may be.
            clash: (c) =>
                new Error(
                    `a ModelArts notebook named ${inputs.name} already exists in project ${client.projectId} (${c.id}), and names are unique: ` +
                        (c.mark === "foreign"
                            ? "it belongs to another stack; choose another name"
                            : `if it is the one this resource replaces (\`pulumi up --replace\` keeping the name), set the resource option deleteBeforeReplace: true; ` +
                              `if an interrupted \`pulumi up\` of this stack made it, set adopt: { instanceId: "${c.id}" } to continue with it; otherwise choose another name`),
                ),
            create: async () => {
                const created = await client.create(body);
                log.info(`created ${created.id}; waiting for it to start`);
                return created.id;
            },
        });
    }

    async read(id: string, props: MaState): Promise<{ id: string; props: MaState; inputs?: MaInputProps }> {
        const client = this.rt.client(props.projectId, props.credentialsProfile);
        const listing = this.rt.listings?.of(client);
        const live = await liveUnlessGone(
            () => (listing ? listing.read(maListScope(props), id, () => client.get(id)) : client.get(id)),
            isMaNotFound,
            (n) => n.status === "DELETED",
        );
        if (!live) return { id: "", props: {} };
        const next = maState(props, live, { mode: "read", projectId: client.projectId, keepDesired: true, now: this.now() });
        return { id, props: next, inputs: readInputs(next, inputsOf(next)) as MaInputProps };
    }

    async update(id: string, olds: MaState, news: MaInputProps): Promise<{ outs: MaState }> {
        const inputs = parseChecked(MaNotebookInputs, news as Record<string, unknown>) as MaNotebookInputs;
        const client = this.rt.client(inputs.projectId ?? olds.projectId, inputs.credentialsProfile);
        const ctx = this.context(client, news, this.now() + resolveTimeouts(inputs.timeouts).update, inputs.name);
        this.rt.listings?.of(client).invalidate(id);
        const state = (live: Notebook, mode: "read" | "written") => maState(news, live, { mode, projectId: client.projectId, now: this.now() });
        return keepIdOnFailure(
            id,
            "update",
            { ...news },
            async () => state(await client.get(id), "read"),
            async () => {
                await this.apply(ctx, id, olds, inputs);
                return { outs: state(await client.get(id), "written") };
            },
            undefined,
            { projectId: client.projectId },
        );
    }

    /** Brings notebook `id` from `olds` (state/live) to `nIn` (desired). */
    private async apply(ctx: MaOpContext, id: string, olds: MaState, nIn: MaNotebookInputs): Promise<void> {
        const o = flattenMa(inputsOf(olds));
        const n = flattenMa(nIn as Record<string, unknown>);
        const plan = planDiff(o, n, MA_POLICY);
        const changed = new Set(plan.changed);
        const body: { description?: string; spec?: { auto_stop: Record<string, unknown> } } = {};
        if (changed.has("description")) body.description = nIn.description ?? "";
        if (changed.has("spec.autoStop")) body.spec = { auto_stop: autoStopBody(nIn.spec.autoStop) };
        if (Object.keys(body).length > 0) {
            const current = await ctx.client.get(id);
            if (TRANSITIONAL.has(current.status)) {
                await untilSettled(ctx, id);
            }
            await ctx.client.update(id, body);
            ctx.log.info(`updated ${[body.description !== undefined ? "description" : "", body.spec ? "auto_stop" : ""].filter(Boolean).join(", ")}`);
            if (body.spec && nIn.spec.autoStop?.enable && current.status === "RUNNING") {
                ctx.log.warn("ModelArts arms auto-stop when a notebook starts: the new setting counts down from the next start");
            }
        }
        // A stop by its own auto-stop is the schedule working: it stays stopped until the program
        // changes the schedule or the status (README).
        const keepStopped = olds.stoppedBySchedule === true && !changed.has("status") && !changed.has("spec.autoStop");
        const desired = keepStopped ? "STOPPED" : (nIn.status ?? "RUNNING");
        const now = await ctx.client.get(id);
        if (desired === "RUNNING" && now.status !== "RUNNING") {
            await startAndWait(ctx, id);
        } else if (desired === "STOPPED" && now.status !== "STOPPED") {
            await stopAndWait(ctx, id);
        }
    }

    async delete(id: string, props: MaState): Promise<void> {
        const client = this.rt.client(props.projectId, props.credentialsProfile);
        const ctx = this.context(client, props, this.now() + resolveTimeouts(props.timeouts).delete, id);
        this.rt.listings?.of(client).invalidate(id);
        await deleteNotebook({ ctx, id, now: () => this.now(), stopAndWait, untilDeleted });
    }
}
