/**
 * A Pulumi project on disk: its Pulumi.yaml (name, runtime, main) and a stack's config file.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { readStackConfig, StackFileError } from "./stackConfig";

export interface Project {
  dir: string;
  name: string;
  /** The program's entry relative to dir: Pulumi.yaml's `main`, or "." (package.json's main). */
  main: string;
}

/** Reads DIR/Pulumi.yaml; only Node.js programs can be run under the SDK's mocks. */
export function readProject(dir: string): Project {
  const file = path.join(dir, "Pulumi.yaml");
  if (!existsSync(file)) throw new StackFileError(`${dir} has no Pulumi.yaml`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new StackFileError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const project = (doc ?? {}) as { name?: unknown; runtime?: unknown; main?: unknown };
  if (typeof project.name !== "string" || project.name === "") {
    throw new StackFileError(`${file} has no project name`);
  }
  const runtime =
    typeof project.runtime === "object" && project.runtime !== null
      ? (project.runtime as { name?: unknown }).name
      : project.runtime;
  if (runtime !== "nodejs") {
    throw new StackFileError(
      `${file}: runtime ${JSON.stringify(runtime)} is not supported; the gate runs Node.js programs`,
    );
  }
  return {
    dir: path.resolve(dir),
    name: project.name,
    main: typeof project.main === "string" ? project.main : ".",
  };
}

/**
 * The config of stack NAME, from DIR/Pulumi.NAME.yaml, or from `configFile` when given (as the CLI's
 * `--config-file`).
 */
export function readStack(
  project: Project,
  stack: string,
  configFile?: string,
): Record<string, string> {
  return readStackConfig(
    configFile ?? path.join(project.dir, `Pulumi.${stack}.yaml`),
    project.name,
  );
}
