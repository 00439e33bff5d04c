/**
 * SIGKILL of a process tree. Pulumi starts every plugin (language host, providers) in a process
 * group of its own (sdk/go/common/resource/plugin/plugin.go calls cmdutil.RegisterProcessGroup,
 * which sets Setpgid), so killing the CLI's group leaves them running; a runner that dies takes all
 * of them, and so does this.
 */
import * as fs from "node:fs";

/** Every process below `root`, from /proc (its children, theirs, and so on). */
export function descendantsOf(root: number): number[] {
    const children = new Map<number, number[]>();
    for (const p of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(p)) continue;
        try {
            const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1]);
            children.set(ppid, [...(children.get(ppid) ?? []), Number(p)]);
        } catch {
            // ended meanwhile
        }
    }
    const out: number[] = [];
    const walk = (pid: number) => {
        for (const c of children.get(pid) ?? []) {
            out.push(c);
            walk(c);
        }
    };
    walk(root);
    return out;
}

/** SIGKILLs a process and all its descendants, as a CI runner that dies takes its job's processes with it. */
export function killTree(root: number): void {
    for (const pid of [root, ...descendantsOf(root)]) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // already gone
        }
    }
}
