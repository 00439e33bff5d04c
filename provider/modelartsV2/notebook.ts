/**
 * `modelarts.NotebookV2` lifecycle on the notebook API Huawei recommends today, with the contract
 * of the other resources: pure check and diff; create that finds its own half-created notebook,
 * tags it and keeps the id on a failed wait; read that reports live inputs (status, flavor,
 * image, lease, tags drift); update in place, stopping first for flavor, image and disk size and
 * restoring the run state; and delete that stops first when refused and waits until gone.
 */
import { settingsRule } from "../common/settings";
import { credentialsProfileRule } from "../huawei/credentialsFile";
import { OWNER_KEY } from "../common/schema";
import { liveUnlessGone } from "../common/status";
import { planDiff, stopNotice, stoppingUpdates } from "../common/diff";
import { withStopFirst } from "../common/stopFirst";
import { ProgressLog, progressFor } from "../common/log";
import { Candidate, Created, createOrRecover } from "../common/recover";
import { CheckResult, PollSettings, checkWith, failedPolicyRule, keepIdOnFailure, parseChecked, readInputs, splitInternal } from "../common/resource";
import { parseDuration, resolveTimeouts } from "../common/timeouts";
import { SnapshotsPerClient } from "../common/listingSnapshot";
import { WaiterDeps } from "../common/waiter";
import { isMaNotFound } from "../huawei/transport";
import { deleteNotebook } from "../huawei/deletion";
import { NbNotebook, NotebooksClient } from "./client";
import { STOPPED_ONLY_UPDATES, createBody, durationText, updateBody } from "./mapping";
import { applyLease, applyTags, startAndWait, stopAndWait } from "./operations";
import { NB_POLICY, NB_SECRET_INPUTS, flattenNb } from "./policy";
import { creatingTag, leftoverResource, markOf, ownerTag, sameRequest, stackPrefix } from "./recovery";
import { sweepLeftovers } from "../common/leftovers";
import { nbRules } from "./rules";
import { NbInputs, capacityOf, leaseMsOf } from "./schema";
import { NbInputProps, NbState, inputsOf, nbState } from "./state";
import { NB_FAILED, NB_TRANSITIONAL } from "./statuses";
import { historyKey } from "../common/phaseHistory";
import { NbOpContext, untilCreated, untilDeleted, untilSettled } from "./waits";
import { NbSharedReads, listStackLeftovers, nbListScope } from "./readCache";
import { PerClient } from "../common/perClient";

export interface NbRuntime {
    /** The client of the project, with a named credentials profile (undefined: the stack's credentials). */
    client(projectId: string | undefined, profile?: string): NotebooksClient;
    poll(): PollSettings;
    /** False while the provider's configuration is unknown (common/settings.ts `settingsRule`); unset: known. */
    settingsKnown?(): boolean;
    waiterDeps?: WaiterDeps;
    now?: () => number;
    /** Refresh from list pages (readCache.ts); without it, every read is a GET. */
    listings?: SnapshotsPerClient<NotebooksClient, NbNotebook>;
    /** A fleet's create waits and name checks share listings (readCache.ts); without it, each makes its own calls. */
    shared?: PerClient<NotebooksClient, NbSharedReads>;
}

const TYPE = "modelarts.NotebookV2";

export class NotebookV2Provider {
    constructor(private rt: NbRuntime) {}

    private now(): number {
        return (this.rt.now ?? Date.now)();
    }

    private context(client: NotebooksClient, props: NbInputProps | NbState, deadline: number, fallbackName: string): NbOpContext {
        return {
            client,
            poll: this.rt.poll(),
            deps: this.rt.waiterDeps,
            deadline,
            log: progressFor(`${TYPE} ${String(props.__nbName ?? props.name ?? fallbackName)}`, props.__nbUrn),
        };
    }

    check(olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult {
        const prevStatus = splitInternal(olds ?? {}).user.status;
        return checkWith(
            NbInputs,
            news,
            (v) => {
                const failures = [
                    ...nbRules(v),
                    ...failedPolicyRule("ModelArts notebook", prevStatus, [...NB_FAILED], v.failedPolicy),
                    ...credentialsProfileRule(v.credentialsProfile),
                ];
                return failures.length > 0 ? failures : settingsRule(this.rt, () => [this.rt.client(v.projectId, v.credentialsProfile), this.rt.poll()]);
            },
            (v) => ({
                ...v,
                status: v.status ?? "RUNNING",
                failedPolicy: v.failedPolicy ?? "restart",
                // One spelling per duration ("480m" is "8h"), so a refresh never shows a rewrite as drift.
                lease: v.lease?.duration ? { ...v.lease, duration: durationText(parseDuration(v.lease.duration) ?? 0) } : v.lease,
            }),
            NB_SECRET_INPUTS,
        );
    }

    /** What moving from `olds` to `news` takes: the plan, and what of it needs a new notebook. */
    private planOf(olds: NbState, news: Record<string, unknown>) {
        const o = flattenNb(inputsOf(olds));
        const n = flattenNb(splitInternal(news).user);
        const plan = planDiff(o, n, NB_POLICY);
        const replaces = [...plan.replaces];
        const status = String(o.status ?? "");
        const policy = (n.failedPolicy as string | undefined) ?? "restart";
        if (NB_FAILED.has(status) && (policy === "replace" || status === "CREATE_FAILED") && !replaces.includes("status")) {
            replaces.push("status");
        }
        // Disks grow, never shrink: a smaller size is a new notebook.
        const [oc, nc] = [o["volume.capacity"], n["volume.capacity"]];
        if (typeof oc === "number" && typeof nc === "number" && nc < oc && !replaces.includes("volume.capacity")) {
            replaces.push("volume.capacity");
        }
        return { o, n, plan, replaces, status };
    }

    diff(id: string, olds: NbState, news: Record<string, unknown>): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
        const { n, plan, replaces, status } = this.planOf(olds, news);
        const log = progressFor(`${TYPE} ${String(splitInternal(news).internal.__nbName ?? n.name)}`, splitInternal(news).internal.__nbUrn);
        if (replaces.length > 0 && inputsOf(olds).volume?.category === "EVS") {
            log.warn(
                `replacing it (${replaces.join(", ")} changed) deletes its EVS disk and everything on it (/home/ma-user/work); copy what you need first, or keep the old values`,
            );
        }
        const stops = stopNotice(replaces.length > 0 ? [] : stoppingUpdates(plan, NB_POLICY), status === "RUNNING", n.status !== "STOPPED");
        if (stops) log.warn(stops);
        // Names may repeat in a project: a replacement can be created before the old one goes.
        return { changes: plan.changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: false };
    }

    async create(props: NbInputProps): Promise<{ id: string; outs: NbState }> {
        const inputs = parseChecked(NbInputs, props as Record<string, unknown>) as NbInputs;
        const owner = ownerTag(String(props.__nbOwner ?? "unknown"), String(props.__nbName ?? inputs.name));
        const client = this.rt.client(inputs.projectId, inputs.credentialsProfile);
        const ctx = this.context(client, props, this.now() + resolveTimeouts(inputs.timeouts).create, inputs.name);
        // The CreateNotebook answer, when this attempt made the notebook: a read saved per create (issue 27).
        const made: { notebook?: NbNotebook } = {};
        const { id, continued } = inputs.adopt
            ? { id: await this.resolveAdopt(client, inputs), continued: false }
            : await this.createOrRecover(client, props, inputs, owner, ctx.log, made);
        if (inputs.adopt) ctx.log.info(`adopting existing notebook ${id}`);
        const state = (live: NbNotebook, mode: "read" | "written") => nbState(props, live, { mode, projectId: client.projectId });
        return keepIdOnFailure(
            id,
            "create",
            { ...props },
            async () => state(await client.get(id), "read"),
            async () => {
                if (inputs.adopt) {
                    await this.apply(ctx, id, state(await client.get(id), "read"), inputs, owner);
                } else if (continued) {
                    // An interrupted create's notebook: brought to what the program says now, still marked as being created.
                    const live = await untilSettled(ctx, id);
                    await this.apply(ctx, id, state(live, "read"), inputs, creatingTag(owner));
                    return { id, outs: state(await applyTags(ctx, await client.get(id), inputs.tags, owner), "written") };
                } else {
                    // Marked at once: from here an interrupted create is found again (recovery.ts).
                    await applyTags(ctx, made.notebook?.id === id ? made.notebook : await client.get(id), undefined, creatingTag(owner));
                    const kind = historyKey("modelarts.NotebookV2", String(props.__nbOwner ?? "unknown"), client.projectId, inputs.flavor, inputs.imageId);
                    const shared = this.rt.shared?.of(client);
                    const scope = nbListScope(inputs);
                    await untilCreated(ctx, id, kind, shared && (() => shared.polls.ask(scope, id)));
                    if (inputs.status === "STOPPED") {
                        await stopAndWait(ctx, id);
                    }
                    // A GET, not the last poll: a listing's entry may lack what a GET tells (the token).
                    const live = await client.get(id);
                    // Handing the id over: the user's tags and the plain owner tag, in one call, the
                    // last before the id goes to the engine (docs/recovery.md).
                    return { id, outs: state(await applyTags(ctx, live, inputs.tags, owner), "written") };
                }
                return { id, outs: state(await client.get(id), "written") };
            },
            inputs.adopt
                ? undefined
                : {
                      clear: async () => applyTags(ctx, await client.get(id), undefined, owner),
                      cleared: (s) => ({ ...s, liveTags: { ...(s.liveTags as Record<string, string> | undefined), [OWNER_KEY]: owner } }),
                  },
            { projectId: client.projectId },
        );
    }

    private async resolveAdopt(client: NotebooksClient, inputs: NbInputs): Promise<string> {
        if (inputs.adopt?.instanceId) {
            try {
                return (await client.get(inputs.adopt.instanceId)).id;
            } catch (e) {
                if (isMaNotFound(e)) throw new Error(`adopt: no ModelArts notebook ${inputs.adopt.instanceId} in project ${client.projectId}`, { cause: e });
                throw e;
            }
        }
        const named = await this.sameName(client, inputs);
        if (named.length !== 1) {
            throw new Error(
                named.length === 0
                    ? `adopt: no ModelArts notebook named ${inputs.name} in project ${client.projectId}`
                    : `adopt: ${named.length} notebooks are named ${inputs.name} (${named.map((n) => n.id).join(", ")}); names may repeat, so give adopt.instanceId`,
            );
        }
        return named[0].id;
    }

    /** Notebooks with exactly our name in the workspace (the list's `name` filter is a fuzzy match). */
    private async sameName(client: NotebooksClient, inputs: NbInputs): Promise<NbNotebook[]> {
        const workspaceId = inputs.workspaceId ?? "0";
        const shared = this.rt.shared?.of(client);
        const all = shared ? await shared.named(workspaceId, inputs.name) : await client.listAll({ name: inputs.name, workspaceId });
        return all.filter((n) => n.name === inputs.name && n.status !== "DELETED" && n.status !== "DELETING");
    }

    private async createOrRecover(
        client: NotebooksClient,
        props: NbInputProps,
        inputs: NbInputs,
        owner: string,
        log: ProgressLog,
        made: { notebook?: NbNotebook },
    ): Promise<Created> {
        const body = createBody(inputs);
        const candidate = (n: NbNotebook): Candidate => ({
            id: n.id,
            name: n.name,
            mark: markOf(n, owner),
            sameRequest: sameRequest(n, inputs),
            fits: this.fits(client, props, n),
        });
        const shared = this.rt.shared?.of(client);
        const workspaceId = inputs.workspaceId ?? "0";
        return createOrRecover({
            operation: "CreateNotebook",
            log,
            candidates: async () => (await this.sameName(client, inputs)).map(candidate),
            leftovers: async () => {
                const stack = stackPrefix(String(props.__nbOwner ?? "unknown"));
                const all = shared ? await shared.stackLeftovers(workspaceId, stack) : await listStackLeftovers(client, workspaceId, stack);
                return all.filter((n) => markOf(n, owner) === "pending").map(candidate);
            },
            discard: (id) => this.deleteOne(id, { ...props, projectId: client.projectId } as NbState),
            create: async () => {
                const created = await client.create(body);
                made.notebook = created;
                log.info(`created ${created.id}; waiting for it to start`);
                return created.id;
            },
        });
    }

    /** An interrupted create's notebook fits the program when nothing differs that would need a replacement. */
    private fits(client: NotebooksClient, props: NbInputProps, live: NbNotebook): boolean {
        const read = nbState(props, live, { mode: "read", projectId: client.projectId });
        return this.planOf(read, props as Record<string, unknown>).replaces.length === 0;
    }

    async read(id: string, props: NbState): Promise<{ id: string; props: NbState; inputs?: NbInputProps }> {
        const client = this.rt.client(props.projectId, props.credentialsProfile);
        const listing = this.rt.listings?.of(client);
        const live = await liveUnlessGone(
            () => (listing ? listing.read(nbListScope(props), id, () => client.get(id)) : client.get(id)),
            isMaNotFound,
            (n) => n.status === "DELETED",
        );
        if (!live) return { id: "", props: {} };
        const next = nbState(props, live, { mode: "read", projectId: client.projectId, keepDesired: true });
        return { id, props: next, inputs: readInputs(next, inputsOf(next)) as NbInputProps };
    }

    async update(id: string, olds: NbState, news: NbInputProps): Promise<{ outs: NbState }> {
        const inputs = parseChecked(NbInputs, news as Record<string, unknown>) as NbInputs;
        const client = this.rt.client(inputs.projectId ?? olds.projectId, inputs.credentialsProfile);
        const ctx = this.context(client, news, this.now() + resolveTimeouts(inputs.timeouts).update, inputs.name);
        this.rt.listings?.of(client).invalidate(id);
        const owner = ownerTag(String(news.__nbOwner ?? "unknown"), String(news.__nbName ?? inputs.name));
        const state = (live: NbNotebook, mode: "read" | "written") => nbState(news, live, { mode, projectId: client.projectId });
        return keepIdOnFailure(
            id,
            "update",
            { ...news },
            async () => state(await client.get(id), "read"),
            async () => {
                await this.apply(ctx, id, olds, inputs, owner);
                return { outs: state(await client.get(id), "written") };
            },
            undefined,
            { projectId: client.projectId },
        );
    }

    /** Brings notebook `id` from `olds` (state/live) to `n` (desired). */
    private async apply(ctx: NbOpContext, id: string, olds: NbState, n: NbInputs, owner: string): Promise<void> {
        const plan = planDiff(flattenNb(inputsOf(olds)), flattenNb(n as Record<string, unknown>), NB_POLICY);
        const changed = new Set(plan.changed);
        const leaseMs = leaseMsOf(n.lease);
        // A stop by its own lease is the schedule working: it stays stopped until the program
        // changes the lease or the status (README).
        const keepStopped = olds.stoppedBySchedule === true && !changed.has("status") && !changed.has("lease");
        const desired = keepStopped ? "STOPPED" : (n.status ?? "RUNNING");
        let body = updateBody(changed, n);
        let current: NbNotebook | undefined;
        if (Object.keys(body).length > 0) {
            current = await ctx.client.get(id);
            if (NB_TRANSITIONAL.has(current.status)) current = await untilSettled(ctx, id);
            if (changed.has("volume.capacity") && !diskToGrow(current, olds, n)) {
                changed.delete("volume.capacity");
                body = updateBody(changed, n);
            }
        }
        const stopFor = STOPPED_ONLY_UPDATES.filter((f) => changed.has(f));
        await withStopFirst(
            {
                needed: stopFor.length > 0 && current !== undefined && current.status !== "STOPPED",
                restartOnFailure: current?.status === "RUNNING" && desired === "RUNNING",
                fields: stopFor,
                stop: () => stopAndWait(ctx, id),
                start: () => startAndWait(ctx, id, leaseMs),
                log: ctx.log,
            },
            async () => {
                if (Object.keys(body).length > 0) {
                    await ctx.client.update(id, body);
                    ctx.log.info(`updated ${Object.keys(body).join(", ")}`);
                }
                if (changed.has("tags") || !(await ctx.client.get(id)).tags?.some((t) => t.key === OWNER_KEY && t.value === owner)) {
                    await applyTags(ctx, await ctx.client.get(id), n.tags, owner);
                }
            },
        );
        const now = await ctx.client.get(id);
        if (desired === "RUNNING" && now.status !== "RUNNING") {
            await startAndWait(ctx, id, leaseMs);
        } else if (desired === "STOPPED" && now.status !== "STOPPED") {
            await stopAndWait(ctx, id);
        }
        if (changed.has("lease") && leaseMs !== undefined) {
            await applyLease(ctx, id, leaseMs);
        }
    }

    async delete(id: string, props: NbState): Promise<void> {
        await this.deleteOne(id, props);
        const stack = typeof props.__nbOwner === "string" ? props.__nbOwner : undefined;
        if (!stack) return;
        const client = this.rt.client(props.projectId, props.credentialsProfile);
        const prefix = stackPrefix(stack);
        const workspaceId = props.workspaceId || "0";
        const shared = this.rt.shared?.of(client);
        const leftovers = shared ? await shared.stackLeftovers(workspaceId, prefix) : await listStackLeftovers(client, workspaceId, prefix);
        const owner = ownerTag(stack, String(props.__nbName ?? props.name ?? ""));
        await sweepLeftovers({
            leftovers: leftovers.filter((n) => n.id !== id).map((n) => ({ id: n.id, name: n.name, resource: leftoverResource(n, prefix) })),
            // As the creating mark writes it (truncated alike).
            resource: creatingTag(owner).slice(creatingTag(prefix).length),
            stillLeftOf: async (other) => {
                const now = await liveUnlessGone(
                    () => client.get(other),
                    isMaNotFound,
                    (n) => n.status === "DELETED",
                );
                return now !== undefined && markOf(now, owner) === "pending";
            },
            remove: (other) => this.deleteOne(other, props),
            log: this.context(client, props, 0, id).log,
        });
    }

    /** Deletes one notebook and waits until it is gone (stopping it first when the API asks). */
    private async deleteOne(id: string, props: NbState): Promise<void> {
        const client = this.rt.client(props.projectId, props.credentialsProfile);
        const ctx = this.context(client, props, this.now() + resolveTimeouts(props.timeouts).delete, id);
        this.rt.listings?.of(client).invalidate(id);
        await deleteNotebook({ ctx, id, now: () => this.now(), stopAndWait, untilDeleted });
    }
}

/**
 * Whether the disk must grow to the size `n` asks for, judged by its LIVE size: the state may be
 * behind (a disk grown in the console, no refresh). A disk that already has the size needs no
 * update (and no stop); a larger one cannot shrink, and UpdateNotebook would refuse it
 * (ModelArts.6331) only after the notebook had been stopped for it, so this refuses first.
 */
function diskToGrow(live: NbNotebook, olds: NbState, n: NbInputs): boolean {
    const [liveGb, want] = [live.volume?.capacity, capacityOf(n.volume)];
    if (typeof liveGb !== "number" || want === undefined || want > liveGb) return true;
    if (want === liveGb) return false;
    const recorded = capacityOf(inputsOf(olds).volume);
    throw new Error(
        `volume.capacity: the disk is ${liveGb} GB in the cloud${recorded !== undefined && recorded !== liveGb ? ` (the stack's state says ${recorded} GB: it was grown outside Pulumi)` : ""}, ` +
            `and a disk never shrinks to the ${want} GB asked. Nothing was changed; the notebook was not stopped. ` +
            `Run \`pulumi up --refresh\`, which reads the live size and plans the replacement a smaller disk needs (a new notebook and a new disk; copy /home/ma-user/work first), ` +
            `or set volume.capacity to ${liveGb} or more.`,
    );
}
