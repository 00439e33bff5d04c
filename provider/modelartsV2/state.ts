/**
 * The state of a `modelarts.NotebookV2` as Pulumi stores it (inputs + outputs + bookkeeping),
 * built by one function from the previous state and the live notebook (see provider/dsw/state.ts).
 */
import { Bookkeeping, InternalInputs, bookkeeping, splitInternal, stripUndefined, userInputsOf } from "../common/resource";
import type { NbNotebook } from "./client";
import { NbOutputs, liveInputs, outputsOf } from "./mapping";
import { NB_POLICY } from "./policy";
import type { NbInputs } from "./schema";

export type NbInputProps = Partial<NbInputs> & InternalInputs;

export interface NbBookkeeping extends Bookkeeping {
    liveStatus: string;
}

/** `status` is the live status here, so it may read a failed status too. */
export type NbState = Omit<NbInputProps, "status"> & Partial<NbOutputs> & Partial<NbBookkeeping>;

export function inputsOf(props: NbState | NbInputProps, desired = false): Partial<NbInputs> {
    return userInputsOf(props, NB_POLICY, desired) as Partial<NbInputs>;
}

export interface NbStateOptions {
    /** `read`: live values as inputs (drift), lease stops recognised; `written`: the inputs just applied. */
    mode: "read" | "written";
    projectId: string;
    keepDesired?: boolean;
}

export function nbState(prev: NbState | NbInputProps, live: NbNotebook, o: NbStateOptions): NbState {
    const { internal } = splitInternal(prev);
    const prevInputs = inputsOf(prev, o.keepDesired) as NbInputs;
    const li = o.mode === "read" ? liveInputs(prevInputs, live) : { inputs: prevInputs, stoppedBySchedule: false };
    const outs = outputsOf(live, li.stoppedBySchedule);
    return {
        ...internal,
        ...stripUndefined(outs),
        ...stripUndefined(li.inputs),
        projectId: o.projectId,
        liveStatus: live.status,
        ...bookkeeping(prevInputs, "RUNNING"),
    };
}
