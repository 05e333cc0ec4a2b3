/**
 * Reads a stack file (`Pulumi.<stack>.yaml`) into the config map the engine hands a program:
 * `namespace:key` → string, structured values as JSON text.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The stack file cannot be used: it is missing, is not YAML, or holds a value the gate cannot read. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Converts a stack file's `config:` mapping; bare keys belong to `project`, as in the CLI. */
export function stackConfigFromYaml(
  text: string,
  file: string,
  project: string,
): Record<string, string> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new StackFileError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isPlainObject(doc)) throw new StackFileError(`${file} must be a YAML mapping`);
  const config = doc.config ?? {};
  if (!isPlainObject(config))
    throw new StackFileError(`${file}: config must be a mapping of keys to values`);
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `${project}:${key}`;
    if (isPlainObject(value) && "secure" in value) {
      throw new StackFileError(
        `${file}: ${fullKey} is an encrypted secret, which only the Pulumi CLI can decrypt; ` +
          `the example stack must not need secrets`,
      );
    }
    result[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return result;
}

export function readStackConfig(file: string, project: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new StackFileError(`stack file ${file} does not exist`);
  }
  return stackConfigFromYaml(text, file, project);
}
