import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TOKENS, kindOf } from "../../policy";
import { LOOKUPS, RESOURCES } from "../../provider/registry";
import { tokensOf } from "../../provider/resourceNames";
import { reference } from "../../scripts/reference";
import { GENERATED } from "../../scripts/sdkTypes";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { exports: Record<string, unknown> };

describe("the registry of resources (provider/registry.ts)", () => {
    for (const r of RESOURCES) {
        describe(`${r.module}.${r.type}`, () => {
            it("has a provider module the package exports, with every engine call", () => {
                assert.ok(pkg.exports[`./provider/${r.providerModule}`], `package.json exports ./provider/${r.providerModule}`);
                assert.ok(pkg.exports[`./provider-shim/${r.providerModule}`], `package.json exports ./provider-shim/${r.providerModule}`);
                const dir = path.join(root, "provider", r.providerModule === "modelarts-notebooks" ? "modelartsV2" : r.providerModule);
                // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the shim loads, by the registry's name
                const loaded: { provider: Record<string, unknown> } = require(dir);
                const provider = loaded.provider;
                for (const call of ["configure", "check", "diff", "create", "read", "update", "delete"]) assert.equal(typeof provider[call], "function", call);
            });
            it("is what the SDK class, the policy pack, the SDK types and the README reference use", () => {
                const sdkSource = fs.readdirSync(path.join(root, "sdk", r.module)).map((f) => fs.readFileSync(path.join(root, "sdk", r.module, f), "utf8"));
                assert.ok(
                    sdkSource.some((s) => s.includes(`tokensOf("${r.kind}")`) && s.includes(`export class ${r.type} `)),
                    "the SDK class takes its token from the registry's names (provider/resourceNames.ts)",
                );
                assert.deepEqual(tokensOf(r.kind), { kind: r.kind, module: r.module, type: r.type, token: r.token, nativeToken: r.nativeToken });
                assert.deepEqual(TOKENS[r.kind], [r.token, r.nativeToken]);
                assert.equal(kindOf(r.token), r.kind);
                assert.equal(kindOf(r.nativeToken), r.kind);
                assert.ok(GENERATED[r.sdkArgs.file], "its argument types are generated");
                assert.match(reference(), new RegExp(`### \`${r.module}\\.${r.type}\` inputs`));
            });
        });
    }
    it("lists every lookup once, each in the README reference and the SDK's argument types", () => {
        assert.equal(new Set(LOOKUPS.map((l) => l.name)).size, LOOKUPS.length);
        const argTypes = GENERATED["sdk/generated/lookupArgs.ts"]();
        for (const l of LOOKUPS) {
            assert.equal(typeof l.run, "function", l.name);
            assert.ok(reference().includes(`### \`${l.name}(args)\``), l.name);
            assert.ok(argTypes.includes(`export interface ${l.argsName} {`), l.argsName);
            assert.ok(
                RESOURCES.some((r) => r.kind === l.listedWith),
                `${l.name} is listed with a resource`,
            );
        }
    });
    it("declaring a notebook loads no zod, API client or credential chain (a quarter of the package's load time; sdk/lazy.ts)", () => {
        const loaded = execFileSync(
            process.execPath,
            ["-e", `require(${JSON.stringify(path.join(root, "dist/sdk"))}); console.log(JSON.stringify(Object.keys(require.cache)))`],
            { encoding: "utf8" },
        );
        const heavy = (JSON.parse(loaded) as string[]).filter((m) =>
            /node_modules\/(zod|axios|@alicloud)\/|dist\/provider\/(dsw|modelarts|modelartsV2|huawei)\//.test(m),
        );
        assert.deepEqual(heavy, []);
    });

    it("gives every resource its own token", () => {
        assert.equal(new Set(RESOURCES.map((r) => r.token)).size, RESOURCES.length);
    });
});
