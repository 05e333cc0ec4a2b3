/**
 * Cold start. @pulumi/policy loads @pulumi/pulumi's index, which eagerly loads the Automation API and,
 * through closure serialization, @npmcli/arborist: about 0.9 s of a 1.7 s pack start, for code a
 * policy pack never calls. Before anything loads the SDK, this puts stand-ins for those two modules
 * in Node's module cache; a stand-in loads the real module the first time anything touches it, so
 * behaviour is unchanged. It must be the pack's first import.
 */
import Module from "node:module";
import { lazyExports } from "./lazyExports";

function deferred(file: string): void {
  if (require.cache[file]) return;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (!real) {
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(file) as Record<PropertyKey, unknown>;
      require.cache[file] = standIn;
    }
    return real;
  };
  standIn.exports = lazyExports(load);
  require.cache[file] = standIn;
}

const sdkIndex = require.resolve("@pulumi/pulumi");
deferred(require.resolve("@pulumi/pulumi/automation"));
deferred(require.resolve("@npmcli/arborist", { paths: [sdkIndex] }));
