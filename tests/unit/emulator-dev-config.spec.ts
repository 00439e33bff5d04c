import { strict as assert } from "node:assert";
import { stackConfigLines } from "../../emulator/devConfig";
import { DEFAULT_DSW_TENANTS, DEFAULT_MODELARTS_TENANTS } from "../../emulator/options";
import { emulatorConfig } from "../support/pulumi";

describe("npm run emulator's ready-to-paste stack config", () => {
    it("sets exactly what a stack needs for the emulator, the secrets with --secret", () => {
        const lines = stackConfigLines("http://127.0.0.1:4580", DEFAULT_DSW_TENANTS[0], DEFAULT_MODELARTS_TENANTS[0]).filter((l) =>
            l.includes("pulumi config set"),
        );
        const set = Object.fromEntries(
            lines.map(
                (l) =>
                    l
                        .trim()
                        .split(" ")
                        .filter((w) => w !== "--secret")
                        .slice(3, 5) as [string, string],
            ),
        );
        const want = emulatorConfig("http://127.0.0.1:4580");
        assert.deepEqual(set, { ...want.config, ...want.secrets });
        for (const k of Object.keys(want.secrets))
            assert.ok(
                lines.some((l) => l.includes(`--secret ${k} `)),
                `${k} is set as a secret`,
            );
    });
});
