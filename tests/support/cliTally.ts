/** How many pulumi CLI runs the tests made and how long they took: read by ./slowestHook.ts. */
export const cliTally = { runs: 0, ms: 0 };
