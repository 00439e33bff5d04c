import * as pulumi from "@pulumi/pulumi";

/**
 * The property bag a notebook resource registers: the user's inputs, the provider's internal keys
 * (logical name for progress lines, stack identity for the owner label) and every output name,
 * so the engine knows which properties the provider will fill in.
 */
export function resourceProps(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    outputs: readonly string[],
    opts?: pulumi.CustomResourceOptions,
): pulumi.Inputs {
    const props: pulumi.Inputs = {
        ...inputs,
        ...secretKeysProp(inputs),
        __nbName: name,
        __nbOwner: `${pulumi.getProject()}/${pulumi.getStack()}`,
        // Lets the provider attach its progress lines to this resource instead of to the stack.
        __nbUrn: pulumi.createUrn(name, type, opts?.parent),
    };
    for (const out of outputs) {
        if (!(out in props)) {
            props[out] = undefined;
        }
    }
    return props;
}

/**
 * `__nbSecretKeys`: the top-level inputs holding a secret, for the provider's check messages. A
 * dynamic provider receives the inputs with secrets unwrapped (its host does not accept secrets),
 * and Pulumi prints a failing property's value, so without this a bad value the program made
 * secret would be shown by `pulumi preview` (provider/common/resource.ts `hidingSecretValues`).
 * Only a value that is not plain data can hold a secret, so a program of plain strings adds nothing.
 */
function secretKeysProp(inputs: pulumi.Inputs): pulumi.Inputs {
    const candidates = Object.keys(inputs).filter((k) => inputs[k] !== null && typeof inputs[k] === "object");
    if (candidates.length === 0) return {};
    const marked = Promise.all(candidates.map(async (k) => ((await pulumi.isSecret(pulumi.output(inputs[k]))) ? k : undefined)));
    return { __nbSecretKeys: pulumi.output(marked).apply((ks) => ks.filter((k): k is string => k !== undefined)) };
}

/** The arguments with each declared-secret input wrapped in `pulumi.secret`, so it stays encrypted in state even when the program passes a plain string. */
export function secretInputs<A extends object>(args: A, secrets: readonly string[]): pulumi.Inputs {
    const out: pulumi.Inputs = { ...args };
    for (const k of secrets) {
        if (out[k] !== undefined) {
            out[k] = pulumi.secret(out[k]);
        }
    }
    return out;
}

/** Resource options with the given outputs added to `additionalSecretOutputs`. */
/**
 * The outputs of `echoes` whose input the program may give as a secret: an Output, or a map with
 * an Output among its values (whether an Output is secret is known only later, and the options
 * are fixed now, so any Output counts). A plain literal stays readable.
 */
export function echoedSecrets(args: object, echoes: Readonly<Record<string, string>>): string[] {
    const mayBeSecret = (v: unknown) =>
        pulumi.Output.isInstance(v) ||
        (v !== null && typeof v === "object" && Object.values(v as Record<string, unknown>).some((x) => pulumi.Output.isInstance(x)));
    return Object.entries(echoes)
        .filter(([, input]) => mayBeSecret((args as Record<string, unknown>)[input]))
        .map(([out]) => out);
}

export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, secrets: readonly string[]): pulumi.CustomResourceOptions {
    return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] };
}

/**
 * Every input of `A` as an output of the resource: state holds the inputs, refreshed from the cloud
 * (`K`: the inputs the class declares itself, with the type the cloud reports).
 */
export type InputsAsOutputs<A, K extends keyof A> = { readonly [P in Exclude<keyof A, K>]-?: pulumi.Output<pulumi.Unwrap<NonNullable<A[P]>> | undefined> };

/** Which of the declared outputs `D` are inputs of `A` too. */
export type OwnOutputs<A, D extends string> = Extract<keyof A, D>;
