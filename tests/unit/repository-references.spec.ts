/**
 * Every reference a reader of the repository may follow leads somewhere inside it: no comment
 * cites the notes that lived outside it (shared/api, shared/seeds, a developers' guide, "seed 000"),
 * and every `docs/<page>.md` named in a comment or a page exists, with the section (`§5.3`) it names.
 * Reads files only: no server, no git.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
/** Where the project's own sources and pages are; generated output and installs are not. */
const FOLDERS = ["bench", "bin", "demo", "docs", "emulator", "examples", "policy", "policy-pack", "provider", "scripts", "sdk", "tests", "toolchain"];
const ROOT_FILES = ["README.md", "CHANGELOG.md", "eslint.config.mjs", "package.json"];
const SKIP = new Set(["node_modules", "dist", ".git", ".demo", ".emulator-state", "go.sum"]);
const SOURCE = /\.(ts|mjs|js|go|sh)$/;
const SELF = path.relative(ROOT, __filename);

function walk(dir: string, out: string[]): void {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (SKIP.has(e.name) || e.isSymbolicLink()) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, out);
        else if (SOURCE.test(e.name) || e.name.endsWith(".md")) out.push(path.relative(ROOT, p));
    }
}

function repositoryFiles(): string[] {
    const out: string[] = [];
    for (const f of FOLDERS) walk(path.join(ROOT, f), out);
    for (const f of ROOT_FILES) if (fs.existsSync(path.join(ROOT, f))) out.push(f);
    return out.filter((f) => f !== SELF);
}

/** The comment text of a source line (`//`, `/* … *\/`, ` * …`, `# …` in shell), or undefined for code only. */
export function commentOf(line: string, file: string): string | undefined {
    if (file.endsWith(".sh")) {
        const m = /(^|\s)#(?!!)(.*)$/.exec(line);
        return m ? m[2] : undefined;
    }
    const trimmed = line.trimStart();
    if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) return trimmed;
    const i = line.search(/\s\/\/\s/);
    return i >= 0 ? line.slice(i) : undefined;
}

/** References to notes outside the repository (their facts are in docs/ now). */
const OUTSIDE = [/shared\/api\b/, /shared\/seeds\b/, /\.\.\/shared\b/, /DEVELOPERS\.md/, /developers.? guide/i, /\bseeds? 00\d\b/];

/** `docs/<page>.md`, then optionally its sections: `§5.3`, `§3–§5`, `§5.1/§7`, `§3.2, §3.10`. */
const DOC_REF = /docs\/([A-Za-z0-9_.-]+\.md)`?((?:\s?§\d+(?:\.\d+)*(?:\s?[–/,-]\s?)?)*)/g;

const headingsCache = new Map<string, Set<string>>();
/** The numbered sections of a page: "## 5. Operations" → "5", "### 5.3 ListInstances" → "5.3". */
function sectionsOf(page: string): Set<string> {
    let s = headingsCache.get(page);
    if (!s) {
        s = new Set();
        for (const line of fs.readFileSync(path.join(ROOT, "docs", page), "utf8").split("\n")) {
            const m = /^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
            if (m) s.add(m[1]);
        }
        headingsCache.set(page, s);
    }
    return s;
}

/** What is wrong with the references in `text` (a comment, or a line of a page). */
export function referenceProblems(text: string, where: string, isComment: boolean): string[] {
    const problems: string[] = [];
    for (const pattern of OUTSIDE) {
        // In pages only paths count: "the seeds" of a fault bench is not a reference.
        if (!isComment && !/\//.test(pattern.source)) continue;
        const m = pattern.exec(text);
        if (m) problems.push(`${where}: cites "${m[0]}", which is not in the repository (its facts are in docs/)`);
    }
    for (const m of text.matchAll(DOC_REF)) {
        const page = m[1];
        if (!fs.existsSync(path.join(ROOT, "docs", page))) {
            problems.push(`${where}: cites docs/${page}, which does not exist`);
            continue;
        }
        for (const section of (m[2] ?? "").matchAll(/§(\d+(?:\.\d+)*)/g)) {
            if (!sectionsOf(page).has(section[1])) problems.push(`${where}: cites docs/${page} §${section[1]}, which has no such section`);
        }
    }
    return problems;
}

describe("references inside the repository", () => {
    const files = repositoryFiles();

    it("reads the project's sources and pages", () => {
        // A walk that found nothing would pass every check below.
        assert.ok(files.filter((f) => f.startsWith("provider/")).length > 20, "provider/ sources found");
        assert.ok(files.includes("docs/dsw-api.md") && files.includes("docs/huawei-auth.md") && files.includes("docs/modelarts-devenv-api.md"));
    });

    it("no comment cites a note outside the repository or a missing docs page or section", () => {
        const problems: string[] = [];
        for (const f of files) {
            const lines = fs.readFileSync(path.join(ROOT, f), "utf8").split("\n");
            const page = f.endsWith(".md");
            lines.forEach((line, i) => {
                const text = page ? line : commentOf(line, f);
                if (text !== undefined) problems.push(...referenceProblems(text, `${f}:${i + 1}`, !page));
            });
        }
        assert.deepEqual(problems, []);
    });

    it("catches each kind of broken reference", () => {
        assert.equal(referenceProblems(" * the status enum (shared/api/modelarts.md §3.9)", "x", true).length, 1);
        assert.equal(referenceProblems("see `../shared/` for the old API", "x", false).length, 1);
        assert.equal(referenceProblems("// every filter of seed 000", "x", true).length, 1);
        assert.equal(referenceProblems("// as the developers' guide says", "x", true).length, 1);
        assert.equal(referenceProblems(" * docs/no-such-page.md §1", "x", true).length, 1);
        assert.equal(referenceProblems(" * docs/dsw-api.md §5.3, §42", "x", true).length, 1, "a missing section after a good one");
        assert.deepEqual(referenceProblems(" * docs/dsw-api.md §5.1/§7, docs/huawei-auth.md §2, docs/modelarts-devenv-api.md §3.2", "x", true), []);
        assert.equal(commentOf('const s = "docs/x.md"; // docs/y.md', "a.ts"), " // docs/y.md");
        assert.equal(commentOf("grep shared/api  # docs/x.md", "a.sh"), " docs/x.md");
        assert.equal(commentOf('echo "shared/api"', "a.sh"), undefined);
    });
});
