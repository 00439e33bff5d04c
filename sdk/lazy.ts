/**
 * A module loaded the first time it is used. The lookups' API clients, credential chains and
 * request schemas (axios, @alicloud/credentials, zod) were a quarter of loading this package
 * (`node -e 'require("pulumi-notebooks")'` took 0.22 s beyond @pulumi/pulumi's 0.69 s), paid by
 * every program run, though a program that only declares notebooks never calls a lookup.
 */
export function lazily<T>(load: () => T): () => T {
    let loaded: T | undefined;
    return () => (loaded ??= load());
}
