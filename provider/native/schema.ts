/**
 * The plugin's package schema (Pulumi's schema format, pkg/codegen/schema/pulumi.json), generated
 * from the same zod declarations that validate the inputs (as the SDK's Args and the README
 * reference are): resources, functions, named object types (`typeName` metadata), secrets, and the
 * provider's settings. `npm run docs` writes it to `sdk/native/schema.json` (scripts/nativeSchema.ts);
 * tests/unit/native-schema.spec.ts fails when that file is stale.
 */
import { z } from "zod";
import { offeredOutputsOf } from "../common/declare";
import type { JsonSchema } from "../../scripts/lib/jsonSchema";
import { FUNCTIONS, RESOURCES } from "./resources";

export const PACKAGE = "notebooks";

export interface ConfigKey {
    name: string;
    description: string;
    secret?: boolean;
    type?: "string" | "integer";
}

/** Every `notebooks:*` setting the cores read (provider/dsw/settings.ts, provider/huawei/settings.ts, common/resource.ts). */
export const CONFIG_KEYS: readonly ConfigKey[] = [
    { name: "dswAccessKeyId", description: "Alibaba Cloud AccessKey ID (else ALIBABA_CLOUD_ACCESS_KEY_ID and the Alibaba credential chain).", secret: true },
    { name: "dswAccessKeySecret", description: "Alibaba Cloud AccessKey secret (else ALIBABA_CLOUD_ACCESS_KEY_SECRET).", secret: true },
    { name: "dswSecurityToken", description: "An STS security token to sign with (else ALIBABA_CLOUD_SECURITY_TOKEN).", secret: true },
    { name: "dswRegion", description: "DSW region (else ALIBABA_CLOUD_REGION_ID, ALICLOUD_REGION; default cn-hangzhou)." },
    { name: "dswEndpoint", description: "DSW API endpoint (else NOTEBOOKS_DSW_ENDPOINT; default https://pai-dsw.<region>.aliyuncs.com)." },
    { name: "dswStsEndpoint", description: "STS endpoint for role assumption (else NOTEBOOKS_DSW_STS_ENDPOINT)." },
    {
        name: "dswProfile",
        description:
            "Credentials profile for every resource of this provider that names none (of ~/.aliyun/config.json, else of the shared credentials file; ahead of every key).",
    },
    { name: "dswMetadataEndpoint", description: "ECS instance metadata endpoint for RAM-role credentials (else NOTEBOOKS_DSW_METADATA_ENDPOINT)." },
    {
        name: "modelartsAccessKey",
        description: "Huawei Cloud access key (else HUAWEICLOUD_SDK_AK, HW_ACCESS_KEY and the Huawei credential chain).",
        secret: true,
    },
    { name: "modelartsSecretKey", description: "Huawei Cloud secret key (else HUAWEICLOUD_SDK_SK, HW_SECRET_KEY).", secret: true },
    { name: "modelartsSecurityToken", description: "A temporary security token (else HUAWEICLOUD_SDK_SECURITY_TOKEN, HW_SECURITY_TOKEN).", secret: true },
    { name: "modelartsProjectId", description: "Huawei Cloud project id (else HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID)." },
    { name: "modelartsRegion", description: "ModelArts region (else HUAWEICLOUD_SDK_REGION, HW_REGION_NAME; default cn-north-4)." },
    { name: "modelartsEndpoint", description: "ModelArts API endpoint (else NOTEBOOKS_MODELARTS_ENDPOINT)." },
    { name: "modelartsIamEndpoint", description: "IAM endpoint for token and federation auth (else HUAWEICLOUD_SDK_IAM_ENDPOINT, NOTEBOOKS_IAM_ENDPOINT)." },
    { name: "modelartsMetadataEndpoint", description: "ECS metadata endpoint for agency credentials (else NOTEBOOKS_MODELARTS_METADATA_ENDPOINT)." },
    {
        name: "modelartsProfile",
        description:
            "Credentials profile for every resource of this provider that names none (a section of the Huawei credentials file; its project_id is the default project).",
    },
    { name: "modelartsAuth", description: "How to authenticate: aksk (default), token or metadata (else NOTEBOOKS_MODELARTS_AUTH)." },
    { name: "modelartsUserName", description: "IAM user name for token auth (else HUAWEICLOUD_SDK_USERNAME)." },
    { name: "modelartsPassword", description: "IAM password for token auth (else HUAWEICLOUD_SDK_PASSWORD).", secret: true },
    { name: "modelartsDomainName", description: "IAM account (domain) name for token auth (else HUAWEICLOUD_SDK_DOMAIN_NAME)." },
    { name: "pollMinDelayMs", description: "Shortest delay between status polls, in ms (else NOTEBOOKS_POLL_MIN_MS; default 2000).", type: "integer" },
    { name: "pollMaxDelayMs", description: "Longest delay between status polls, in ms (else NOTEBOOKS_POLL_MAX_MS; default 15000).", type: "integer" },
    {
        name: "pollBudget",
        description: "Polls per 60 s of a create's predicted wait, spread around its predicted end (else NOTEBOOKS_POLL_BUDGET; default 12, at least 2).",
        type: "integer",
    },
    {
        name: "phaseHistory",
        description:
            "File keeping earlier creates' phase lengths, or off (else NOTEBOOKS_PHASE_HISTORY; default .pulumi-notebooks/phase-history.json next to the program).",
    },
];

type Spec = Record<string, unknown>;

const jsonOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Converts JSON Schema to Pulumi schema, naming each object type (its `typeName`, else parent + field). */
class Types {
    readonly types: Record<string, Spec> = {};

    constructor(private readonly module: string) {}

    property(s: JsonSchema, nameHint: string): Spec {
        const out: Spec = { ...this.type(s, nameHint) };
        const description = s.description ?? s.items?.description;
        if (description) out.description = description;
        if (s.secret) out.secret = true;
        if (s.deprecated) out.deprecationMessage = "Deprecated.";
        return out;
    }

    private type(s: JsonSchema, nameHint: string): Spec {
        if (s.enum || s.const !== undefined) {
            const values = s.enum ?? [s.const];
            return { type: typeof values[0] === "number" ? "number" : typeof values[0] === "boolean" ? "boolean" : "string" };
        }
        if (s.anyOf) {
            const options = s.anyOf.filter((x) => x.type !== "null");
            return options.length === 1 ? this.type(options[0], nameHint) : { $ref: "pulumi.json#/Any" };
        }
        const t = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
        switch (t) {
            case "string":
            case "boolean":
            case "number":
            case "integer":
                return { type: t };
            case "array":
                return { type: "array", items: this.type(s.items ?? {}, nameHint) };
            case "object":
                if (s.properties) return { $ref: `#/types/${this.objectType(s, nameHint)}` };
                return {
                    type: "object",
                    additionalProperties:
                        typeof s.additionalProperties === "object" ? this.type(s.additionalProperties, nameHint) : { $ref: "pulumi.json#/Any" },
                };
            default:
                return { $ref: "pulumi.json#/Any" };
        }
    }

    objectType(s: JsonSchema, nameHint: string): string {
        const token = `${PACKAGE}:${this.module}:${(s.typeName ?? nameHint).replace(/Args$/, "")}`;
        if (this.types[token]) return token;
        this.types[token] = {}; // reserve: members may refer back
        const props = this.properties(s, (s.typeName ?? nameHint).replace(/Args$/, ""));
        this.types[token] = { type: "object", ...(s.description ? { description: s.description } : {}), properties: props, required: s.required ?? [] };
        return token;
    }

    properties(s: JsonSchema, owner: string): Record<string, Spec> {
        return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, this.property(p, `${owner}${cap(k)}`)]));
    }
}

const moduleOf = (token: string) => token.split(":")[1];
const nameOf = (token: string) => token.split(":")[2];

export function packageSchema(version: string): Spec {
    const types: Record<string, Spec> = {};
    const resources: Record<string, Spec> = {};
    for (const r of RESOURCES) {
        const t = new Types(moduleOf(r.token));
        const json = jsonOf(r.inputs);
        const props = t.properties(json, nameOf(r.token));
        // What a program can read back (`${nb.instanceUrl}` in YAML): every input, and the outputs the SDK offers.
        const offered = z.object(Object.fromEntries(offeredOutputsOf(r.outputs.shape).map((k) => [k, r.outputs.shape[k]])));
        const outputProps = t.properties(jsonOf(offered), nameOf(r.token));
        resources[r.token] = {
            description: r.description,
            inputProperties: props,
            requiredInputs: json.required ?? [],
            properties: { ...props, ...outputProps },
            required: [],
        };
        Object.assign(types, t.types);
    }
    const functions: Record<string, Spec> = {};
    for (const f of FUNCTIONS) {
        const t = new Types(moduleOf(f.token));
        const json = jsonOf(f.args);
        functions[f.token] = {
            description: f.description,
            inputs: { properties: t.properties(json, cap(nameOf(f.token))), required: json.required ?? [] },
            // The lookups' results are the cloud's summaries: passed through as plain values.
            outputs: {
                properties: {
                    notebooks: { type: "array", items: { $ref: "pulumi.json#/Any" } },
                    instances: { type: "array", items: { $ref: "pulumi.json#/Any" } },
                    ecsSpecs: { type: "array", items: { $ref: "pulumi.json#/Any" } },
                    images: { type: "array", items: { $ref: "pulumi.json#/Any" } },
                    flavors: { type: "array", items: { $ref: "pulumi.json#/Any" } },
                    totalCount: { type: "integer" },
                },
            },
        };
        Object.assign(types, t.types);
    }
    const variables = Object.fromEntries(
        CONFIG_KEYS.map((c) => [c.name, { type: c.type ?? "string", description: c.description, ...(c.secret ? { secret: true } : {}) }]),
    );
    return {
        name: PACKAGE,
        displayName: "Notebooks (PAI-DSW and ModelArts)",
        version,
        description: "Alibaba Cloud PAI-DSW instances and Huawei Cloud ModelArts notebooks.",
        license: "Apache-2.0",
        config: { variables },
        provider: { description: "A notebooks provider: its own keys, regions, endpoints and profiles.", inputProperties: variables, properties: variables },
        resources,
        functions,
        types,
        language: {
            // respectSchemaVersion: the generated SDKs ask the engine for this plugin version (not 1.0.0).
            go: {
                importBasePath: "github.com/pulumi-notebooks/pulumi-notebooks/sdk/go/notebooks",
                generateResourceContainerTypes: true,
                respectSchemaVersion: true,
            },
            nodejs: { packageName: "@pulumi-notebooks/native", respectSchemaVersion: true },
            python: { packageName: "pulumi_notebooks", respectSchemaVersion: true },
            csharp: { rootNamespace: "PulumiNotebooks", respectSchemaVersion: true },
            java: { basePackage: "io.pulumi_notebooks" },
        },
    };
}
