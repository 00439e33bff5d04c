/**
 * The `pulumi.RunError` this package raises in a program: a message meant to be the whole report,
 * which Pulumi prints without a stack (`cmd/run/run.js`, `uncaughtHandler`).
 *
 * Its stack is emptied. Pulumi's handler also records every uncaught error on a trace span through
 * `defaultErrorMessage`, which calls `util.inspect(err, { colors: true })` whenever `err.stack` is
 * set; a stack frame Pulumi's own source maps produce, `…/node_modules/@pulumi/resource.ts`, makes
 * that call loop in Node 20.19.6 and later 20.x (`markNodeModules`, nodejs/node#64011, fixed by
 * nodejs/node#64022) until the string overflows: about 20 seconds and 3 GB before the preview
 * could end. Without a stack, `defaultErrorMessage` returns the message.
 */
import * as pulumi from "@pulumi/pulumi";

export function oneLineRunError(message: string): pulumi.RunError {
    const e = new pulumi.RunError(message);
    e.stack = "";
    return e;
}
