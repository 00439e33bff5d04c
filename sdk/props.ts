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

/** Resource options with the given outputs added to `additionalSecretOutputs`. */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, secrets: string[]): pulumi.CustomResourceOptions {
    return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] };
}
