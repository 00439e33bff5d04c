/**
 * The `__provider` stored in state for every notebook resource. Pulumi serializes a dynamic
 * provider's code into each resource's state, and `refresh`/`destroy` run that stored copy
 * (pulumi/pulumi sdk/nodejs/dynamic/index.ts `serializeProvider`,
 * sdk/nodejs/cmd/dynamic-provider/index.ts `getProvider`). This shim keeps that copy to a few
 * lines that `require` the installed package's compiled provider at call time, so state stays
 * small, every operation runs the current provider code, and nothing (no credential, no config)
 * is captured: credentials reach the provider only through `configure()`.
 *
 * The provider process resolves `require` from the program's directory, so the program must
 * have `pulumi-notebooks` in its node_modules (as any npm dependency is).
 *
 * Each shim object is the whole `module.exports` of `sdk/providers/<kind>`. When the package is
 * installed under node_modules, Pulumi's serializer recognises a module's exports and stores just
 * `require("pulumi-notebooks/provider-shim/<kind>")` (runtime/closure/createClosure.ts,
 * `captureModuleAsync`); from a local checkout it stores the few functions below by value.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderModuleName } from "../provider/providerModules";

/** A type-only import: the shim is serialized into state and must capture nothing but `kind`. */
type Kind = ProviderModuleName;

function makeShim(kind: Kind): pulumi.dynamic.ResourceProvider {
    // `require` is not captured by Pulumi's closure serializer; it resolves in the provider process.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a run-time require by design (see above)
    const load = (): Record<string, (...a: unknown[]) => Promise<never>> => require("pulumi-notebooks/provider/" + kind).provider;
    return {
        configure: (req) => load().configure(req),
        check: (olds, news) => load().check(olds, news),
        diff: (id, olds, news) => load().diff(id, olds, news),
        create: (inputs) => load().create(inputs),
        read: (id, props) => load().read(id, props),
        update: (id, olds, news) => load().update(id, olds, news),
        delete: (id, props) => load().delete(id, props),
    };
}

export { makeShim };
