/**
 * Runs the baseline program under the SDK's mocks, in a fresh module registry each time, and returns
 * every RegisterResource request it sent — or the error that stopped it.
 */
import * as path from "node:path";
import type * as Pulumi from "@pulumi/pulumi";
import type { RegisteredResource } from "../../pipelines/gate/capture";
import { readStackConfig } from "../../pipelines/gate/stackConfig";
import { PROJECT } from "../../infra/config";
import { mocks } from "./mocks";

export { mockRepoId } from "./mocks";

export const ROOT = path.resolve(__dirname, "../..");

/** The example stack's config, as the engine hands it to the program. */
export const EXAMPLE_CONFIG = readStackConfig(path.join(ROOT, "Pulumi.example.yaml"), PROJECT);

export interface ProgramRun {
  resources: RegisteredResource[];
  error?: Error;
}

export async function runBaseline(config: Record<string, string>): Promise<ProgramRun> {
  let sdk: typeof Pulumi | undefined;
  let resources: RegisteredResource[] = [];
  let error: Error | undefined;
  let program: (() => Promise<unknown>) | undefined;
  // A fresh registry loads the SDK, the capture and the program together, as one process would.
  /* eslint-disable @typescript-eslint/no-require-imports */
  jest.isolateModules(() => {
    sdk = require("@pulumi/pulumi") as typeof Pulumi;
    const { captureRegistrations } =
      require("../../pipelines/gate/capture") as typeof import("../../pipelines/gate/capture");
    resources = captureRegistrations(sdk, mocks, {
      project: PROJECT,
      stack: "test",
      preview: false,
    });
    sdk.runtime.setAllConfig(config);
    program = require("../../infra") as () => Promise<unknown>;
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
  try {
    await program!();
  } catch (err) {
    error = err as Error;
  }
  await sdk!.runtime.disconnect();
  return { resources, error };
}

/** The one registered resource of a type and name; fails loudly when absent or repeated. */
export function resource(run: ProgramRun, type: string, name: string): RegisteredResource {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  }
  return found[0];
}
