/**
 * The floor the gate is measured against: the program run once under the SDK's own mocks, in a fresh
 * process, loaded as the gate's host loads it (programSdk.ts) and with nothing else: no capture, no
 * second view, no pack.
 *   node -r ts-node/register/transpile-only dist/pipelines/bench/bareRun.js <projectDir> <main> <project> <stack> <configJsonFile>
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadProgramSdk } from "../gate/programSdk";

async function main(): Promise<void> {
  const [projectDir, entry, project, stack, configFile] = process.argv.slice(2);
  process.chdir(projectDir);
  const sdk = loadProgramSdk(projectDir);
  await sdk.runtime.setMocks(
    {
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: args.inputs as Record<string, unknown>,
      }),
      call: (args) => args.inputs as Record<string, unknown>,
    },
    project,
    stack,
    false,
  );
  sdk.runtime.setAllConfig(JSON.parse(readFileSync(configFile, "utf8")) as Record<string, string>);
  await sdk.runtime.runInPulumiStack(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.resolve(projectDir, entry)) as unknown;
    return (await (typeof exported === "function" ? (exported as () => unknown)() : exported)) as
      Record<string, unknown> | undefined;
  });
  await sdk.runtime.disconnect();
}

void main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
