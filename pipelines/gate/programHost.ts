/**
 * Child-process entry of the gate: runs a Pulumi Node.js program once, with the program's own copy
 * of the SDK under mocks that give realistic ids and ARNs, inside a root stack resource as `pulumi`
 * would, and streams each registration to the gate over the IPC channel as it happens, in the
 * requested views: the update view as registered, the first-preview view derived from it
 * (firstPreview.ts). The gate judges resources while the program still runs. Started by
 * runProgram.ts; never imported.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type * as Pulumi from "@pulumi/pulumi";
import { type JudgedRegistration, judgedOf, streamRegistrations } from "./capture";
import { FirstPreview } from "./firstPreview";
import { loadProgramSdk } from "./programSdk";
import { type MockPlace, mocksFor, type View } from "./mocks";
import { trackWaitingResources } from "./waitingResources";

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

/** What the host sends the gate: each registration in each view, then the end or the error. */
export type HostMessage =
  | { kind: "resource"; views: Partial<Record<View, JudgedRegistration>> }
  | { kind: "done" }
  /** The program's own error, in one line. */
  | { kind: "error"; message: string };

function oneLine(err: unknown): string {
  if (err instanceof Error) {
    // A RunError (such as the baseline's config error) is meant for people: keep all its lines.
    const runError = (err as { __pulumiRunError?: boolean }).__pulumiRunError === true;
    return runError ? err.message : (err.message.split("\n")[0] ?? String(err));
  }
  return String(err);
}

type Send = (message: HostMessage) => void;

/** Runs the program once, sending each registration in the requested views; its error, if any. */
async function run(
  sdk: typeof Pulumi,
  request: HostRequest,
  send: Send,
): Promise<string | undefined> {
  const preview = new FirstPreview();
  const waiting = trackWaitingResources(request.projectDir);
  streamRegistrations(
    sdk,
    mocksFor(request.place),
    { project: request.project, stack: request.stack, preview: false },
    (resource) => {
      waiting.registered(resource.type, resource.name, resource.source);
      const views: Partial<Record<View, JudgedRegistration>> = {};
      if (request.views.includes("update")) views.update = judgedOf(resource);
      if (request.views.includes("first")) views.first = judgedOf(preview.add(resource));
      send({ kind: "resource", views });
    },
  );
  sdk.runtime.setAllConfig(request.config);
  const entry = path.resolve(request.projectDir, request.main);
  // A program may also fail in a promise nobody awaits; that ends its run the same way.
  // One that waits on promises nothing will settle leaves the event loop empty before it finishes.
  const failures = new Promise<never>((_, reject) => {
    process.once("unhandledRejection", reject);
    process.once("uncaughtException", reject);
    process.once("beforeExit", () => reject(new Error(waiting.whyUnfinished())));
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
    return undefined;
  } catch (err) {
    return oneLine(err);
  }
}

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(process.argv[2], "utf8")) as HostRequest;
  process.chdir(request.projectDir);
  const sdk = loadProgramSdk(request.projectDir);
  const send: Send = (message) => process.send?.(message);
  const error = await run(sdk, request, send);
  // The last message is acknowledged before the process ends, so none is lost.
  await new Promise<void>((resolve) =>
    process.send?.(
      error ? { kind: "error", message: error } : { kind: "done" },
      undefined,
      {},
      () => resolve(),
    ),
  );
  process.exit(0);
}

void main();
