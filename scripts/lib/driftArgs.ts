/** Strict argument parsing for `pulumi-notebooks-drift-check`: unknown or malformed arguments are refused. */

export type ReportFormat = "text" | "json" | "markdown";

export interface DriftArgs {
    /** Project directories, in the order given; the current directory when none. */
    cwds: string[];
    /** Stacks named with `--stack` (checked in every project directory). */
    stacks: string[];
    allStacks: boolean;
    parallel: number;
    format: ReportFormat;
    repair: boolean;
}

export const USAGE = `usage: pulumi-notebooks-drift-check [--cwd <project dir>]... [--stack <name>]... | [--all-stacks]
                                    [--parallel <N>] [--json | --markdown] [--repair]

  --cwd <dir>     a Pulumi project directory (repeat for several projects; default: the current one)
  --stack <name>  a stack to check (repeat for several; default: the project's current stack)
  --all-stacks    every stack of each project on the current backend
  --parallel <N>  how many stacks are checked at once (1-64, default 4)
  --json          the report as JSON, for machines
  --markdown      the report as Markdown, for a CI job summary
  --repair        run \`pulumi up --refresh\` on the drifted stacks only, then report what it did

Exit status: 0 no drift, 1 drift in some stack, 2 a stack could not be checked (or bad arguments).`;

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export function parseDriftArgs(argv: readonly string[]): DriftArgs {
    const out: DriftArgs = { cwds: [], stacks: [], allStacks: false, parallel: 4, format: "text", repair: false };
    let formatFlag: string | undefined;
    const value = (i: number, flag: string): string => {
        const v = argv[i + 1];
        if (v === undefined || v === "" || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
        return v;
    };
    for (let i = 0; i < argv.length; i++) {
        const raw = argv[i];
        // `--flag=value` is accepted for the flags that take a value.
        const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
        const flag = eq > 0 ? raw.slice(0, eq) : raw;
        const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
        const take = (): string => {
            if (inline !== undefined) {
                if (inline === "") throw new UsageError(`${flag} needs a value`);
                return inline;
            }
            const v = value(i, flag);
            i++;
            return v;
        };
        const noValue = () => {
            if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
        };
        switch (flag) {
            case "--cwd":
                out.cwds.push(take());
                break;
            case "--stack":
            case "-s":
                out.stacks.push(take());
                break;
            case "--all-stacks":
                noValue();
                out.allStacks = true;
                break;
            case "--parallel": {
                const v = take();
                if (!/^[0-9]+$/.test(v) || Number(v) < 1 || Number(v) > 64) {
                    throw new UsageError(`--parallel must be a whole number from 1 to 64 (got "${v}")`);
                }
                out.parallel = Number(v);
                break;
            }
            case "--json":
            case "--markdown":
                noValue();
                if (formatFlag && formatFlag !== flag) throw new UsageError(`${formatFlag} and ${flag} cannot be combined`);
                formatFlag = flag;
                out.format = flag === "--json" ? "json" : "markdown";
                break;
            case "--repair":
                noValue();
                out.repair = true;
                break;
            default:
                throw new UsageError(raw.startsWith("-") ? `unknown option ${raw}` : `unexpected argument "${raw}"`);
        }
    }
    if (out.allStacks && out.stacks.length > 0) throw new UsageError("--all-stacks and --stack cannot be combined");
    if (new Set(out.stacks).size !== out.stacks.length) throw new UsageError("a --stack is given twice");
    return out;
}
