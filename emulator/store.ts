/**
 * The emulator's state: every instance of both clouds, kept in memory and, when a state directory
 * is given, mirrored to `<stateDir>/emulator-state.json` with atomic writes (write a temp file,
 * fsync, rename) so a crash never leaves a torn file and a restart resumes where it stopped.
 * Instance records hold absolute timestamps, so statuses and timers resume correctly after a
 * restart.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { DswInstanceRecord } from "./dsw/model";
import type { MaInstanceRecord } from "./modelarts/model";
import type { NbRecord } from "./modelartsV2/model";

export interface EmulatorState {
    version: 1;
    dsw: Record<string, DswInstanceRecord>;
    modelarts: Record<string, MaInstanceRecord>;
    /** Notebooks of the current ModelArts notebook API (their own records: the old API never sees them). */
    notebooks: Record<string, NbRecord>;
    /** Flavors an operator marked sold out (ModelArts.6329). */
    soldOutFlavors: string[];
}

export function emptyState(): EmulatorState {
    return { version: 1, dsw: {}, modelarts: {}, notebooks: {}, soldOutFlavors: [] };
}

/** The last failed save, until a save succeeds again. */
export interface SaveFailure {
    message: string;
    /** First failure of this run of failures (epoch ms). */
    since: number;
    attempts: number;
}

export class StateStore {
    state: EmulatorState;
    private dirty = false;
    private failure?: SaveFailure;
    private readonly file?: string;

    constructor(stateDir?: string) {
        this.file = stateDir ? path.join(stateDir, "emulator-state.json") : undefined;
        this.state = this.load();
    }

    get persistent(): boolean {
        return this.file !== undefined;
    }

    private load(): EmulatorState {
        if (!this.file || !fs.existsSync(this.file)) {
            return emptyState();
        }
        const parsed = JSON.parse(fs.readFileSync(this.file, "utf8")) as Partial<EmulatorState>;
        if (parsed.version !== 1) {
            throw new Error(`${this.file}: unsupported emulator state version ${String(parsed.version)}`);
        }
        return { ...emptyState(), ...parsed } as EmulatorState;
    }

    markDirty(): void {
        this.dirty = true;
    }

    /** Why the last save failed (the state is still dirty and the next flush tries again); undefined after a good save. */
    get saveFailure(): Readonly<SaveFailure> | undefined {
        return this.failure;
    }

    /**
     * Writes the state if it changed since the last flush. A failed save throws, leaves the state
     * dirty (the next flush writes every record again), the previous file intact and no temp file
     * behind: the text is made before anything is opened, and a temp file that could not be
     * completed is removed.
     */
    flush(): void {
        if (!this.dirty || !this.file) {
            this.dirty = false;
            return;
        }
        const tmp = `${this.file}.${process.pid}.tmp`;
        try {
            const text = JSON.stringify(this.state);
            fs.mkdirSync(path.dirname(this.file), { recursive: true });
            try {
                const fd = fs.openSync(tmp, "w");
                try {
                    fs.writeSync(fd, text);
                    fs.fsyncSync(fd);
                } finally {
                    fs.closeSync(fd);
                }
                fs.renameSync(tmp, this.file);
            } catch (e) {
                removeQuietly(tmp);
                throw e;
            }
        } catch (e) {
            const message = (e as Error).message;
            this.failure = { message, since: this.failure?.since ?? Date.now(), attempts: (this.failure?.attempts ?? 0) + 1 };
            throw new Error(`saving ${this.file} failed (the state is kept in memory and saved again at the next tick): ${message}`, { cause: e });
        }
        this.dirty = false;
        this.failure = undefined;
    }

    /** The state file's path, when persistent. */
    get path(): string | undefined {
        return this.file;
    }

    reset(): void {
        this.state = emptyState();
        this.dirty = true;
        this.flush();
    }
}

function removeQuietly(file: string): void {
    try {
        fs.unlinkSync(file);
    } catch {
        // nothing was created, or it is not ours to remove (a directory in the way)
    }
}
