/**
 * The end-to-end suite's secret audit: every credential and secret input a test hands to Pulumi is
 * registered here; every pulumi CLI output, every emulator request-log entry and, when the suite
 * ends, every file the stacks' file backends wrote (checkpoints, history, backups) and every stack
 * config file is searched for each of them. Outputs a test reveals on purpose
 * (`stack output --show-secrets`) are not part of the haystack.
 *
 * Signed Authorization header values are searched for too: they appear only if some message dumped
 * request headers.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";

/** What a dumped request header would look like (the two clouds' signature schemes). */
const HEADER_DUMPS: Array<[RegExp, string]> = [
    [/ACS3-HMAC-SHA256\s+Credential=/, "a DSW Authorization header"],
    [/SDK-HMAC-SHA256\s+Access=/, "a ModelArts Authorization header"],
];

export interface AuditHit {
    secret: string;
    source: string;
}

export interface AuditReport {
    secrets: number;
    cliOutputs: number;
    cliBytes: number;
    requests: number;
    stateFiles: number;
    stateBytes: number;
    hits: AuditHit[];
}

class SecretAudit {
    private readonly needles = new Map<string, string>();
    private readonly texts: Array<{ source: string; text: string }> = [];
    private readonly requests: string[] = [];
    private readonly stackDirs = new Set<string>();

    /** Registers a secret value; `label` names it in a failure without revealing it. */
    secret(value: string, label: string): void {
        if (value.length >= 6) {
            this.needles.set(value, label);
        }
    }

    cliOutput(source: string, text: string): void {
        this.texts.push({ source, text });
    }

    request(entry: unknown): void {
        this.requests.push(JSON.stringify(entry));
    }

    /** A project directory whose `.state` backend and `Pulumi.*.yaml` are searched at the end. */
    stack(dir: string): void {
        this.stackDirs.add(dir);
    }

    /** Forgets what was searched (the secrets stay): a parallel worker audits each spec file on its own. */
    clearHaystack(): void {
        this.texts.length = 0;
        this.requests.length = 0;
        this.stackDirs.clear();
    }

    get active(): boolean {
        return this.stackDirs.size > 0;
    }

    scan(): AuditReport {
        const report: AuditReport = {
            secrets: this.needles.size,
            cliOutputs: this.texts.length,
            cliBytes: 0,
            requests: this.requests.length,
            stateFiles: 0,
            stateBytes: 0,
            hits: [],
        };
        const search = (source: string, text: string) => {
            for (const [value, label] of this.needles) {
                if (text.includes(value)) report.hits.push({ secret: label, source });
            }
            for (const [re, what] of HEADER_DUMPS) {
                if (re.test(text)) report.hits.push({ secret: what, source });
            }
        };
        for (const { source, text } of this.texts) {
            report.cliBytes += text.length;
            search(source, text);
        }
        search("emulator request log", this.requests.join("\n"));
        for (const dir of this.stackDirs) {
            for (const file of stateFiles(dir)) {
                const raw = fs.readFileSync(file);
                const text = (file.endsWith(".gz") ? zlib.gunzipSync(raw) : raw).toString("utf8");
                report.stateFiles++;
                report.stateBytes += text.length;
                search(path.relative(path.dirname(dir), file), text);
            }
        }
        return report;
    }
}

function stateFiles(projectDir: string): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
        if (!fs.existsSync(d)) return;
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.isFile()) out.push(p);
        }
    };
    walk(path.join(projectDir, ".state"));
    if (fs.existsSync(projectDir)) {
        out.push(
            ...fs
                .readdirSync(projectDir)
                .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
                .map((f) => path.join(projectDir, f)),
        );
    }
    return out;
}

export const secretAudit = new SecretAudit();
