/** Deterministic pseudo-random numbers (mulberry32), so a fault run with a seed replays exactly. */
export class SeededRandom {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** Uniform in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** Lower-case alphanumerics of the given length. */
    alnum(length: number): string {
        const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        let s = "";
        for (let i = 0; i < length; i++) {
            s += chars[Math.floor(this.next() * chars.length)];
        }
        return s;
    }
}
