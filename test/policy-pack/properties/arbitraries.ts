/**
 * fast-check generators of what a program (or a broken provider) could hand a policy: any value at
 * any depth — null, a removed key, a wrong type, "", a 100 KB string, 50+ levels of nesting, the
 * engine's unknown sentinel — random props, and changes to the stack's shape. Mutations are data,
 * so a counterexample reads as the list of edits that broke a policy.
 */
import fc from "fast-check";
import type { Fixture } from "../support/analyze";
import { UNKNOWN } from "../support/analyze";
import {
  type Case,
  changeAt,
  changeFixture,
  isList,
  isObject,
  JSON_TEXT,
  path,
  pathsOf,
  REMOVE,
  type Segment,
  type Target,
  withoutFixture,
} from "./edit";

/** A string of about `length` characters, shown in counterexamples by how it is built. */
class Huge {
  constructor(
    readonly fragment: string,
    readonly length: number,
  ) {}

  get value(): string {
    return this.fragment.repeat(Math.ceil(this.length / this.fragment.length));
  }

  [fc.toStringMethod](): string {
    return `Huge(${JSON.stringify(this.fragment)} to ${this.length} chars)`;
  }
}

/** The value a generated value stands for. */
const real = (value: unknown): unknown => (value instanceof Huge ? value.value : value);

/** Property names policies read that the compliant fixtures may not carry. */
const READ_KEYS = [
  "region",
  "tags",
  "versioning",
  "versionings",
  "customKeyStoreId",
  "bypassActors",
  "state",
  "isEnabled",
  "eventBusName",
  "inlinePolicies",
  "managedPolicyArns",
  "NotAction",
  "Condition",
  "vulnerabilityAlerts",
  "expiration",
  "noncurrentVersionExpiration",
  "date",
  "years",
  "excludeMatchedPattern",
  "networkInterfaces",
  "ebs",
  "defaultRetention",
];

/** What generated values draw on: the strings and keys of the compliant case, and policies' keys. */
interface Vocabulary {
  strings: string[];
  keys: string[];
}

function vocabularyOf(base: Case): Vocabulary {
  const strings = new Set<string>();
  const keys = new Set(READ_KEYS);
  const visit = (value: unknown) => {
    if (typeof value === "string") strings.add(value);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
  };
  for (const f of base.fixtures) {
    for (const root of [f.props, f.provider?.properties]) {
      visit(root);
      for (const p of pathsOf(root))
        p.forEach((s) => typeof s === "string" && s !== JSON_TEXT && keys.add(s));
    }
  }
  strings.add(UNKNOWN);
  return { strings: [...strings], keys: [...keys] };
}

const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 7, 365, 3600, 1e21, Number.MAX_SAFE_INTEGER),
);

/** Any value a resource's inputs may hold after a program, a provider or a refactor got it wrong. */
function values(v: Vocabulary): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.constantFrom(...v.keys), fc.string({ maxLength: 10 }));
  const leaf = fc.oneof(
    fc.constant(null),
    fc.constant(UNKNOWN),
    fc.constant(""),
    fc.boolean(),
    numbers,
    fc.string({ maxLength: 16 }),
    fc.constantFrom(...v.strings),
  );
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("tree"), { maxLength: 4 }),
      fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
    ),
  }));
  const huge = fc
    .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 90_000, max: 110_000 }))
    .map(([fragment, length]) => new Huge(fragment, length));
  const deep = fc
    .tuple(fc.integer({ min: 50, max: 52 }), fc.boolean(), key, leaf)
    .map(([depth, arrays, k, bottom]) => {
      let value: unknown = bottom;
      for (let i = 0; i < depth; i++) value = arrays ? [value] : { [k]: value };
      return value;
    });
  // Deep nesting is rarer than the rest: the engine's messages cost the square of the depth.
  return fc.oneof(
    { arbitrary: leaf, weight: 12 },
    { arbitrary: tree, weight: 4 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
    { arbitrary: huge, weight: 2 },
    { arbitrary: deep, weight: 1 },
  );
}

/** One change to a case: of a value (at a target), or of a fixture (by name). */
export type Mutation =
  | { set: Target; to: unknown }
  | { remove: Target }
  | { add: Target; key: string; value: unknown }
  | { replaceProps: string; props: Record<string, unknown> }
  | { removeFixture: string }
  | { cutDependencies: string }
  | { protect: string; value: boolean }
  | { retype: string; type: string };

/** Every value of the case and the object or list holding it, props and provider properties. */
function targetsOf(fixtures: readonly Fixture[]): { values: Target[]; holders: Target[] } {
  const found: Target[] = [];
  const holders: Target[] = [];
  for (const f of fixtures) {
    const roots: [Target["root"], unknown][] = [["props", f.props ?? {}]];
    if (f.provider) roots.push(["provider", f.provider.properties]);
    for (const [root, value] of roots) {
      holders.push({ fixture: f.name, root, path: [] });
      for (const path of pathsOf(value)) found.push({ fixture: f.name, root, path });
    }
  }
  return { values: found, holders: [...holders, ...found] };
}

const added = (key: string, value: unknown) => (holder: unknown) => {
  if (isList(holder)) return [...holder, value];
  return isObject(holder) ? { ...holder, [key]: value } : holder;
};

/** `c` with `m` applied. */
function applyMutation(c: Case, m: Mutation): Case {
  const fixtures = c.fixtures;
  const apply = (next: Fixture[]): Case => ({ ...c, fixtures: next });
  if ("set" in m) return apply(changeAt(fixtures, m.set, () => real(m.to)));
  if ("remove" in m) return apply(changeAt(fixtures, m.remove, () => REMOVE));
  if ("add" in m) return apply(changeAt(fixtures, m.add, added(m.key, real(m.value))));
  if ("replaceProps" in m) {
    return apply(changeFixture(fixtures, m.replaceProps, (f) => ({ ...f, props: m.props })));
  }
  if ("removeFixture" in m) return apply(withoutFixture(fixtures, m.removeFixture));
  if ("cutDependencies" in m) {
    return apply(changeFixture(fixtures, m.cutDependencies, (f) => ({ ...f, deps: {} })));
  }
  if ("protect" in m) {
    return apply(changeFixture(fixtures, m.protect, (f) => ({ ...f, protect: m.value })));
  }
  return apply(changeFixture(fixtures, m.retype, (f) => ({ ...f, type: m.type })));
}

export const applyAll = (c: Case, mutations: readonly Mutation[]): Case =>
  mutations.reduce(applyMutation, c);

/** Random changes anywhere in `base`, including its shape, retyping fixtures among `types`. */
export function mutations(base: Case, types: readonly string[]): fc.Arbitrary<Mutation[]> {
  const vocabulary = vocabularyOf(base);
  const value = values(vocabulary);
  const key = fc.oneof(fc.constantFrom(...vocabulary.keys), fc.string({ maxLength: 10 }));
  const { values: found, holders } = targetsOf(base.fixtures);
  const names = fc.constantFrom(...base.fixtures.map((f) => f.name));
  const props = fc.oneof(
    fc.dictionary(key, value, { maxKeys: 6 }),
    fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }),
  );
  const options: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 3, arbitrary: fc.record({ add: fc.constantFrom(...holders), key, value }) },
    { weight: 1, arbitrary: fc.record({ replaceProps: names, props }) },
    { weight: 1, arbitrary: fc.record({ removeFixture: names }) },
    { weight: 1, arbitrary: fc.record({ cutDependencies: names }) },
    { weight: 1, arbitrary: fc.record({ protect: names, value: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.record({ retype: names, type: fc.constantFrom(...new Set(types)) }),
    },
  ];
  if (found.length > 0) {
    const at = fc.constantFrom(...found);
    options.push({ weight: 6, arbitrary: fc.record({ set: at, to: value }) });
    options.push({ weight: 2, arbitrary: fc.record({ remove: at }) });
  }
  return fc.array(fc.oneof(...options), { minLength: 1, maxLength: 4 });
}

/** Whether `path` is `prefix` or lies below it. */
const under = (path: readonly Segment[], prefix: readonly Segment[]) =>
  prefix.length <= path.length && prefix.every((s, i) => path[i] === s);

/**
 * Changes only where a policy does not look: the `irrelevant` paths (by fixture; `*` for all its
 * props, `provider:` before a path of its provider's properties), and a key no policy reads.
 */
export function noise(
  base: Case,
  irrelevant: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<Mutation[]> {
  const value = values(vocabularyOf(base));
  const isIrrelevant = (t: Target) =>
    (irrelevant[t.fixture] ?? []).some((spec) => {
      if (spec === "*") return t.root === "props";
      const [root, dotted] = spec.startsWith("provider:")
        ? ["provider", spec.slice("provider:".length)]
        : ["props", spec];
      return t.root === root && under(t.path, path(dotted));
    });
  const found = targetsOf(base.fixtures).values.filter(isIrrelevant);
  const roots = base.fixtures.map((f): Target => ({ fixture: f.name, root: "props", path: [] }));
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ add: fc.constantFrom(...roots), key: fc.constant("fuzzNoise"), value }),
  ];
  if (found.length > 0) {
    const at = fc.constantFrom(...found);
    options.push(fc.record({ set: at, to: value }), fc.record({ remove: at }));
  }
  return fc.array(fc.oneof(...options), { maxLength: 3 });
}
