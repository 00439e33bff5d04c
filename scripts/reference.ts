/**
 * The README's resource reference, generated for every entry of provider/registry.ts from the zod input schemas (descriptions, types,
 * rules), the policy tables (what a change costs) and the output declarations (provider/<cloud>/outputs.ts), so it cannot drift
 * from the code. `npm run docs` rewrites the README section; a unit test fails when it is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { JsonSchema } from "./lib/jsonSchema";
import { PolicyTable } from "../provider/common/diff";
import { RESOURCES, lookupsOf } from "../provider/registry";
import { offeredOutputsOf, outputMetaOf } from "../provider/common/declare";

const COST: Record<string, string> = { update: "in place", stopThenUpdate: "stop, update, start", replace: "**replace**", ignore: "provider setting" };

function typeOf(s: JsonSchema): string {
    if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(" | ");
    if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
    if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
    if (s.type === "array") return `${typeOf(s.items ?? {})}[]`;
    if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") return `map<string, ${typeOf(s.additionalProperties)}>`;
    return Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
}

function rules(s: JsonSchema): string {
    const r: string[] = [];
    if (s.pattern) r.push(`pattern \`${s.pattern}\``);
    if (s.minimum !== undefined || s.maximum !== undefined) r.push(`${s.minimum ?? "…"}–${s.maximum ?? "…"}`);
    if (s.minLength !== undefined && s.minLength > 0) r.push(`min length ${s.minLength}`);
    if (s.maxLength !== undefined) r.push(`max length ${s.maxLength}`);
    return r.join("; ");
}

const cell = (t: string) => t.replace(/\|/g, "\\|").replace(/\n/g, " ");

function inputRows(schema: z.ZodTypeAny, policy: PolicyTable | undefined, notReadBack: readonly string[] = []): string[] {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const rows: string[] = [];
    const walk = (s: JsonSchema, prefix: string, cost: string | undefined) => {
        const props = s.properties ?? (s.type === "array" ? s.items?.properties : undefined);
        const req = s.properties ? (s.required ?? []) : (s.items?.required ?? []);
        for (const [name, p] of Object.entries(props ?? {})) {
            const full = prefix ? `${prefix}${s.type === "array" ? "[]" : ""}.${name}` : name;
            const c = policy ? (policy[full] ?? (prefix ? cost : policy[name])) : undefined;
            // A part that costs something else than its parent (`spec.autoStop`) is said on the parent's row too.
            const parts = Object.entries(policy ?? {}).filter(([k, pc]) => k.startsWith(`${full}.`) && pc !== c);
            const but = parts.map(([k, pc]) => `\`${k}\` ${COST[pc]}`).join(", ");
            const costCell = c ? (but ? `${COST[c]}, but ${but}` : COST[c]) : "";
            const unread = notReadBack.includes(full) ? "**Not read back**: sent to the cloud, never compared with it (no drift)." : "";
            const secret = p.secret && !/secret/i.test(p.description ?? "") ? "Secret." : "";
            const sentBy = p.sentBy ? `Sent by ${p.sentBy}.` : "";
            const desc = [p.description ?? p.items?.description ?? "", rules(p), secret, sentBy, unread].filter(Boolean).join(" — ");
            rows.push(
                `| \`${full}\` | ${cell(typeOf(p))} | ${req.includes(name) ? (prefix ? `in \`${prefix}\`` : "yes") : ""} | ${costCell} | ${cell(desc)} |`,
            );
            const nested = p.properties ?? (p.type === "array" ? p.items?.properties : undefined);
            if (nested) {
                walk(p, full, c);
            }
        }
    };
    walk(json, "", undefined);
    return rows;
}

function table(header: string, rows: string[]): string {
    return [header, header.replace(/[^|]+/g, "---"), ...rows].join("\n");
}

export function reference(): string {
    const inHeader = "| input | type | required | on change | description and rules |";
    const argHeader = "| argument | type | required | | description and rules |";
    const outHeader = "| output | description |";
    const outRows = (outputs: z.ZodObject) =>
        offeredOutputsOf(outputs.shape).map((k) => {
            const meta = outputMetaOf(outputs.shape[k] as z.ZodType);
            const secret = meta.secret && !/secret/i.test(meta.description ?? "") ? " Secret." : "";
            return `| \`${k}\` | ${cell((meta.description ?? "") + secret)} |`;
        });
    return RESOURCES.flatMap((r) => {
        const name = `${r.module}.${r.type}`;
        return [
            `### \`${name}\` inputs`,
            "",
            table(inHeader, inputRows(r.inputs, r.policy, r.notReadBack)),
            "",
            `### \`${name}\` outputs`,
            "",
            "All inputs are outputs too (refreshed from the cloud), plus:",
            "",
            table(outHeader, outRows(r.outputs)),
            ...lookupsOf(r.kind).flatMap((l) => [
                "",
                `### \`${l.name}(args)\` / \`${l.name}Output(args)\``,
                "",
                table(argHeader, inputRows(l.args, undefined)),
            ]),
            "",
        ];
    })
        .slice(0, -1)
        .join("\n");
}

export const START = "<!-- reference:start (generated by `npm run docs` from the zod schemas; do not edit) -->";
export const END = "<!-- reference:end -->";

export function readmeWithReference(readme: string): string {
    const a = readme.indexOf(START);
    const b = readme.indexOf(END);
    if (a < 0 || b < a) {
        throw new Error("README.md lacks the reference markers");
    }
    return readme.slice(0, a + START.length) + "\n" + reference() + "\n" + readme.slice(b);
}

if (require.main === module) {
    const file = path.resolve(__dirname, "../../README.md");
    fs.writeFileSync(file, readmeWithReference(fs.readFileSync(file, "utf8")));
    process.stdout.write(`updated the reference in ${file}\n`);
}
