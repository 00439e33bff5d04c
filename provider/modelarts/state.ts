/**
 * The state of a `modelarts.Notebook` as Pulumi stores it (inputs + outputs + bookkeeping), built
 * by one function from the previous state and the live notebook (see provider/dsw/state.ts).
 */
import { Bookkeeping, InternalInputs, bookkeeping, splitInternal, stripUndefined, userInputsOf } from "../common/resource";
import type { Notebook } from "./client";
import { MaOutputs, liveInputs, outputsOf } from "./mapping";
import { MA_POLICY } from "./policy";
import { MaNotebookInputs } from "./schema";
import { MaNotebookOutputs } from "./outputs";
import { stateSchemaOf } from "../common/state";

export type MaInputProps = Partial<MaNotebookInputs> & InternalInputs;

export interface MaBookkeeping extends Bookkeeping {
    liveStatus: string;
}

/** `status` is the live status here, so it may read a failed status too. */
export type MaState = Omit<MaInputProps, "status"> & Partial<MaOutputs> & Partial<MaBookkeeping>;

/** The state as the engine hands it over, parsed once at the boundary (common/state.ts). */
export const MA_STATE = stateSchemaOf<MaState>(MaNotebookInputs, MaNotebookOutputs);

export function inputsOf(props: MaState | MaInputProps, desired = false): Partial<MaNotebookInputs> {
    return userInputsOf(props, MA_POLICY, desired) as Partial<MaNotebookInputs>;
}

export interface MaStateOptions {
    /** `read`: live values as inputs (drift), auto-stop stops recognised; `written`: the inputs just applied. */
    mode: "read" | "written";
    /** The project the notebook lives in (the input, else the configured one). */
    projectId: string;
    keepDesired?: boolean;
    now: number;
}

export function maState(prev: MaState | MaInputProps, live: Notebook, o: MaStateOptions): MaState {
    const { internal } = splitInternal(prev);
    const prevInputs = inputsOf(prev, o.keepDesired) as MaNotebookInputs;
    const previousAutoStop = (prev as MaState).autoStopState;
    const li = o.mode === "read" ? liveInputs(prevInputs, live, previousAutoStop?.stopTimestamp, o.now) : { inputs: prevInputs, stoppedBySchedule: false };
    const outs = outputsOf(live, li.stoppedBySchedule);
    return {
        ...internal,
        ...stripUndefined(outs),
        ...stripUndefined(li.inputs),
        projectId: o.projectId,
        liveStatus: live.status,
        // A fired auto-stop keeps its last stop time so later reads still recognise it.
        autoStopState: li.stoppedBySchedule ? previousAutoStop : outs.autoStopState,
        ...bookkeeping(prevInputs, "RUNNING"),
    };
}
