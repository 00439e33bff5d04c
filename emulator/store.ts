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
import type { NbRecord } from "./modelarts/notebooks/model";

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

export class StateStore {
    state: EmulatorState;
    private dirty = false;
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

    /** Writes the state if it changed since the last flush. */
    flush(): void {
        if (!this.dirty || !this.file) {
            this.dirty = false;
            return;
        }
        this.dirty = false;
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        const fd = fs.openSync(tmp, "w");
        try {
            fs.writeSync(fd, JSON.stringify(this.state));
            fs.fsyncSync(fd);
        } finally {
            fs.closeSync(fd);
        }
        fs.renameSync(tmp, this.file);
    }

    reset(): void {
        this.state = emptyState();
        this.dirty = true;
        this.flush();
    }
}
