/**
 * The program's own copy of the Pulumi SDK, loaded as the gate's host runs programs (and the bench's
 * floor with it, so that the two compare like with like).
 *
 * The SDK wraps every promise it makes for a report of the ones still pending when the process exits,
 * with a stack trace each. The gate never reads that report: its host sends the gate every
 * registration, then ends itself once the program is done. So the traces are off, and so is the
 * wrapping: at 1,000 repositories it was about a fifth of the program's CPU and 70–100 MiB of its
 * peak. The SDK raises the trace limit again for the one trace that gives each resource its source
 * position, which reports point to.
 */
import type * as Pulumi from "@pulumi/pulumi";

interface Debuggable {
  debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
}

/** Loads the SDK the program in `projectDir` resolves, before the program loads. */
export function loadProgramSdk(projectDir: string): typeof Pulumi {
  Error.stackTraceLimit = 0;
  const paths = [projectDir];
  // The SDK's modules call `debuggablePromise` through this module's exports at each use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const debuggable = require(
    require.resolve("@pulumi/pulumi/runtime/debuggable", { paths }),
  ) as Debuggable;
  debuggable.debuggablePromise = (promise) => promise;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve("@pulumi/pulumi", { paths })) as typeof Pulumi;
}
