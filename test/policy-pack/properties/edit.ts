/**
 * Pure edits of test stacks for the property tests: a value at any depth of a fixture's props or of
 * its provider's properties (inside JSON-encoded documents too), and the stack's shape (a fixture
 * removed, its dependencies cut, its type or protection changed). Every edit returns new fixtures;
 * an edit of something that no longer exists changes nothing.
 */
import type { PolicyPackConfig } from "@pulumi/policy";
import type { Fixture } from "../support/analyze";

/** What one analysis judges: a stack (or, for a resource policy, each resource alone) and config. */
export interface Case {
  fixtures: Fixture[];
  config?: PolicyPackConfig;
}

/** A step into a JSON-encoded string (an IAM document, an event pattern). */
export const JSON_TEXT = "{json}";
export type Segment = string | number;
/** Where a value is: a fixture, its props or its provider's properties, and the path below. */
export interface Target {
  fixture: string;
  root: "props" | "provider";
  path: Segment[];
}

/** What `change` returns to delete the value (an object key, or an array entry). */
export const REMOVE = Symbol("remove");
type Change = (value: unknown) => unknown;

export const isList = (v: unknown): v is unknown[] => Array.isArray(v);
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A string holding a JSON object or array, parsed; undefined for any other value. */
function parsedDocument(value: unknown): object | undefined {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Every path below `value`, entering JSON documents through `JSON_TEXT`. */
export function pathsOf(value: unknown, prefix: Segment[] = []): Segment[][] {
  const document = parsedDocument(value);
  if (document) return pathsOf(document, [...prefix, JSON_TEXT]);
  const children: [Segment, unknown][] = isList(value)
    ? value.map((v, i) => [i, v])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => {
    const path = [...prefix, key];
    return [path, ...pathsOf(child, path)];
  });
}

/** `value` with `change` applied at `path`; unchanged when the path does not exist. */
function updateAt(value: unknown, path: readonly Segment[], change: Change): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path;
  if (head === JSON_TEXT) {
    const document = parsedDocument(value);
    return document ? JSON.stringify(updateAt(document, rest, change)) : value;
  }
  if (isList(value) && typeof head === "number" && head < value.length) {
    const next = updateAt(value[head], rest, change);
    return next === REMOVE
      ? value.filter((_, i) => i !== head)
      : value.map((v, i) => (i === head ? next : v));
  }
  if (isObject(value) && typeof head === "string" && Object.hasOwn(value, head)) {
    const next = updateAt(value[head], rest, change);
    if (next !== REMOVE) return { ...value, [head]: next };
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== head));
  }
  return value;
}

/** A dotted path (`rules.0.status`, `policy.{json}.Statement`) as segments. */
export const path = (dotted: string): Segment[] =>
  dotted === "" ? [] : dotted.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** `fixtures` with `change` applied to the value at `target`. */
export function changeAt(fixtures: Fixture[], target: Target, change: Change): Fixture[] {
  return fixtures.map((f) => {
    if (f.name !== target.fixture) return f;
    if (target.root === "provider") {
      if (!f.provider) return f;
      const properties = updateAt(f.provider.properties, target.path, change);
      return { ...f, provider: { ...f.provider, properties: asProps(properties) } };
    }
    return { ...f, props: asProps(updateAt(f.props ?? {}, target.path, change)) };
  });
}

const asProps = (value: unknown): Record<string, unknown> => (isObject(value) ? value : {});

/** `fixtures` with the props value at `dotted` of fixture `name` set to `value`, or removed. */
export function setProp(fixtures: Fixture[], name: string, dotted: string, value: unknown) {
  const segments = path(dotted);
  const key = segments[segments.length - 1];
  const parent = segments.slice(0, -1);
  return changeAt(fixtures, { fixture: name, root: "props", path: parent }, (at) => {
    if (value === REMOVE) return updateAt(at, [key], () => REMOVE);
    if (isList(at) && typeof key === "number") return at.map((v, i) => (i === key ? value : v));
    return isObject(at) ? { ...at, [key]: value } : at;
  });
}

/** `fixtures` without fixture `name`, and without every reference to it. */
export function withoutFixture(fixtures: Fixture[], name: string): Fixture[] {
  const keep = (names: string[]) => names.filter((n) => n !== name);
  const refersTo = (f: Fixture) =>
    f.parent === name ||
    [...(f.dependsOn ?? []), ...Object.values(f.deps ?? {}).flat()].includes(name);
  return fixtures
    .filter((f) => f.name !== name)
    .map((f) =>
      refersTo(f)
        ? {
            ...f,
            parent: f.parent === name ? undefined : f.parent,
            dependsOn: f.dependsOn && keep(f.dependsOn),
            deps:
              f.deps && Object.fromEntries(Object.entries(f.deps).map(([k, v]) => [k, keep(v)])),
          }
        : f,
    );
}

/** `fixtures` with fixture `name` changed by `change`. */
export function changeFixture(
  fixtures: Fixture[],
  name: string,
  change: (f: Fixture) => Fixture,
): Fixture[] {
  return fixtures.map((f) => (f.name === name ? change(f) : f));
}
