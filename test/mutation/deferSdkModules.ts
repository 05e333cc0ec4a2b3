/**
 * Jest setup for the mutation run only: it changes how fast the tests load, not what they prove.
 *
 * Every test file loads @pulumi/policy's analyzer server, and with it @pulumi/pulumi's index, which
 * eagerly loads the Automation API, TypeScript (for closure serialization) and @npmcli/arborist:
 * about two thirds of each file's start, for code no policy calls. A mutant of the catalogue or of
 * a shared helper re-runs every test file, so that start is paid thousands of times. As the pack
 * itself does (policy-pack/lib/lazySdkModules.ts), each of those modules is replaced by a stand-in
 * that loads the real module the first time anything touches it.
 */
import * as path from "node:path";
import { lazyExports } from "../../policy-pack/lib/lazyExports";

const ROOT = path.resolve(__dirname, "../..");

/** The modules to defer, for each copy of the SDK (the repository's and the pack's own). */
function deferredModules(): string[] {
  const sdks = [ROOT, path.join(ROOT, "policy-pack")].flatMap((dir) => {
    const sdkIndex = require.resolve("@pulumi/pulumi", { paths: [dir] });
    const sdkDir = path.dirname(sdkIndex);
    return [
      require.resolve(path.join(sdkDir, "automation")),
      require.resolve(path.join(sdkDir, "typescript-shim")),
      require.resolve("@npmcli/arborist", { paths: [sdkIndex] }),
    ];
  });
  // The analyzer server the policy tests drive: a test file none of whose tests covers the mutant
  // is still loaded, and then never calls it.
  const server = require.resolve("@pulumi/policy/server", {
    paths: [path.join(ROOT, "policy-pack")],
  });
  return [...sdks, server];
}

function standIn(file: string): object {
  let real: Record<PropertyKey, unknown> | undefined;
  return lazyExports(() => (real ??= jest.requireActual<Record<PropertyKey, unknown>>(file)));
}

for (const file of new Set(deferredModules())) {
  jest.mock(file, () => standIn(file));
}
