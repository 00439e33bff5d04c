/**
 * The emulator's clock tick: every cloud's planned status steps advance, old nonces go, and the
 * state is saved apart from the advance, so one failing never stops the other.
 */
import { report } from "../answers";
import { EmuServices } from "./services";

/** Starts the tick; the returned function stops it. */
export function startTicker(s: EmuServices): () => void {
    let lastSaveError: string | undefined;
    const tick = setInterval(() => {
        try {
            s.dsw.advanceAll();
            s.ma.advanceAll();
            s.notebooks.advanceAll();
            s.nonces.prune(s.ctx.now());
        } catch (e) {
            report("tick failed", e);
        }
        // A failed save is reported once per distinct error (not every tick) and tried again at the next tick.
        try {
            s.ctx.store.flush();
            if (lastSaveError !== undefined) process.stderr.write(`[emulator] state saved again after: ${lastSaveError}\n`);
            lastSaveError = undefined;
        } catch (e) {
            const message = (e as Error).message;
            if (message !== lastSaveError) process.stderr.write(`[emulator] ${message}\n`);
            lastSaveError = message;
        }
    }, s.ctx.options.tickMs);
    tick.unref();
    return () => clearInterval(tick);
}
