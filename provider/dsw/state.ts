/**
 * The state of a `dsw.Instance` as Pulumi stores it: the inputs, the outputs the cloud reports, and
 * the provider's bookkeeping, in one type (the shape of pulumi-command's `CommandOutputs`, which
 * embeds its inputs), built by one function from the previous state and the live instance.
 */
import { Bookkeeping, InternalInputs, bookkeeping, splitInternal, stripUndefined, userInputsOf } from "../common/resource";
import type { Instance } from "./client";
import { DswOutputs, liveInputs, outputsOf } from "./mapping";
import { DSW_POLICY } from "./policy";
import { DswInstanceInputs } from "./schema";
import { DswInstanceOutputs } from "./outputs";
import { stateSchemaOf } from "../common/state";

/** What the engine hands `check`, `diff`, `create` and `update`: the program's inputs. */
export type DswInputProps = Partial<DswInstanceInputs> & InternalInputs;

/** Kept beside inputs and outputs so the next operation knows what the program asked for. */
export interface DswBookkeeping extends Bookkeeping {
    /** The cloud's own status word. */
    liveStatus: string;
}

/** `status` is the live status in desired-state words here, so it may read "Failed" too. */
export type DswState = Omit<DswInputProps, "status"> & Partial<DswOutputs> & Partial<DswBookkeeping>;

/** The state as the engine hands it over, parsed once at the boundary (common/state.ts). */
export const DSW_STATE = stateSchemaOf<DswState>(DswInstanceInputs, DswInstanceOutputs);

/** The user's inputs as a state holds them; `desired` puts back the program's `status`. */
export function inputsOf(props: DswState | DswInputProps, desired = false): Partial<DswInstanceInputs> {
    return userInputsOf(props, DSW_POLICY, desired) as Partial<DswInstanceInputs>;
}

export interface StateOptions {
    /**
     * `read`: the inputs become their live values (drift) and a stop by the instance's own
     * schedule is recognised; `written`: the inputs just applied are the inputs.
     */
    mode: "read" | "written";
    /** The shutdown-timer due time the provider last applied (ISO). */
    appliedDue?: string;
    /** With `read`: keep the program's status rather than the previous state's. */
    keepDesired?: boolean;
    now: number;
}

export function dswState(prev: DswState | DswInputProps, live: Instance, o: StateOptions): DswState {
    const { internal } = splitInternal(prev);
    const prevInputs = inputsOf(prev, o.keepDesired) as DswInstanceInputs;
    const li = o.mode === "read" ? liveInputs(prevInputs, live, o.appliedDue, o.now) : { inputs: prevInputs, stoppedBySchedule: false };
    const outs: DswOutputs = outputsOf(live, { dueTime: o.appliedDue, stoppedBySchedule: li.stoppedBySchedule });
    const previousCommandId = (prev as DswState).userCommandId;
    return {
        ...internal,
        ...stripUndefined(outs),
        // GetInstance-only outputs keep their last value when a listing served this read.
        userCommandId: outs.userCommandId ?? previousCommandId ?? "",
        ...stripUndefined(li.inputs),
        // `status` is the desired-state view of the live status (drift shows through it);
        // `liveStatus` is the cloud's own word; the bookkeeping keeps the program's wish.
        liveStatus: live.Status,
        ...bookkeeping(prevInputs, "Running"),
    };
}
