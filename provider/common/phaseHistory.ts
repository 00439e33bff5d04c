/**
 * How long earlier creates of the same kind took, phase by phase, so a wait can predict the end
 * of the next one (./eta.ts) where the equal-phases assumption does not hold.
 *
 * Kept in a small JSON file next to the program (`.pulumi-notebooks/phase-history.json` in the
 * directory the provider runs in, which Pulumi makes the program's; `notebooks:phaseHistory` or
 * NOTEBOOKS_PHASE_HISTORY names another file, `off` turns it off). Why a file and not the stack's
 * state: a create has no state yet, a dynamic provider is never shown the other resources' state,
 * and the lengths are a property of the account, region and flavor rather than of one resource,
 * so the next `pulumi up` of the stack (or another stack in the same checkout, keyed apart by its
 * owner) must read what this one learned. The file holds flavors, image names and durations only,
 * nothing secret; a fresh clone or a lost file only makes waits fall back to the equal-phases
 * prediction. Writes go through a temporary file and a rename, so a reader never sees half a file;
 * two processes writing at once may each lose the other's newest sample, never corrupt the file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { PhaseSample } from "./eta";

/** Samples kept per kind: recent enough to follow a region that got slower, enough for a window. */
export const SAMPLES_PER_KEY = 12;
/** Kinds kept per file (the least recently used go first). */
export const MAX_KEYS = 200;

export const DEFAULT_HISTORY_FILE = path.join(".pulumi-notebooks", "phase-history.json");

interface HistoryFile {
    version: 1;
    kinds: Record<string, { used: number; samples: PhaseSample[] }>;
}

const isSample = (x: unknown): x is PhaseSample =>
    typeof x === "object" &&
    x !== null &&
    typeof (x as PhaseSample).end === "number" &&
    Array.isArray((x as PhaseSample).starts) &&
    (x as PhaseSample).starts.every((v) => v === null || typeof v === "number");

export class PhaseHistory {
    constructor(
        /** The file, or undefined for none (history off). */
        readonly file: string | undefined,
        private readonly now: () => number = Date.now,
    ) {}

    private read(): HistoryFile {
        if (!this.file) return { version: 1, kinds: {} };
        try {
            const parsed = JSON.parse(readFileSync(this.file, "utf8")) as Partial<HistoryFile>;
            if (parsed.version === 1 && typeof parsed.kinds === "object" && parsed.kinds !== null) {
                return parsed as HistoryFile;
            }
        } catch {
            // Missing or unreadable: nothing learned yet.
        }
        return { version: 1, kinds: {} };
    }

    /** Earlier creates of this kind, oldest first. */
    samples(key: string): PhaseSample[] {
        const entry = this.read().kinds[key];
        return Array.isArray(entry?.samples) ? entry.samples.filter(isSample) : [];
    }

    /** Adds one finished create; failures to write are swallowed (the history is an optimisation). */
    record(key: string, sample: PhaseSample): void {
        if (!this.file) return;
        try {
            const h = this.read();
            const kept = [...(h.kinds[key]?.samples ?? []).filter(isSample), sample].slice(-SAMPLES_PER_KEY);
            h.kinds[key] = { used: this.now(), samples: kept };
            const keys = Object.keys(h.kinds).sort((a, b) => h.kinds[b].used - h.kinds[a].used);
            for (const k of keys.slice(MAX_KEYS)) delete h.kinds[k];
            mkdirSync(path.dirname(this.file), { recursive: true });
            const tmp = `${this.file}.${process.pid}.tmp`;
            writeFileSync(tmp, `${JSON.stringify(h)}\n`);
            renameSync(tmp, this.file);
        } catch {
            // A read-only checkout: waits predict as if nothing had been learned.
        }
    }
}

/** The history file a setting names: a path, `off`, or undefined for the default next to the program. */
export function historyFileFrom(setting: string | undefined, cwd: string = process.cwd()): string | undefined {
    if (setting === "off") return undefined;
    return path.resolve(cwd, setting ?? DEFAULT_HISTORY_FILE);
}

/** One create's kind: the stack, the resource type and what makes its phases alike (flavor, image). */
export function historyKey(kind: string, owner: string, ...spec: Array<string | undefined>): string {
    return [kind, owner, ...spec.map((s) => s ?? "")].join("|");
}

const open = new Map<string, PhaseHistory>();

/** The history a create's wait learns from, for its settings' file and its kind; undefined when history is off. */
export function learnFrom(file: string | undefined, key: string): LearnFrom | undefined {
    if (!file) return undefined;
    let h = open.get(file);
    if (!h) {
        h = new PhaseHistory(file);
        open.set(file, h);
    }
    return { history: h, key };
}

/** What a create's wait needs to learn from and add to the history. */
export interface LearnFrom {
    history: PhaseHistory;
    key: string;
}
