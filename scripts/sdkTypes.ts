/**
 * The SDK's argument interfaces, generated from the zod declarations that validate them
 * (listed in provider/registry.ts: provider/<cloud>/schema.ts for resources, the lookups' modules): one
 * declaration per input, with its description, rules and change cost as TSDoc. Object fields
 * that declare a `typeName` become named interfaces (`DatasetArgs`). The generated files are
 * plain TypeScript, so a program's `tsc` never loads zod's declarations (which need
 * `esModuleInterop`, off in Pulumi's template).
 * Each resource's output types come the same way from its output declaration (provider/<cloud>/outputs.ts).
 * `npm run docs` rewrites them; tests/unit/sdk-types.spec.ts fails when one is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { JsonSchema } from "./lib/jsonSchema";
import { offeredOutputsOf, secretEchoesOf, secretOutputsOf } from "../provider/common/declare";
import { LOOKUPS, RESOURCES } from "../provider/registry";

const jsonOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

const COST: Record<string, string> = {
    update: "Updated in place.",
    stopThenUpdate: "Changing it stops the instance, updates it and restores its run state.",
    replace: "Changing it replaces the instance.",
};

function docLines(s: JsonSchema, indent: string, withCost: boolean): string[] {
    const rules: string[] = [];
    if (s.pattern) rules.push(`Pattern \`${s.pattern}\`.`);
    const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
    if (s.minimum !== undefined && max === undefined) rules.push(`At least ${s.minimum}.`);
    else if (max !== undefined) rules.push(`Range ${s.minimum ?? "…"}–${max}.`);
    if (s.maxLength !== undefined) rules.push(`At most ${s.maxLength} characters.`);
    const description = s.description ?? s.items?.description ?? "";
    // Say the cost only where the description does not already.
    const cost = withCost && s.policy && COST[s.policy] && !/replaces|stops the instance|in place/i.test(description) ? COST[s.policy] : "";
    const secret = s.secret && !/secret/i.test(description) ? "Stored as a secret." : "";
    const tags = s.deprecated ? ["@deprecated"] : [];
    const text = [description, ...rules, cost, secret].filter(Boolean).join(" ").replace(/\*\//g, "*\\/");
    const lines = [text, ...tags].filter(Boolean);
    if (lines.length === 0) return [];
    return lines.length === 1 ? [`${indent}/** ${lines[0]} */`] : [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`];
}

/** Plain types (lookup arguments are plain values). */
function plainType(s: JsonSchema): string {
    if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" | ");
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (s.anyOf) return s.anyOf.map(plainType).join(" | ");
    switch (s.type) {
        case "string":
            return "string";
        case "integer":
        case "number":
            return "number";
        case "boolean":
            return "boolean";
        case "array":
            return `${plainType(s.items ?? {})}[]`;
        case "object":
            if (s.properties) {
                const req = new Set(s.required ?? []);
                return `{ ${Object.entries(s.properties)
                    .map(([k, p]) => `${k}${req.has(k) ? "" : "?"}: ${plainType(p)}`)
                    .join("; ")} }`;
            }
            return `Record<string, ${typeof s.additionalProperties === "object" ? plainType(s.additionalProperties) : "unknown"}>`;
        default:
            return "unknown";
    }
}

function plainInterface(name: string, doc: string, schema: z.ZodType): string {
    const json = jsonOf(schema);
    const req = new Set(json.required ?? []);
    const fields = Object.entries(json.properties ?? {}).flatMap(([k, p]) => [
        ...docLines(p, "    ", false),
        `    ${k}${req.has(k) ? "" : "?"}: ${plainType(p)};`,
    ]);
    return [`/** ${doc} */`, `export interface ${name} {`, ...fields, "}"].join("\n");
}

/**
 * Resource arguments: every value may be a `pulumi.Input`, at every depth, as in Pulumi's own
 * generated SDKs; named object types become interfaces, emitted once, each after the ones it uses.
 */
class InputInterfaces {
    private readonly emitted = new Map<string, string>();

    constructor(private readonly withCost: boolean) {}

    typeOf(s: JsonSchema): string {
        if (s.typeName && s.properties) {
            this.emit(s.typeName, s.description, s);
            return s.typeName;
        }
        if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" | ");
        if (s.const !== undefined) return JSON.stringify(s.const);
        if (s.anyOf) return s.anyOf.map((x) => this.typeOf(x)).join(" | ");
        switch (s.type) {
            case "array":
                return `pulumi.Input<${this.typeOf(s.items ?? {})}>[]`;
            case "object":
                if (s.properties) return `{ ${this.members(s, "").join(" ").replace(/;$/, "")} }`;
                return `Record<string, pulumi.Input<${typeof s.additionalProperties === "object" ? this.typeOf(s.additionalProperties) : "unknown"}>>`;
            default:
                return plainType(s);
        }
    }

    emit(name: string, doc: string | undefined, s: JsonSchema, withCost = false): void {
        if (this.emitted.has(name)) return;
        this.emitted.set(name, ""); // reserve first: the members may refer back
        const members = this.members(s, "    ", withCost);
        this.emitted.delete(name);
        this.emitted.set(name, [...(doc ? [`/** ${doc} */`] : []), `export interface ${name} {`, ...members, "}"].join("\n"));
    }

    private members(s: JsonSchema, indent: string, withCost = false): string[] {
        const req = new Set(s.required ?? []);
        return Object.entries(s.properties ?? {}).flatMap(([k, p]) => {
            const decl = `${k}${req.has(k) ? "" : "?"}: pulumi.Input<${this.typeOf(p)}>;`;
            return indent ? [...docLines(p, indent, withCost && this.withCost), `${indent}${decl}`] : [decl];
        });
    }

    source(): string {
        return [...this.emitted.values()].join("\n\n");
    }
}

function resourceArgsSource(resource: string, argsName: string, doc: string, schema: z.ZodObject, secretName: string): string {
    const json = jsonOf(schema);
    const out = new InputInterfaces(true);
    out.emit(argsName, doc, json, true);
    const secrets = Object.entries(json.properties ?? {})
        .filter(([, p]) => p.secret)
        .map(([k]) => k);
    return [
        `// Generated by \`npm run docs\` (scripts/sdkTypes.ts) from the declaration of ${resource}'s inputs; do not edit.`,
        'import type * as pulumi from "@pulumi/pulumi";',
        "",
        out.source(),
        "",
        "/** Inputs declared secret: the SDK wraps them in `pulumi.secret` and marks their outputs secret. */",
        `export const ${secretName} = ${JSON.stringify(secrets)} as const;`,
        "",
    ].join("\n");
}

/** Output types: plain values as state holds them; object fields with a `typeName` become named interfaces. */
class OutputInterfaces {
    private readonly emitted = new Map<string, string>();

    typeOf(s: JsonSchema): string {
        if (s.typeName && s.properties) {
            if (!this.emitted.has(s.typeName)) {
                const req = new Set(s.required ?? []);
                const members = Object.entries(s.properties).flatMap(([k, p]) => [
                    ...docLines(p, "    ", false),
                    `    ${k}${req.has(k) ? "" : "?"}: ${this.typeOf(p)};`,
                ]);
                this.emitted.set(
                    s.typeName,
                    [...(s.description ? [`/** ${s.description} */`] : []), `export interface ${s.typeName} {`, ...members, "}"].join("\n"),
                );
            }
            return s.typeName;
        }
        if (s.anyOf) return s.anyOf.map((x) => this.typeOf(x)).join(" | ");
        if (s.type === "array") return `${this.typeOf(s.items ?? {})}[]`;
        return plainType(s);
    }

    source(): string {
        return [...this.emitted.values()].map((x) => x + "\n\n").join("");
    }
}

/**
 * A resource's outputs (provider/<cloud>/outputs.ts): the interface its SDK class merges (each
 * output a `pulumi.Output` with its TSDoc), the names it registers and those kept secret.
 */
function resourceOutputsSource(resource: string, r: (typeof RESOURCES)[number]): string {
    const json = z.toJSONSchema(r.outputs, { io: "output", unrepresentable: "any" }) as JsonSchema;
    const req = new Set(json.required ?? []);
    const out = new OutputInterfaces();
    const offered = offeredOutputsOf(r.outputs.shape);
    const members = offered.flatMap((k) => {
        const p = json.properties?.[k] ?? {};
        const t = out.typeOf(p);
        return [...docLines({ ...p, secret: undefined }, "    ", false), `    readonly ${k}: pulumi.Output<${req.has(k) ? t : `${t} | undefined`}>;`];
    });
    return [
        `// Generated by \`npm run docs\` (scripts/sdkTypes.ts) from the declaration of ${resource}'s outputs; do not edit.`,
        'import type * as pulumi from "@pulumi/pulumi";',
        "",
        out.source() + `/** The outputs of \`${resource}\` beyond its inputs (state holds the inputs too, refreshed from the cloud). */`,
        `export interface ${r.sdkOutputs.name} {`,
        ...members,
        "}",
        "",
        "/** Every output the SDK class registers, so the engine knows the provider fills them in. */",
        `export const ${r.sdkOutputs.namesName} = ${JSON.stringify(offered)} as const;`,
        "",
        "/** Outputs declared secret: listed in `additionalSecretOutputs`. */",
        `export const ${r.sdkOutputs.secretsName} = ${JSON.stringify(secretOutputsOf(r.outputs.shape))} as const;`,
        "",
        "/** Outputs secret whenever an input is (output → input): listed when the program may give that input as a secret. */",
        `export const ${r.sdkOutputs.secretsName.replace(/_OUTPUTS$/, "_ECHOES")}: Readonly<Record<string, string>> = ${JSON.stringify(secretEchoesOf(r.outputs.shape))};`,
        "",
    ].join("\n");
}

export const GENERATED: Readonly<Record<string, () => string>> = {
    "sdk/generated/lookupArgs.ts": () =>
        [
            "// Generated by `npm run docs` (scripts/sdkTypes.ts) from the lookups' zod schemas; do not edit.",
            "",
            ...LOOKUPS.flatMap((l) => [plainInterface(l.argsName, l.doc, l.args), ""]),
        ].join("\n"),
    ...Object.fromEntries(
        RESOURCES.map((r) => [
            r.sdkArgs.file,
            () => resourceArgsSource(`${r.module}.${r.type}`, r.sdkArgs.name, r.sdkArgs.doc, r.inputs, r.sdkArgs.secretsName),
        ]),
    ),
    ...Object.fromEntries(RESOURCES.map((r) => [r.sdkOutputs.file, () => resourceOutputsSource(`${r.module}.${r.type}`, r)])),
};

if (require.main === module) {
    for (const [rel, source] of Object.entries(GENERATED)) {
        const file = path.resolve(__dirname, "../..", rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, source());
        process.stdout.write(`updated ${file}\n`);
    }
}
