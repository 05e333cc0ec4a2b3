/**
 * The program's own copy of the Pulumi SDK, loaded as the gate's host runs programs (and the bench's
 * floor with it, so that the two compare like with like).
 *
 * The SDK wraps every promise it makes for a report of the ones still pending when the process exits,
 * with a stack trace each. The gate never reads that report: its host sends the gate every
 * registration, then ends itself once the program is done, and names the resources of a program
 * that ends unfinished itself (waitingResources.ts). So the traces are off, and so is the wrapping.
 *
 * For each resource the SDK also records the whole stack of its constructor, every frame mapped
 * back to the TypeScript source, and sends the engine both that and its first frame in the program,
 * the resource's source position. The gate reads only the position (reports point to it), so the
 * host records the frames down to it alone.
 *
 * The bare run at 1,000 repositories, three alternating runs each: 12.5–13.5 CPU-seconds as the SDK
 * comes, 10.0–12.2 without the wrapping, 8.9–10.0 with the shorter traces too.
 */
import { pathToFileURL } from "node:url";
import type * as Pulumi from "@pulumi/pulumi";

interface Debuggable {
  debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
}

type Frame = { uri: string; line: number; column: number } | undefined;

/** What the SDK's Resource class has for stack traces (private in its typings). */
interface ResourceFrames {
  /** Matches a frame of a stack trace: `at <name> (<file>:<line>:<column>)`. */
  framePositionRegExp: RegExp;
  /** The stack below its `skip` innermost frames (its own and the constructors'); called by `new Resource`. */
  stackTrace(skip: number): Frame[];
}

/**
 * The SDK's `Resource.stackTrace`, down to its first frame only, the resource's source position:
 * the frame below the `skip` innermost ones, parsed as the SDK parses frames.
 */
function sourcePositionOnly(resource: ResourceFrames): ResourceFrames["stackTrace"] {
  return (skip) => {
    const limit = Error.stackTraceLimit;
    let stack: string | undefined;
    try {
      Error.stackTraceLimit = skip + 1;
      stack = new Error().stack;
    } finally {
      Error.stackTraceLimit = limit;
    }
    // Line 0 is the message; lines 1 to `skip` are this function and the constructors that called
    // it (Resource, CustomResource or ComponentResource, the resource's class); then the program.
    const frame = stack?.split("\n")[skip + 1];
    if (frame === undefined) return [];
    const { file, line, column } = resource.framePositionRegExp.exec(frame)?.groups ?? {};
    if (!file || !line || !column || file.startsWith("node:")) return [undefined];
    return [{ uri: pathToFileURL(file).toString(), line: Number(line), column: Number(column) }];
  };
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
  const sdk = require(require.resolve("@pulumi/pulumi", { paths })) as typeof Pulumi;
  // `new Resource` calls `Resource.stackTrace` through the class at each construction.
  const resource = sdk.Resource as unknown as ResourceFrames;
  resource.stackTrace = sourcePositionOnly(resource);
  return sdk;
}
