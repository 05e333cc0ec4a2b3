/**
 * Child-process entry of the gate: runs a Pulumi Node.js program once, with the program's own copy
 * of the SDK under mocks that give realistic ids and ARNs, inside a root stack resource as `pulumi`
 * would, and sends the requested views of its registrations to the gate over the IPC channel: the
 * update view as registered, the first-preview view derived from it (firstPreview.ts). Started by
 * runProgram.ts; never imported.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type * as Pulumi from "@pulumi/pulumi";
import { captureRegistrations, type RegisteredResource } from "./capture";
import { firstPreviewOf } from "./firstPreview";
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
}

/** One run of the program. */
export interface ViewResult {
  view: View;
  resources: RegisteredResource[];
  /** The program's own error, in one line, when it failed. */
  error?: string;
}

/** What the host sends the gate: each view when it is done, then the end. */
export type HostMessage = { kind: "view"; run: ViewResult } | { kind: "done" };

function oneLine(err: unknown): string {
  if (err instanceof Error) {
    // A RunError (such as the baseline's config error) is meant for people: keep all its lines.
    const runError = (err as { __pulumiRunError?: boolean }).__pulumiRunError === true;
    return runError ? err.message : (err.message.split("\n")[0] ?? String(err));
  }
  return String(err);
}

/** One run of the program in the update view; its registrations, or its error. */
async function run(sdk: typeof Pulumi, request: HostRequest): Promise<ViewResult> {
  const resources = captureRegistrations(sdk, mocksFor(request.place), {
    project: request.project,
    stack: request.stack,
    preview: false,
  });
  sdk.runtime.setAllConfig(request.config);
  const entry = path.resolve(request.projectDir, request.main);
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
    return { view: "update", resources };
  } catch (err) {
    return { view: "update", resources, error: oneLine(err) };
  }
}

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(process.argv[2], "utf8")) as HostRequest;
  process.chdir(request.projectDir);
  const sdkPath = require.resolve("@pulumi/pulumi", { paths: [request.projectDir] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(sdkPath) as typeof Pulumi;
  const send = (message: HostMessage) =>
    new Promise<void>((resolve, reject) =>
      process.send?.(message, undefined, {}, (err) => (err ? reject(err) : resolve())),
    );
  const update = await run(sdk, request);
  if (update.error) {
    await send({ kind: "view", run: update });
  } else {
    for (const view of request.views) {
      const resources = view === "first" ? firstPreviewOf(update.resources) : update.resources;
      await send({ kind: "view", run: { view, resources } });
    }
  }
  await send({ kind: "done" });
  process.exit(0);
}

void main();
