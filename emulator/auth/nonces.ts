/**
 * Signature nonces seen inside the clock-skew window, shared by every Alibaba API the emulator
 * plays (DSW's ACS3 `x-acs-signature-nonce`, STS's RPC `SignatureNonce`): a replayed request, or a
 * new one re-signed with a used nonce, is refused with `SignatureNonceUsed`, as Alibaba's gateway does.
 */
export class NonceCache {
    private seen = new Map<string, number>();

    constructor(private windowMs: number) {}

    /** False if the nonce was already used inside the window (then it stays used). */
    use(nonce: string, now: number): boolean {
        if (this.seen.has(nonce)) {
            return false;
        }
        // A request is accepted up to the skew either side of its timestamp, so a nonce must be
        // remembered for twice the window.
        this.seen.set(nonce, now + 2 * this.windowMs);
        return true;
    }

    prune(now: number): void {
        for (const [n, exp] of this.seen) {
            if (exp < now) {
                this.seen.delete(n);
            }
        }
    }
}

/** Alibaba's answer to a used nonce (both the ACS3 and the RPC gateway): HTTP 400. */
export const NONCE_USED = { status: 400, code: "SignatureNonceUsed", message: "Specified signature nonce was used already." } as const;
