/**
 * A self-signed certificate for the emulator's TLS listener, made at start (nothing private is
 * committed): valid for the host it listens on, usable as its own trust anchor (CA:TRUE), so a
 * client trusts it through NODE_EXTRA_CA_CERTS and verifies the connection as it would a cloud's.
 * `selfsigned` is a development dependency: only tests and the demo start a TLS listener.
 */
import { isIP } from "node:net";

export async function loopbackCertificate(host: string): Promise<{ key: string; cert: string }> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a TLS listener is asked for
    const selfsigned = require("selfsigned") as typeof import("selfsigned");
    const altNames = [isIP(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }, { type: 2 as const, value: "localhost" }];
    const pems = await selfsigned.generate([{ name: "commonName", value: host }], {
        keyType: "ec",
        curve: "P-256",
        algorithm: "sha256",
        notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
        extensions: [
            { name: "basicConstraints", cA: true, critical: true },
            { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
            { name: "extKeyUsage", serverAuth: true },
            { name: "subjectAltName", altNames },
        ],
    });
    return { key: pems.private, cert: pems.cert };
}
