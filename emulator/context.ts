/** What every route handler is given: options, state, faults and the clock. */
import { FaultInjector, RateLimiter } from "./faults";
import { EmulatorOptions } from "./options";
import { RequestLog } from "./requestLog";
import { SeededRandom } from "./rng";
import { StateStore } from "./store";

export interface EmuContext {
    options: EmulatorOptions;
    store: StateStore;
    faults: FaultInjector;
    rateLimiter: RateLimiter;
    log: RequestLog;
    /** Ids and tokens; seeded so ids are reproducible in tests. */
    ids: SeededRandom;
    /** Per-create phase jitter (durations.phaseJitter); its own seeded stream, so faults replay alike. */
    phases: SeededRandom;
    now(): number;
}
