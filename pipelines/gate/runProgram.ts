/**
 * Runs a project's program under the SDK's mocks in a child process (programHost.ts), once per view,
 * and returns what it registered. The child loads the program's own SDK and providers, so any folder
 * with a Pulumi.yaml and a Node.js program can be judged.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { MockPlace, View } from "./mocks";
import { reasonIn } from "./policyPack";
import type { HostRequest, HostResult, ViewResult } from "./programHost";
import type { Project } from "./project";

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

const HOST = path.join(__dirname, "programHost.ts");

export async function runProgram(options: RunOptions): Promise<ViewResult[]> {
  const work = mkdtempSync(path.join(tmpdir(), "soc2-gate-"));
  const request: HostRequest = {
    projectDir: options.project.dir,
    main: options.project.main,
    project: options.project.name,
    stack: options.stack,
    config: options.config,
    views: options.views,
    place: options.place,
    resultFile: path.join(work, "result.json"),
  };
  const requestFile = path.join(work, "request.json");
  writeFileSync(requestFile, JSON.stringify(request));
  const timeoutMs = options.timeoutMs ?? 300_000;
  try {
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), HOST, requestFile],
        {
          cwd: options.project.dir,
          stdio: ["ignore", "ignore", "pipe"],
          env: {
            ...process.env,
            TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: "commonjs" }),
            TS_NODE_TRANSPILE_ONLY: "true",
          },
        },
      );
      let errText = "";
      child.stderr.on("data", (chunk: Buffer) => (errText += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new ProgramError(`the program did not finish within ${Math.round(timeoutMs / 1000)} s`),
        );
      }, timeoutMs);
      child.on("error", (err) => {
        clearTimeout(timer);
        reject(new ProgramError(`the program could not be started (${err.message})`));
      });
      child.on("exit", () => {
        clearTimeout(timer);
        resolve(errText);
      });
    });
    let result: HostResult;
    try {
      result = JSON.parse(readFileSync(request.resultFile, "utf8")) as HostResult;
    } catch {
      const reason = reasonIn(stderr);
      throw new ProgramError(`the program ended without a result${reason ? `: ${reason}` : ""}`);
    }
    const failed = result.runs.find((r) => r.error);
    if (failed) throw new ProgramError(failed.error as string);
    return result.runs;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
