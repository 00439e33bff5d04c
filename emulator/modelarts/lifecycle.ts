/**
 * ModelArts status machine (docs/modelarts-devenv-api.md §3.9): planned, timestamped steps as for DSW.
 * A new instance starts by itself; free flavors queue first. auto_stop arms at each start with the
 * duration configured then (`stopAt = start + duration`); when due the instance stops.
 * Choices where the reference is unconfirmed: deleting shows DELETED for the delete duration,
 * then the id answers ModelArts.6309; a planned failure ends CREATE_FAILED with failed_reasons;
 * CREATING and STARTING share the provisioning time equally unless
 * `durations.modelartsCreateShares` says otherwise.
 */
import { MODELARTS_CREATE_PHASES, StepDurations, phaseOffsets } from "../options";
import { FLAVORS, MaInstanceRecord, MaPlanStep, MaStatus } from "./model";

export interface MaClock {
    now: number;
    durations: StepDurations;
    secondMs: number;
    /** Draws for durations.phaseJitter. */
    random?: () => number;
}

function setStatus(rec: MaInstanceRecord, step: MaPlanStep, clock: MaClock): void {
    if (step.status === "__deleted") {
        return;
    }
    if (step.status === "RUNNING" && rec.status !== "RUNNING") {
        rec.runningSince = step.at;
        rec.stopAt = rec.autoStop.enable && rec.autoStop.duration !== undefined ? step.at + rec.autoStop.duration * clock.secondMs : undefined;
    }
    if (step.status !== "RUNNING") {
        rec.runningSince = undefined;
        rec.stopAt = undefined;
    }
    rec.status = step.status;
    if (step.failedReasons) {
        rec.failedReasons = step.failedReasons;
        rec.errorCode = step.failedReasons.code;
    }
    rec.updateTs = step.at;
}

function applyDue(rec: MaInstanceRecord, clock: MaClock): boolean {
    while (rec.plan.length > 0 && rec.plan[0].at <= clock.now) {
        const step = rec.plan.shift() as MaPlanStep;
        if (step.status === "__deleted") {
            return true;
        }
        setStatus(rec, step, clock);
    }
    return false;
}

export function planMaCreate(rec: MaInstanceRecord, clock: MaClock, fail: boolean): void {
    const free = FLAVORS[rec.flavor]?.free === true;
    const d = clock.durations;
    const [, starting] = phaseOffsets(d.provision, MODELARTS_CREATE_PHASES, d.modelartsCreateShares, d.phaseJitter, clock.random);
    const t0 = clock.now;
    rec.plan = [];
    if (free) {
        // A free flavor queues for the first half of its CREATING share.
        rec.plan.push({ status: "CREATE_QUEUING", at: t0 });
    }
    rec.plan.push({ status: "CREATING", at: t0 + (free ? Math.round(starting / 2) : 0) });
    if (fail) {
        rec.plan.push({
            status: "CREATE_FAILED",
            at: t0 + clock.durations.provision,
            failedReasons: {
                code: "ModelArts.6360",
                message: "Insufficient backend resources to start the instance (emulated provisioning failure).",
                detail: {},
            },
        });
    } else {
        rec.plan.push({ status: "STARTING", at: t0 + starting }, { status: "RUNNING", at: t0 + clock.durations.provision });
    }
    applyDue(rec, clock);
}

export function planMaStart(rec: MaInstanceRecord, clock: MaClock): void {
    rec.failedReasons = undefined;
    rec.errorCode = undefined;
    rec.plan = [
        { status: "STARTING", at: clock.now },
        { status: "RUNNING", at: clock.now + clock.durations.provision },
    ];
    applyDue(rec, clock);
}

export function planMaStop(rec: MaInstanceRecord, clock: MaClock, from = clock.now): void {
    rec.plan = [
        { status: "STOPPING", at: from },
        { status: "STOPPED", at: from + clock.durations.stop },
    ];
    applyDue(rec, clock);
}

export function planMaRestart(rec: MaInstanceRecord, clock: MaClock): void {
    rec.plan = [
        { status: "RESTARTING", at: clock.now },
        { status: "RUNNING", at: clock.now + clock.durations.provision },
    ];
    applyDue(rec, clock);
}

export function planMaDelete(rec: MaInstanceRecord, clock: MaClock): void {
    rec.plan = [
        { status: "DELETED", at: clock.now },
        { status: "__deleted", at: clock.now + clock.durations.delete },
    ];
    applyDue(rec, clock);
}

export type MaAdvance = "unchanged" | "changed" | "deleted";

export function advanceMa(rec: MaInstanceRecord, clock: MaClock): MaAdvance {
    const before = `${rec.status}|${rec.plan.length}`;
    if (applyDue(rec, clock)) {
        return "deleted";
    }
    if (rec.status === "RUNNING" && rec.plan.length === 0 && rec.stopAt !== undefined && rec.stopAt <= clock.now) {
        planMaStop(rec, clock, rec.stopAt);
    }
    return before === `${rec.status}|${rec.plan.length}` ? "unchanged" : "changed";
}

export const MA_TRANSITIONAL: ReadonlySet<MaStatus> = new Set([
    "CREATE_QUEUING",
    "CREATING",
    "START_QUEUING",
    "READY_TO_START",
    "STARTING",
    "RESTARTING",
    "STOPPING",
    "RESIZING",
]);
