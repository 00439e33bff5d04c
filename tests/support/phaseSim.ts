/**
 * A series of creates on a fake clock, each walking its phases as the emulator plans them
 * (emulator/options.ts `createTotal` and `phaseOffsets`, with the same shares and jitter), polled
 * by the provider's own waiter and phase prediction (provider/common/waiter.ts, eta.ts), each
 * create learning from the ones before it as a stack's creates do through phaseHistory.ts. No
 * real sleeps: the unit tests assert on it and `npm run bench` draws the budget trade-off curve
 * with it, next to the same figures measured through the real CLI.
 */
import { PhaseEta, PhaseRoute, PhaseSample } from "../../provider/common/eta";
import { WaiterDeps, waitUntil } from "../../provider/common/waiter";
import { createTotal, phaseOffsets } from "../../emulator/options";

export interface CloudModel {
    name: string;
    route: PhaseRoute;
    /** Status shown in each phase (the first of each route slot) and the goal after the last. */
    statuses: string[];
    /** Server timestamps' resolution (DSW: whole seconds, truncated). */
    resolutionMs: number;
}

export const DSW_MODEL: CloudModel = {
    name: "dsw.Instance",
    route: { phases: [["Creating"], ["Queuing", "ResourceAllocating"], ["EnvPreparing"]] },
    statuses: ["Creating", "ResourceAllocating", "EnvPreparing", "Running"],
    resolutionMs: 1000,
};
export const MODELARTS_MODEL: CloudModel = {
    name: "modelarts.Notebook / NotebookV2",
    route: { phases: [["CREATING"], ["STARTING"]] },
    statuses: ["CREATING", "STARTING", "RUNNING"],
    resolutionMs: 1,
};

export interface SeriesOptions {
    model: CloudModel;
    creates: number;
    seed: number;
    provisionMs?: number;
    shares?: number[];
    phaseJitter?: number;
    provisionJitter?: number;
    budget?: number;
    /** Learn from the earlier creates of the series (false: every create predicts afresh). */
    learn?: boolean;
    minDelayMs?: number;
    maxDelayMs?: number;
}

export interface CreateResult {
    polls: number;
    /** Client ms between the create reaching its goal and the poll that saw it. */
    lagMs: number;
    provisionMs: number;
}

/** Deterministic pseudo-random numbers (a linear congruential generator). */
export function seeded(seed: number): () => number {
    let x = seed >>> 0;
    return () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return x / 2147483648;
    };
}

export async function simulateSeries(o: SeriesOptions): Promise<CreateResult[]> {
    const random = seeded(o.seed);
    const history: PhaseSample[] = [];
    const out: CreateResult[] = [];
    const phases = o.model.route.phases.length;
    let t = 1_700_000_000_000;
    for (let c = 0; c < o.creates; c++) {
        const d = { provision: o.provisionMs ?? 60_000, stop: 0, update: 0, delete: 0, phaseJitter: o.phaseJitter, provisionJitter: o.provisionJitter };
        const total = createTotal(d, random);
        const bounds = [...phaseOffsets(total, phases, o.shares, o.phaseJitter, random), total];
        const created = t + Math.floor(random() * 1000);
        t = created + 25;
        const deps: WaiterDeps = { now: () => t, random, sleep: async (ms) => void (t += ms) };
        const stampOf = (ms: number) => Math.floor(ms / o.model.resolutionMs) * o.model.resolutionMs;
        const observe = () => {
            const k = bounds.filter((b) => t - created >= b).length - 1;
            return { status: o.model.statuses[k], since: stampOf(created + bounds[k]), origin: stampOf(created) };
        };
        const eta = new PhaseEta(o.model.route, t, o.model.resolutionMs, o.learn === false ? [] : history);
        const goal = o.model.statuses[phases];
        const r = await waitUntil(
            async () => observe(),
            (x) => ({ state: x.value?.status === goal ? "SUCCESS" : "RETRY" }),
            (v) => v.status,
            {
                description: `create ${c}`,
                minDelayMs: o.minDelayMs ?? 2000,
                maxDelayMs: o.maxDelayMs ?? 15000,
                maxWaitMs: 30 * 60_000,
                pollBudget: o.budget,
            },
            deps,
            { predict: (v) => eta.observe(v, t) },
        );
        const sample = eta.sample(r.value);
        if (sample) history.push(sample);
        if (history.length > 12) history.shift();
        out.push({ polls: r.polls, lagMs: t - (created + total), provisionMs: total });
        t += 5000;
    }
    return out;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Polls per 60 s of provisioning, the unit the goal and the budget are in. */
export const pollsPer60s = (r: CreateResult) => (r.polls * 60_000) / r.provisionMs;
