// Lint rules for the whole tree (run by `npm test`): typescript-eslint's recommended set, with
// `any` refused unless a disable comment beside it gives the reason (the project's rule: no `any`
// without a written reason).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "toolchain/**", ".demo/**", ".emulator-state/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            globals: {
                process: "readonly",
                Buffer: "readonly",
                console: "readonly",
                setTimeout: "readonly",
                clearTimeout: "readonly",
                setInterval: "readonly",
                clearInterval: "readonly",
                __dirname: "readonly",
                require: "readonly",
                module: "readonly",
                URL: "readonly",
                fetch: "readonly",
                AbortSignal: "readonly",
            },
        },
        rules: {
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
            ],
            "@typescript-eslint/no-require-imports": "error",
        },
    },
    {
        // The shipped policy pack is plain CommonJS, loaded by the engine as it is.
        files: ["policy-pack/**/*.js"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
