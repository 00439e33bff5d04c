/**
 * `modelarts.Notebook` lifecycle, with the same contract as `dsw.Instance`: pure check and diff,
 * create that finds its own half-created notebook and keeps the id on a failed wait, read that
 * reports live inputs (status, flavor, storage, auto_stop drift), update of description and
 * auto_stop in place plus run state through the action API, and delete that stops first when the
 * API refuses (ModelArts.6304), treats ModelArts.6309 as gone and waits until gone.
 */
import { planDiff } from "../common/diff";
import { createOrRecover } from "../common/recover";
import { ProgressLog, progressFor } from "../common/log";
import {
    CheckResult,
    PollSettings,
    checkWith,
    failedPolicyRule,
    keepIdOnFailure,
    parseChecked,
    readInputs,
    splitInternal,
    stripUndefined,
    userInputsOf as userInputsFor,
} from "../common/resource";
import { PhasePrediction, waitForStatus } from "../common/status";
import { resolveTimeouts } from "../common/timeouts";
import { WaiterDeps } from "../common/waiter";
import { ModelArtsClient, Notebook, isMaNotFound } from "./client";
import { autoStopBody, createBody, flatten, liveInputs, outputsOf } from "./mapping";
import { MA_FAILED, MA_POLICY } from "./policy";
import { AlreadyStarted, AlreadyStopped, MustStopFirst, NotebookBusy } from "./errors";
import { MaNotebookInputs } from "./schema";
import { CLOCK_SKEW_MS, RECOVERY_WINDOW_MS, ownership } from "./recovery";

/**
 * The phases of a create on its way to RUNNING, for predicting when the wait ends (../common/eta.ts).
 * `latest_update_timestamp` (ms) is taken to stamp the start of the current status, which the
 * seed's examples fit but do not state (unconfirmed); the emulator does the same. A free flavor
 * queues first (CREATE_QUEUING); its queue time then counts as part of the first phase.
 */
const CREATE_PHASES: PhasePrediction<Notebook> = {
    route: { phases: [["CREATING"], ["STARTING"]] },
    stamp: (n) => ({ status: n.status, since: msOf(n.latest_update_timestamp), origin: msOf(n.creation_timestamp) }),
    resolutionMs: 1,
};

function msOf(v: string | number | null | undefined): number | undefined {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

type Props = Record<string, unknown>;

const userInputsOf = (props: Props, desired = false) => userInputsFor(props, MA_POLICY, desired);

const TRANSITIONAL = new Set(["CREATE_QUEUING", "CREATING", "START_QUEUING", "READY_TO_START", "STARTING", "RESTARTING", "STOPPING", "RESIZING"]);

export interface MaRuntime {
    /** A client for the notebook's project (the resource's `projectId`, else the configured one). */
    client(projectId: string | undefined): ModelArtsClient;
    poll(): PollSettings;
    waiterDeps?: WaiterDeps;
    now?: () => number;
}

/**
 * A replace deletes the notebook and, with EVS storage, its disk: everything under
 * /home/ma-user/work. The preview says so, naming the disk, instead of only "replace".
 */
function warnDataLoss(old: MaNotebookInputs, internal: Record<string, unknown>, replaces: readonly string[]): void {
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

    check(olds: Props, news: Props): CheckResult {
        const prevStatus = splitInternal(olds ?? {}).user.status;
        return checkWith(
            MaNotebookInputs,
            news,
            (v) => failedPolicyRule("ModelArts notebook", prevStatus, [...MA_FAILED], v.failedPolicy),
            (v) => ({ ...v, status: v.status ?? "RUNNING", failedPolicy: v.failedPolicy ?? "restart" }),
        );
    }

    diff(id: string, olds: Props, news: Props): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
        const o = flatten(userInputsOf(olds));
        const n = flatten(splitInternal(news).user);
        const plan = planDiff(o, n, MA_POLICY);
        const replaces = [...plan.replaces];
        const status = String(o.status ?? "");
        if (MA_FAILED.has(status)) {
            const policy = (n.failedPolicy as string | undefined) ?? "restart";
            // failedPolicy "error" is enforced by check (failedPolicyRule): see the DSW provider.
            // A notebook that was never created cannot be started: restart falls back to replace.
            if ((policy === "replace" || status === "CREATE_FAILED") && !replaces.includes("status")) {
                replaces.push("status");
            }
        }
        if (replaces.length > 0) {
            warnDataLoss(userInputsOf(olds) as MaNotebookInputs, splitInternal(news).internal, replaces);
        }
        // Names are unique per project: a replacement with the same name must delete first.
        const sameName = o.name === n.name;
        return { changes: plan.changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
    }

    async create(props: Props): Promise<{ id: string; outs: Props }> {
        const inputs = parseChecked(MaNotebookInputs, props) as MaNotebookInputs;
        const { internal } = splitInternal(props);
        const log = progressFor(`modelarts.Notebook ${String(internal.__nbName ?? inputs.name)}`, internal.__nbUrn);
        const owner = String(internal.__nbOwner ?? "unknown");
        const deadline = this.now() + resolveTimeouts(inputs.timeouts).create;
        const client = this.rt.client(inputs.projectId);
        let id: string;
        let adopted = false;
        if (inputs.adopt) {
            id = await this.resolveAdopt(client, inputs);
            adopted = true;
            log.info(`adopting existing notebook ${id}`);
        } else {
            id = await this.createOrRecover(client, inputs, owner, log);
        }
        return keepIdOnFailure(
            id,
            "create",
            { ...props, projectId: client.projectId },
            () => this.snapshot(client, id, props),
            async () => {
                if (adopted) {
                    const live = await client.get(id);
                    await this.apply(client, id, this.propsFrom(props, live, false), props, deadline, log);
                } else {
                    await this.waitFor(client, id, ["RUNNING"], deadline, log, CREATE_PHASES);
                    if (inputs.status === "STOPPED") {
                        await this.stop(client, id, deadline, log);
                    }
                }
                return { id, outs: await this.outsAfterWrite(client, id, props) };
            },
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
        const r = await client.list({ workspace_id: inputs.workspace?.id ?? "0", limit: 0 });
        return r.instances.find((n) => n.name === inputs.name && n.status !== "DELETED");
    }

    /**
     * No idempotency token either. Our own half-created notebook is recognised from what the list
     * API is documented to return (recovery.ts): exact name in the workspace, flavor, profile,
     * description, storage type, and a creation time inside the recovery window. The owner
     * annotation we send decides when the service does echo it, but nothing relies on that.
     */
    private async createOrRecover(client: ModelArtsClient, inputs: MaNotebookInputs, owner: string, log: ProgressLog): Promise<string> {
        const body = createBody(inputs, owner);
        // A crash of an earlier run: created within the recovery window before now. Lost answers of
        // this run: created after the name was seen free (less clock skew).
        let since = this.now() - RECOVERY_WINDOW_MS;
        return createOrRecover({
            operation: "CreateNotebook",
            log,
            findOwn: async () => {
                const existing = await this.findByName(client, inputs);
                if (!existing) {
                    // The name was free: anything found later was made by an attempt from now on.
                    since = this.now() - CLOCK_SKEW_MS;
                    return undefined;
                }
                const verdict = ownership(existing, inputs, owner, since);
                if (verdict.ours) {
                    log.warn(`found ${existing.id} (${verdict.why}), created by an earlier interrupted attempt of this stack; continuing with it`);
                    return existing.id;
                }
                throw new Error(
                    `a ModelArts notebook named ${inputs.name} already exists in project ${client.projectId} (${existing.id}; ${verdict.why}); set adopt: { byName: true } to manage it, or choose another name`,
                );
            },
            create: async () => {
                const created = await client.create(body);
                log.info(`created ${created.id}; waiting for it to start`);
                return created.id;
            },
        });
    }

    private async waitFor(
        client: ModelArtsClient,
        id: string,
        targets: string[],
        deadline: number,
        log: ProgressLog,
        phases?: PhasePrediction<Notebook>,
    ): Promise<Notebook> {
        const n = await waitForStatus({
            description: `ModelArts notebook ${id} to be ${targets.join(" or ")}`,
            poll: () => client.get(id),
            status: (x: Notebook) => x.status,
            success: targets,
            failure: (x) =>
                MA_FAILED.has(x.status) && !targets.includes(x.status)
                    ? `notebook ${id} is ${x.status}: ${x.spec?.failed_reasons?.code ?? x.error_code ?? ""} ${x.spec?.failed_reasons?.message ?? ""}`.trim()
                    : undefined,
            isNotFound: isMaNotFound,
            gone: "FAILURE",
            deadline,
            poll_: this.rt.poll(),
            log,
            deps: this.rt.waiterDeps,
            phases,
        });
        return n as Notebook;
    }

    private async stop(client: ModelArtsClient, id: string, deadline: number, log: ProgressLog): Promise<void> {
        let n = await client.get(id);
        if (TRANSITIONAL.has(n.status) && n.status !== "STOPPING") {
            n = await this.waitFor(client, id, ["RUNNING", "STOPPED", ...MA_FAILED], deadline, log);
        }
        if (n.status === "RUNNING") {
            log.info("stopping");
            await this.action(client, id, "stop");
        }
        if (n.status !== "STOPPED" && !MA_FAILED.has(n.status)) {
            await this.waitFor(client, id, ["STOPPED"], deadline, log);
        }
    }

    private async start(client: ModelArtsClient, id: string, deadline: number, log: ProgressLog): Promise<void> {
        let n = await client.get(id);
        if (TRANSITIONAL.has(n.status)) {
            n = await this.waitFor(client, id, ["RUNNING", "STOPPED", ...MA_FAILED], deadline, log);
        }
        if (n.status !== "RUNNING") {
            log.info("starting");
            await this.action(client, id, "start");
            await this.waitFor(client, id, ["RUNNING"], deadline, log);
        }
    }

    /**
     * Start/stop, where "already there" or "already on its way" is success: 6305/6306 (running,
     * starting), 6307/6308 (stopped, stopping). A retry after a lost answer lands there too.
     */
    private async action(client: ModelArtsClient, id: string, action: "start" | "stop"): Promise<void> {
        try {
            await client.action(id, action);
        } catch (e) {
            if (!(action === "start" ? e instanceof AlreadyStarted : e instanceof AlreadyStopped)) {
                throw e;
            }
        }
    }

    async read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
        const client = this.rt.client(typeof props.projectId === "string" ? props.projectId : undefined);
        let live: Notebook;
        try {
            live = await client.get(id);
        } catch (e) {
            if (isMaNotFound(e)) {
                return { id: "", props: {} };
            }
            throw e;
        }
        if (live.status === "DELETED") {
            return { id: "", props: {} };
        }
        const next = this.propsFrom(props, live, true);
        return { id, props: next, inputs: readInputs(next, userInputsOf(next)) };
    }

    private propsFrom(prevProps: Props, live: Notebook, keepDesired: boolean): Props {
        const { internal } = splitInternal(prevProps);
        const prev = userInputsOf(prevProps, keepDesired) as MaNotebookInputs;
        const stopTs = (prevProps.autoStopState as { stopTimestamp?: number } | undefined)?.stopTimestamp;
        const li = liveInputs(prev, live, stopTs, this.now());
        return {
            ...internal,
            ...stripUndefined(outputsOf(live, li.stoppedBySchedule) as unknown as Props),
            ...stripUndefined(li.inputs as Props),
            // The project the notebook lives in: the input, else the configured one (never undefined).
            projectId: prevProps.projectId ?? this.rt.client(undefined).projectId,
            liveStatus: live.status,
            desiredStatus: prev.status ?? "RUNNING",
            // A fired auto-stop keeps its last stop time so later reads still recognise it.
            autoStopState: li.stoppedBySchedule ? prevProps.autoStopState : outputsOf(live, false).autoStopState,
            inputKeys: Object.keys(prev).filter((k) => (prev as Props)[k] !== undefined),
        };
    }

    private async snapshot(client: ModelArtsClient, id: string, props: Props): Promise<Props> {
        return this.propsFrom(props, await client.get(id), false);
    }

    private async outsAfterWrite(client: ModelArtsClient, id: string, inputs: Props): Promise<Props> {
        const live = await client.get(id);
        const { user, internal } = splitInternal(inputs);
        return {
            ...internal,
            ...stripUndefined(outputsOf(live, false) as unknown as Props),
            projectId: client.projectId,
            ...stripUndefined(user),
            liveStatus: live.status,
            desiredStatus: user.status,
            inputKeys: Object.keys(stripUndefined(user)),
        };
    }

    async update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
        const inputs = parseChecked(MaNotebookInputs, news) as MaNotebookInputs;
        const { internal } = splitInternal(news);
        const log = progressFor(`modelarts.Notebook ${String(internal.__nbName ?? inputs.name)}`, internal.__nbUrn);
        const deadline = this.now() + resolveTimeouts(inputs.timeouts).update;
        const client = this.rt.client(inputs.projectId ?? (olds.projectId as string | undefined));
        return keepIdOnFailure(
            id,
            "update",
            { ...news, projectId: client.projectId },
            () => this.snapshot(client, id, news),
            async () => {
                await this.apply(client, id, olds, news, deadline, log);
                return { outs: await this.outsAfterWrite(client, id, news) };
            },
        );
    }

    private async apply(client: ModelArtsClient, id: string, olds: Props, news: Props, deadline: number, log: ProgressLog): Promise<void> {
        const o = flatten(userInputsOf(olds));
        const nIn = parseChecked(MaNotebookInputs, news) as MaNotebookInputs;
        const n = flatten(nIn as Props);
        const plan = planDiff(o, n, MA_POLICY);
        const changed = new Set(plan.changed);
        const body: { description?: string; spec?: { auto_stop: Record<string, unknown> } } = {};
        if (changed.has("description")) body.description = nIn.description ?? "";
        if (changed.has("spec.autoStop")) body.spec = { auto_stop: autoStopBody(nIn.spec.autoStop) };
        if (Object.keys(body).length > 0) {
            const current = await client.get(id);
            if (TRANSITIONAL.has(current.status)) {
                await this.waitFor(client, id, ["RUNNING", "STOPPED", ...MA_FAILED], deadline, log);
            }
            await client.update(id, body);
            log.info(`updated ${[body.description !== undefined ? "description" : "", body.spec ? "auto_stop" : ""].filter(Boolean).join(", ")}`);
            if (body.spec && nIn.spec.autoStop?.enable && current.status === "RUNNING") {
                log.warn("ModelArts arms auto-stop when a notebook starts: the new setting counts down from the next start");
            }
        }
        const keepStopped = olds.stoppedBySchedule === true && !changed.has("status") && !changed.has("spec.autoStop");
        const desired = keepStopped ? "STOPPED" : (nIn.status ?? "RUNNING");
        const now = await client.get(id);
        if (desired === "RUNNING" && now.status !== "RUNNING") {
            await this.start(client, id, deadline, log);
        } else if (desired === "STOPPED" && now.status !== "STOPPED") {
            await this.stop(client, id, deadline, log);
        }
    }

    async delete(id: string, props: Props): Promise<void> {
        const client = this.rt.client(typeof props.projectId === "string" ? props.projectId : undefined);
        const deadline = this.now() + resolveTimeouts(props.timeouts as Record<string, string> | undefined).delete;
        const log = progressFor(`modelarts.Notebook ${String(props.__nbName ?? props.name ?? id)}`, props.__nbUrn);
        for (;;) {
            try {
                await client.delete(id);
                break;
            } catch (e) {
                if (isMaNotFound(e)) {
                    return;
                }
                if ((e instanceof MustStopFirst || e instanceof NotebookBusy) && this.now() < deadline) {
                    log.info(e instanceof MustStopFirst ? "stopping before delete" : "waiting for the current operation before delete");
                    await this.stop(client, id, deadline, log);
                    continue;
                }
                throw e;
            }
        }
        await waitForStatus({
            description: `ModelArts notebook ${id} to be deleted`,
            poll: () => client.get(id),
            status: (x: Notebook) => x.status,
            // DELETED is still visible; the notebook is gone when the API answers ModelArts.6309.
            success: [],
            isNotFound: isMaNotFound,
            gone: "SUCCESS",
            deadline,
            poll_: this.rt.poll(),
            log,
            deps: this.rt.waiterDeps,
        });
    }
}
