/**
 * Why a notebook resource's constructor turns stack capture off while it registers.
 *
 * Registering a resource makes `@pulumi/pulumi` create four debug promises per property
 * (`transferProperties` in runtime/rpc.ts, one Output per property: value, known, secret,
 * resources), and each debug promise reads `new Error().stack` at once
 * (`debuggablePromise` in runtime/debuggable.ts), only to show it if the promise leaks. A notebook
 * registers 30 to 40 properties (its inputs and every declared output), so about 150 stack
 * traces per resource. In a TypeScript program each of those is formatted by ts-node's
 * source-map-support, frame by frame: measured with `bench/fleetRefresh.ts`'s DSW program of 300
 * notebooks, `pulumi preview` spent 10.0–11.7 s of the program's CPU, 4.4–4.9 s with no stack
 * capture, most of the difference in `@cspotcode/source-map-support` (README, Benchmarks).
 *
 * With `Error.stackTraceLimit` at 0 those debug traces are just "Error". Pulumi's own
 * `Resource.callsites()`, which records the registration's `sourcePosition` and `stackTrace` in
 * state, raises the limit to Infinity for its one capture and restores it, so state keeps the
 * user's source position exactly as before. What is lost is the frames of the debug traces and of
 * the error Pulumi preallocates for a failed registration RPC; their messages still name the
 * resource and the property.
 */
export function stopStackCapture(): () => void {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    return () => {
        Error.stackTraceLimit = limit;
    };
}
