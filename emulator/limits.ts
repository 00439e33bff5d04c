/**
 * The checks a gateway makes before any service sees a request: the `Host` it was sent to, how
 * many headers it has, and how deep and wide its JSON body nests. Pure functions over what arrived;
 * server.ts applies them at its one HTTP entry and shapes the refusal as each cloud does.
 */

/** What a JSON body breaks, or undefined when it keeps both limits (or is not a JSON container). */
export function jsonShapeProblem(body: Buffer, maxDepth: number, maxWidth: number): string | undefined {
    // Scans the bytes without parsing: a body that would overflow a recursive parser or serializer
    // is refused before anything recursive runs. Only a body that starts with `{` or `[` can nest.
    let i = 0;
    while (i < body.length && (body[i] === 0x20 || body[i] === 0x09 || body[i] === 0x0a || body[i] === 0x0d)) i++;
    if (i >= body.length || (body[i] !== 0x7b && body[i] !== 0x5b)) return undefined;
    const members = new Uint32Array(maxDepth + 2);
    let depth = 0;
    let inString = false;
    for (; i < body.length; i++) {
        const c = body[i];
        if (inString) {
            if (c === 0x5c)
                i++; // a backslash escapes the next byte (`\"`); multi-byte UTF-8 bytes are all ≥ 0x80
            else if (c === 0x22) inString = false;
            continue;
        }
        if (c === 0x22) {
            inString = true;
        } else if (c === 0x7b || c === 0x5b) {
            depth++;
            if (depth > maxDepth) return `the JSON body nests deeper than ${maxDepth} levels`;
            members[depth] = 1;
        } else if (c === 0x7d || c === 0x5d) {
            if (depth > 0) depth--;
        } else if (c === 0x2c && depth > 0) {
            members[depth]++;
            if (members[depth] > maxWidth) return `a JSON object or array of the body has more than ${maxWidth} members`;
        }
    }
    return undefined;
}

/** The host name of a `Host` header value, lower-cased, without port or brackets' port; undefined when malformed. */
export function hostName(header: string | undefined): string | undefined {
    if (header === undefined) return undefined;
    const h = header.trim().toLowerCase();
    const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::\d{1,5})?$/.exec(h);
    return m ? m[1].replace(/\.$/, "") : undefined;
}

/** localhost, 127.0.0.0/8 and [::1]. */
export function isLoopbackName(name: string): boolean {
    if (name === "localhost" || name === "[::1]") return true;
    const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
    return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

/**
 * Whether a request sent with this `Host` is served: loopback names always; the name the server
 * listens on (unless a wildcard address); and each of `allowed` (a name, `.suffix` for its
 * subdomains, `*` for any).
 */
export function hostAllowed(header: string | undefined, allowed: readonly string[], listenHost: string): boolean {
    const name = hostName(header);
    if (name === undefined) return false;
    if (isLoopbackName(name)) return true;
    const listen = hostName(listenHost.includes(":") && !listenHost.startsWith("[") ? `[${listenHost}]` : listenHost);
    if (listen !== undefined && listen !== "0.0.0.0" && listen !== "[::]" && listen === name) return true;
    return allowed.some((a) => {
        const rule = a.trim().toLowerCase();
        if (rule === "*") return true;
        if (rule.startsWith(".")) return name.endsWith(rule) || name === rule.slice(1);
        return name === (hostName(rule) ?? rule);
    });
}

/** The plain-text answer to a refused `Host` (what Vite and webpack-dev-server do: say why and how to allow it). */
export function blockedHostMessage(header: string | undefined): string {
    const shown = header === undefined ? "(none)" : JSON.stringify(header.slice(0, 100));
    return (
        `Blocked request: the Host header ${shown} is not allowed. The emulator serves loopback names only ` +
        `(localhost, 127.0.0.0/8, [::1]) so that a web page cannot reach it through DNS rebinding. To serve this host, ` +
        `start it with --allowed-hosts <name> (or NOTEBOOKS_EMULATOR_ALLOWED_HOSTS, or the allowedHosts option of startEmulator).\n`
    );
}
