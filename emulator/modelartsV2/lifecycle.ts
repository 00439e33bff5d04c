/**
 * The current notebook API's status machine (NotebookResp.status): planned, timestamped steps
 * as for the old API (../lifecycle.ts). A new notebook goes INIT → CREATING → STARTING →
 * RUNNING; reaching RUNNING starts the lease's countdown (`lease.createAt`); when an enabled
 * lease's `createAt + duration` comes, the notebook stops by itself (STOPPING → STOPPED), and
 * the lease keeps its start and duration (unconfirmed; the provider reads a fired lease the
 * same way, provider/modelartsV2/mapping.ts). Deleting shows DELETING for the delete
 * duration, then the id answers ModelArts.6404.
 */
import { MODELARTS_CREATE_PHASES, StepDurations, phaseOffsets } from "../options";
import { NbPlanStep, NbRecord } from "./model";

export interface NbClock {
    now: number;
    durations: StepDurations;
    secondMs: number;
    random?: () => number;
}

function setStatus(rec: NbRecord, step: NbPlanStep): void {
    if (step.status === "RUNNING" && rec.status !== "RUNNING") {
        rec.lease.createAt = step.at;
        rec.lease.updateAt = step.at;
    }
    rec.status = step.status as NbRecord["status"];
    if (step.failReason) rec.failReason = step.failReason;
    rec.updateAt = step.at;
}

function applyDue(rec: NbRecord, clock: NbClock): boolean {
    while (rec.plan.length > 0 && rec.plan[0].at <= clock.now) {
        const step = rec.plan.shift() as NbPlanStep;
        if (step.status === "__deleted") return true;
        setStatus(rec, step);
    }
    return false;
}

export function planNbCreate(rec: NbRecord, clock: NbClock, fail: boolean): void {
    const d = clock.durations;
    const [, starting] = phaseOffsets(d.provision, MODELARTS_CREATE_PHASES, d.modelartsCreateShares, d.phaseJitter, clock.random);
    const t0 = clock.now;
    rec.plan = [
        { status: "INIT", at: t0 },
        { status: "CREATING", at: t0 + Math.min(1, starting) },
    ];
    if (fail) {
        rec.plan.push({
            status: "CREATE_FAILED",
            at: t0 + d.provision,
            failReason: "ModelArts.6360: insufficient backend resources to start the notebook (emulated provisioning failure)",
        });
    } else {
        rec.plan.push({ status: "STARTING", at: t0 + starting }, { status: "RUNNING", at: t0 + d.provision });
    }
    applyDue(rec, clock);
}

export function planNbStart(rec: NbRecord, clock: NbClock): void {
    rec.failReason = undefined;
    rec.plan = [
        { status: "STARTING", at: clock.now },
        { status: "RUNNING", at: clock.now + clock.durations.provision },
    ];
    applyDue(rec, clock);
}

export function planNbStop(rec: NbRecord, clock: NbClock, from = clock.now): void {
    rec.plan = [
        { status: "STOPPING", at: from },
        { status: "STOPPED", at: from + clock.durations.stop },
    ];
    applyDue(rec, clock);
}

export function planNbDelete(rec: NbRecord, clock: NbClock): void {
    rec.plan = [
        { status: "DELETING", at: clock.now },
        { status: "__deleted", at: clock.now + clock.durations.delete },
    ];
    applyDue(rec, clock);
}

/** When an enabled lease stops a running notebook, if it does. */
export function leaseDue(rec: NbRecord): number | undefined {
    return rec.status === "RUNNING" && rec.lease.enable && rec.lease.duration > 0 ? rec.lease.createAt + rec.lease.duration : undefined;
}

export function advanceNb(rec: NbRecord, clock: NbClock): "unchanged" | "changed" | "deleted" {
    const before = `${rec.status}|${rec.plan.length}`;
    if (applyDue(rec, clock)) return "deleted";
    const due = leaseDue(rec);
    if (rec.plan.length === 0 && due !== undefined && due <= clock.now) {
        planNbStop(rec, clock, due);
    }
    return before === `${rec.status}|${rec.plan.length}` ? "unchanged" : "changed";
}

export const NB_EMU_TRANSITIONAL: ReadonlySet<string> = new Set(["INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "SNAPSHOTTING"]);
