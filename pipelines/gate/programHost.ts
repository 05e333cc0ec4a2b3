/**
 * Child-process entry of the gate: runs a Pulumi Node.js program with the program's own copy of the
 * SDK under mocks, inside a root stack resource as `pulumi` would, once per requested view, and
 * writes every registration to a result file. The SDK and providers load once; between views only
 * the program's own modules are reloaded. Started by runProgram.ts; never imported.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type * as Pulumi from "@pulumi/pulumi";
import { captureRegistrations, type RegisteredResource } from "./capture";
import { type MockPlace, mocksFor, type View } from "./mocks";

/** What the parent asks of the host. */
export interface HostRequest {
  projectDir: string;
  /** The program's entry, relative to projectDir (Pulumi.yaml `main`, default "."). */
  main: string;
  project: string;
  stack: string;
  config: Record<string, string>;
  views: View[];
  place: MockPlace;
  resultFile: string;
}

/** One run of the program. */
export interface ViewResult {
  view: View;
  resources: RegisteredResource[];
  /** The program's own error, in one line, when it failed. */
  error?: string;
}

export interface HostResult {
  runs: ViewResult[];
}

function oneLine(err: unknown): string {
  if (err instanceof Error) {
    // A RunError (such as the baseline's config error) is meant for people: keep all its lines.
    const runError = (err as { __pulumiRunError?: boolean }).__pulumiRunError === true;
    return runError ? err.message : (err.message.split("\n")[0] ?? String(err));
  }
  return String(err);
}

/**
 * Forgets the program's own modules — every loaded file outside a node_modules folder, wherever it
 * lives (a program may import code from beside its project) — so the next view runs it afresh. The
 * gate's own modules are kept: the running host needs them.
 */
function forgetProgram(): void {
  const nodeModules = `${path.sep}node_modules${path.sep}`;
  const gate = path.resolve(__dirname) + path.sep;
  for (const file of Object.keys(require.cache)) {
    if (!file.includes(nodeModules) && !file.startsWith(gate)) delete require.cache[file];
  }
}

async function runView(sdk: typeof Pulumi, request: HostRequest, view: View): Promise<ViewResult> {
  const resources = captureRegistrations(sdk, mocksFor(view, request.place), {
    project: request.project,
    stack: request.stack,
    preview: view === "first",
  });
  sdk.runtime.setAllConfig(request.config);
  forgetProgram();
  const entry = path.resolve(request.projectDir, request.main);
  let error: string | undefined;
  // A program may also fail in a promise nobody awaits; that ends its run the same way.
  const failures = new Promise<never>((_, reject) => {
    process.once("unhandledRejection", reject);
    process.once("uncaughtException", reject);
  });
  try {
    await Promise.race([
      sdk.runtime.runInPulumiStack(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(entry) as unknown;
        return (await (typeof exported === "function"
          ? (exported as () => unknown)()
          : exported)) as Record<string, unknown> | undefined;
      }),
      failures,
    ]);
    await Promise.race([sdk.runtime.disconnect(), failures]);
  } catch (err) {
    error = oneLine(err);
  } finally {
    process.removeAllListeners("unhandledRejection");
    process.removeAllListeners("uncaughtException");
  }
  return { view, resources: [...resources], error };
}

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(process.argv[2], "utf8")) as HostRequest;
  process.chdir(request.projectDir);
  const sdkPath = require.resolve("@pulumi/pulumi", { paths: [request.projectDir] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(sdkPath) as typeof Pulumi;
  const runs: ViewResult[] = [];
  for (const view of request.views) {
    const run = await runView(sdk, request, view);
    runs.push(run);
    if (run.error) break;
  }
  writeFileSync(request.resultFile, JSON.stringify({ runs } satisfies HostResult));
  process.exit(0);
}

void main();
