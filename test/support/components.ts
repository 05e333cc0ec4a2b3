/**
 * Runs components alone under the SDK's mocks, in a fresh module registry each time (as
 * baseline.ts runs the whole program), and returns every RegisterResource request they sent — or
 * the error that stopped them.
 */
import type * as Pulumi from "@pulumi/pulumi";
import type { RegisteredResource } from "../../pipelines/gate/capture";
import { mocks } from "./mocks";

export interface ComponentRun<C> {
  resources: RegisteredResource[];
  component?: C;
  error?: Error;
}

/**
 * Runs `build` with the SDK pointed at the mocks. `build` must load @pulumi/aws and the component's
 * module with `require` itself, so that they bind to the same fresh SDK instance.
 */
export async function runComponent<C>(build: () => C): Promise<ComponentRun<C>> {
  let sdk: typeof Pulumi | undefined;
  const run: ComponentRun<C> = { resources: [] };
  /* eslint-disable @typescript-eslint/no-require-imports */
  jest.isolateModules(() => {
    sdk = require("@pulumi/pulumi") as typeof Pulumi;
    const { captureRegistrations } =
      require("../../pipelines/gate/capture") as typeof import("../../pipelines/gate/capture");
    run.resources = captureRegistrations(sdk, mocks, {
      project: "soc2-baseline",
      stack: "test",
      preview: false,
    });
    try {
      run.component = build();
    } catch (err) {
      run.error = err as Error;
    }
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
  await sdk!.runtime.disconnect();
  return run;
}

/** The one registered resource of a type and name; fails loudly when absent or repeated. */
export function registered(
  run: { resources: RegisteredResource[] },
  type: string,
  name: string,
): RegisteredResource {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  }
  return found[0];
}
