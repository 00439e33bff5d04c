/**
 * DSW status machine (docs/dsw-api.md §6.2). Every change is planned as timestamped steps on the
 * record; `advanceDsw` applies the steps that are due, fires due shutdown timers and the idle
 * culler. Because steps carry absolute times, state written to disk resumes correctly.
 *
 * Choices where the reference is unconfirmed: a fired timer stops the instance and is removed;
 * a quota instance (no EcsSpec) passes through Queuing; a planned failure surfaces at
 * EnvPreparing → Failed with ReasonCode `ContainerStartFailed`; a create's phases share its
 * provisioning time equally unless `durations.dswCreateShares` says otherwise.
 */
import { DSW_CREATE_PHASES, StepDurations, phaseOffsets } from "../options";
import { DswInstanceRecord, DswPlanStep, DswStatus } from "./model";

export interface DswClock {
    now: number;
    durations: StepDurations;
    secondMs: number;
    /** Draws for durations.phaseJitter. */
    random?: () => number;
}

function spread(now: number, total: number, statuses: DswStatus[]): DswPlanStep[] {
    const step = total / statuses.length;
    return statuses.map((status, i) => ({ status, at: Math.round(now + step * i) }));
}

/** Creating → [Queuing] → ResourceAllocating → EnvPreparing → Running (or Failed). */
export function planCreate(rec: DswInstanceRecord, clock: DswClock, fail: boolean): void {
    const quota = rec.config.EcsSpec === undefined;
    const steps: DswStatus[] = quota ? ["Creating", "Queuing", "EnvPreparing"] : ["Creating", "ResourceAllocating", "EnvPreparing"];
    const d = clock.durations;
    const offsets = phaseOffsets(d.provision, DSW_CREATE_PHASES, d.dswCreateShares, d.phaseJitter, clock.random);
    rec.plan = steps.map((status, i) => ({ status, at: clock.now + offsets[i] }));
    rec.plan.push(finalProvisionStep(clock.now + clock.durations.provision, fail));
    applyDue(rec, clock.now);
}

function finalProvisionStep(at: number, fail: boolean): DswPlanStep {
    return fail
        ? {
              status: "Failed",
              at,
              reasonCode: "ContainerStartFailed",
              reasonMessage: "The notebook container failed to start (emulated provisioning failure).",
          }
        : { status: "Running", at };
}

/** Starting → EnvPreparing → Running. */
export function planStart(rec: DswInstanceRecord, clock: DswClock, fromTime = clock.now): void {
    rec.plan = spread(fromTime, clock.durations.provision, ["Starting", "EnvPreparing"]);
    rec.plan.push({ status: "Running", at: fromTime + clock.durations.provision });
    applyDue(rec, clock.now);
}

/** Stopping → Stopped. */
export function planStop(rec: DswInstanceRecord, clock: DswClock, fromTime = clock.now): void {
    // The idle time reached so far freezes with the stop (see DswInstanceRecord.idleMinutesAtStop).
    rec.idleMinutesAtStop = rec.idleSince !== undefined ? Math.floor((fromTime - rec.idleSince) / (60 * clock.secondMs)) : 0;
    rec.plan = [
        { status: "Stopping", at: fromTime },
        { status: "Stopped", at: fromTime + clock.durations.stop },
    ];
    applyDue(rec, clock.now);
}

/** Updating → back to where it was, or on to Running when `startAfter`. */
export function planUpdate(rec: DswInstanceRecord, clock: DswClock, startAfter: boolean): void {
    const back: DswStatus = rec.status === "Running" ? "Running" : rec.status;
    const end = clock.now + clock.durations.update;
    rec.plan = [{ status: "Updating", at: clock.now }];
    if (startAfter && back !== "Running") {
        rec.plan.push(...spread(end, clock.durations.provision, ["Starting", "EnvPreparing"]));
        rec.plan.push({ status: "Running", at: end + clock.durations.provision });
    } else {
        rec.plan.push({ status: back, at: end });
    }
    applyDue(rec, clock.now);
}

/** Deleting → gone. */
export function planDelete(rec: DswInstanceRecord, clock: DswClock): void {
    rec.plan = [
        { status: "Deleting", at: clock.now },
        { status: "__deleted", at: clock.now + clock.durations.delete },
    ];
    applyDue(rec, clock.now);
}

function setStatus(rec: DswInstanceRecord, step: DswPlanStep): void {
    if (step.status === "__deleted") {
        return;
    }
    if (rec.status === "Running" && step.status !== "Running" && rec.runningSince !== undefined) {
        rec.accumulatedRunningMs += step.at - rec.runningSince;
        rec.runningSince = undefined;
    }
    if (step.status === "Running" && rec.status !== "Running") {
        rec.runningSince = step.at;
        rec.idleSince = undefined;
        rec.idleMinutesAtStop = undefined;
    }
    rec.status = step.status;
    rec.reasonCode = step.reasonCode ?? "";
    rec.reasonMessage = step.reasonMessage ?? "";
    rec.gmtModified = step.at;
}

/** Applies due steps; returns true when the instance reached its deleted step. */
function applyDue(rec: DswInstanceRecord, now: number): boolean {
    while (rec.plan.length > 0 && rec.plan[0].at <= now) {
        const step = rec.plan.shift() as DswPlanStep;
        if (step.status === "__deleted") {
            return true;
        }
        setStatus(rec, step);
    }
    return false;
}

export type AdvanceResult = "unchanged" | "changed" | "deleted";

/**
 * Brings the record up to `now`: due status steps, then a due shutdown timer or an expired idle
 * period (each stops a Running instance from the moment it became due).
 */
export function advanceDsw(rec: DswInstanceRecord, clock: DswClock): AdvanceResult {
    const before = `${rec.status}|${rec.plan.length}|${rec.timer?.dueTime ?? ""}`;
    if (applyDue(rec, clock.now)) {
        return "deleted";
    }
    if (rec.timer && rec.timer.dueTime <= clock.now) {
        const due = rec.timer.dueTime;
        rec.timer = undefined;
        if (rec.status === "Running" && rec.plan.length === 0) {
            planStop(rec, clock, Math.max(due, rec.runningSince ?? due));
        }
    }
    if (rec.culler && rec.idleSince !== undefined && rec.status === "Running" && rec.plan.length === 0) {
        const limit = rec.culler.maxIdleTimeInMinutes * 60 * clock.secondMs;
        const dueAt = rec.idleSince + limit;
        if (dueAt <= clock.now) {
            planStop(rec, clock, dueAt);
            rec.idleSince = undefined;
            rec.idleMinutesAtStop = rec.culler.maxIdleTimeInMinutes;
        }
    }
    const after = `${rec.status}|${rec.plan.length}|${rec.timer?.dueTime ?? ""}`;
    return before === after ? "unchanged" : "changed";
}

/** The status an instance is heading to (its last planned status), or its current one. */
export function targetStatus(rec: DswInstanceRecord): string {
    const last = rec.plan[rec.plan.length - 1];
    return last ? last.status : rec.status;
}
