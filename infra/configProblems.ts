/**
 * Turns schema issues into the one-line messages a platform engineer reads: the full config key,
 * what it accepts, and the value it got.
 */
import type { z } from "zod";

/** A leaf setting: its schema (with its default, if any) and the words shown to people. */
export interface Setting {
  schema: z.ZodType;
  /** The value used when the key is absent; `undefined` marks a required key. */
  default?: unknown;
  /** What the key is for, and the criterion it serves (shown in Pulumi.yaml and the README). */
  description: string;
  /** What the key accepts, completing "<key> must be …". */
  allowed: string;
}

/** A setting whose schema carries `defaultValue`, when there is one. */
export function setting(
  schema: z.ZodType,
  allowed: string,
  description: string,
  defaultValue?: unknown,
): Setting {
  return {
    schema: defaultValue === undefined ? schema : schema.default(defaultValue),
    default: defaultValue,
    description,
    allowed,
  };
}

/** A group of settings stored under one key (e.g. `auditLog`). */
export interface SettingGroup {
  description: string;
  settings: Record<string, Setting>;
}

/** Every top-level key of a project's config, and the project that namespaces them. */
export interface SettingsTree {
  project: string;
  settings: Record<string, Setting | SettingGroup>;
}

type Path = readonly PropertyKey[];

/**
 * A namespaced key keeps its namespace (`aws:region`); the rest are the project's, written as
 * `pulumi config set --path` takes them (`proj:auditLog.retentionDays`, `proj:repositories[1].owner`).
 */
export function configKey(project: string, path: Path): string {
  const key = path
    .map((part, i) => {
      if (typeof part === "number") return `[${part}]`;
      const name = String(part);
      if (i === 0) return name;
      // A map key `--path` cannot write after a dot (empty, or with dots, brackets, quotes or
      // spaces) is written as a quoted index, as `pulumi config set --path 'tags["a.b"]'` takes it.
      return /^[^.[\]"\s]+$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
    })
    .join("");
  return String(path[0]).includes(":") ? key : `${project}:${key}`;
}

function isSetting(node: unknown): node is Setting {
  return typeof node === "object" && node !== null && "allowed" in node;
}

/** The setting a path points into: a leaf, or an entry of a map-valued leaf such as `tags`. */
function settingAt(tree: SettingsTree, path: Path): { allowed: string; known?: string[] } {
  let node: unknown = tree;
  for (const part of path) {
    if (isSetting(node)) break;
    const children = (node as { settings: Record<string, unknown> }).settings;
    if (!(String(part) in children)) break;
    node = children[String(part)];
  }
  if (isSetting(node)) return { allowed: node.allowed };
  const known = Object.keys((node as { settings: Record<string, unknown> }).settings);
  return { allowed: `a mapping with the keys ${known.join(", ")}`, known };
}

function valueAt(input: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, part) =>
      typeof node === "object" && node !== null
        ? (node as Record<PropertyKey, unknown>)[part]
        : undefined,
    input,
  );
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One message per problem, in the order the schema found them. */
export function describeProblems(
  tree: SettingsTree,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const { known } = settingAt(tree, issue.path);
      return issue.keys.map(
        (k) =>
          `${configKey(tree.project, [...issue.path, k])} is not a known key` +
          (known ? ` (known keys: ${known.join(", ")})` : ""),
      );
    }
    const key = configKey(tree.project, issue.path);
    const value = valueAt(input, issue.path);
    if (issue.code === "custom") {
      return [
        `${key} ${issue.message} (${value === undefined ? "not set" : `got ${show(value)}`})`,
      ];
    }
    const { allowed } = settingAt(tree, issue.path);
    if (value === undefined) return [`${key} is required: ${allowed}`];
    return [`${key} must be ${allowed} (got ${show(value)})`];
  });
}
