/**
 * Runs a project's program under the SDK's mocks in a child process (programHost.ts), once for all
 * views, and hands on what it registers as it registers it. The child loads the program's own SDK and providers, so any folder
 * with a Pulumi.yaml and a Node.js program can be judged.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { MockPlace, View } from "./mocks";
import { reasonIn } from "./policyPack";
import type { JudgedRegistration } from "./capture";
import type { HostMessage, HostRequest } from "./programHost";
import type { Project } from "./project";
import { ENTRY_EXT } from "../root";

/** The program could not be run to the end; the message says why, in one line. */
export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
  }
}

export interface RunOptions {
  project: Project;
  stack: string;
  config: Record<string, string>;
  views: View[];
  /** Region and account for the update view's ARNs. */
  place: MockPlace;
  /** Default 300 s. */
  timeoutMs?: number;
}

/** The host beside this file: its TypeScript source, or its compiled JavaScript in dist/. */
const HOST = path.join(__dirname, `programHost${ENTRY_EXT}`);

/**
 * V8 flags of the host, the largest process of a gate run: the SDK keeps every resource of the
 * program alive to its end. With memory to spare V8 lets the old generation grow to several times
 * what survived its last full collection (at 1,000 repositories the heap reached 582 MiB with 214
 * MiB live). Twice the live size bounds that, for a few more full collections: the whole tree's
 * peak at 1,000 repositories fell from 982–1,054 to 864–929 MiB, within the run-to-run noise in
 * time (README "At scale").
 */
const HOST_V8_FLAGS = ["--heap-growing-percent=100"];

/**
 * Runs the program once; `onResource` receives each registration in each requested view as the
 * program makes it, in the order of `options.views`. Nothing is kept here: a run of thousands of
 * resources is held once, by whoever listens.
 */
export async function runProgram(
  options: RunOptions,
  onResource: (view: View, resource: JudgedRegistration) => void,
): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), "soc2-gate-"));
  const request: HostRequest = {
    projectDir: options.project.dir,
    main: options.project.main,
    project: options.project.name,
    stack: options.stack,
    config: options.config,
    views: options.views,
    place: options.place,
  };
  const requestFile = path.join(work, "request.json");
  writeFileSync(requestFile, JSON.stringify(request));
  const timeoutMs = options.timeoutMs ?? 300_000;
  try {
    await new Promise<void>((resolve, reject) => {
      let stderr = "";
      /** The run's outcome, once known: done, or the error that ended it. */
      let outcome: { error?: Error } | undefined;
      const child = spawn(
        process.execPath,
        [
          ...HOST_V8_FLAGS,
          "-r",
          require.resolve("ts-node/register/transpile-only"),
          HOST,
          requestFile,
        ],
        {
          cwd: options.project.dir,
          stdio: ["ignore", "ignore", "pipe", "ipc"],
          serialization: "advanced",
          env: {
            ...process.env,
            TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: "commonjs" }),
            TS_NODE_TRANSPILE_ONLY: "true",
          },
        },
      );
      // The outcome is settled once the process is gone ("close"), so a run leaves nothing running.
      const finish = (error?: Error) => {
        if (outcome) return;
        outcome = { error };
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      };
      const timer = setTimeout(
        () =>
          finish(
            new ProgramError(`the program did not finish within ${Math.round(timeoutMs / 1000)} s`),
          ),
        timeoutMs,
      );
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("message", (message: HostMessage) => {
        if (outcome) return;
        if (message.kind === "done") return finish();
        if (message.kind === "error") return finish(new ProgramError(message.message));
        for (const view of options.views) {
          const resource = message.views[view];
          if (resource) onResource(view, resource);
        }
      });
      child.on("error", (err) => {
        const error = new ProgramError(`the program could not be started (${err.message})`);
        finish(error);
        // A process that never started sends no "close".
        if (child.pid === undefined) reject(error);
      });
      // "close" comes after the last message and stderr chunk have been read.
      child.on("close", () => {
        const reason = reasonIn(stderr);
        finish(
          new ProgramError(`the program ended without a result${reason ? `: ${reason}` : ""}`),
        );
        if (outcome?.error) reject(outcome.error);
        else resolve();
      });
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
