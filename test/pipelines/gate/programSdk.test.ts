/**
 * The SDK as the gate's host (and the bench's floor) loads it for a program.
 */
import * as path from "node:path";
import { loadProgramSdk } from "../../../pipelines/gate/programSdk";

const ROOT = path.join(__dirname, "..", "..", "..");

test("the program's SDK tracks no promise for a leak report, and records no trace for one", async () => {
  const limit = Error.stackTraceLimit;
  try {
    const sdk = loadProgramSdk(ROOT);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
      debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
    };
    const promise = Promise.resolve("resolved");
    expect(debuggable.debuggablePromise(promise, "a resource's outputs")).toBe(promise);
    await expect(promise).resolves.toBe("resolved");
    expect(Error.stackTraceLimit).toBe(0);
    // The program's own copy: the one it resolves from its folder.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(sdk).toBe(require(require.resolve("@pulumi/pulumi", { paths: [ROOT] })));
  } finally {
    Error.stackTraceLimit = limit;
  }
});
