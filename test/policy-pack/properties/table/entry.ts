/**
 * One row of the control-drop table: a policy, a compliant case it judges, the drops of exactly the
 * control it guards with the violation each must cause, and where it never looks.
 */
import type { Policies, Policy } from "@pulumi/policy";
import { prepare } from "../analysis";
import type { Fixture } from "../../support/analyze";
import { type Case, changeAt, changeFixture, path, setProp, withoutFixture } from "../edit";

/** A change that removes or weakens the control, and the violation it must cause. */
export interface Drop {
  /** What it drops, as a counterexample names it. */
  what: string;
  apply(c: Case): Case;
  /** Every violation of the policy for this drop matches it (and there is at least one). */
  reports: RegExp;
}

export interface Entry {
  policy: Policy;
  /** Policies that run before it: the exception reporters report what these recorded. */
  after?: Policies;
  /** A compliant case: no violation of the policy. */
  base(): Case;
  drops: Drop[];
  /**
   * By fixture, the props paths (dotted, and everything below them) the policy never reads: `*`
   * for all its props, `provider:` before a path of its provider's properties.
   */
  irrelevant: Record<string, string[]>;
  /** Types of its own that the base has no fixture of, for robustness to give one. */
  types?: string[];
}

export const drop = (what: string, reports: RegExp, apply: (c: Case) => Case): Drop => ({
  what,
  reports,
  apply,
});

/** The fixtures of `c` changed by `change`. */
export const changing =
  (change: (fixtures: Case["fixtures"]) => Case["fixtures"]) =>
  (c: Case): Case => ({ ...c, fixtures: change(c.fixtures) });

/** Sets the props value at `dotted` of fixture `name` (`REMOVE` deletes it). */
export const set = (name: string, dotted: string, value: unknown) =>
  changing((f) => setProp(f, name, dotted, value));
/** Sets the value at `dotted` of the properties of fixture `name`'s provider (`REMOVE` deletes it). */
export const setProvider = (name: string, dotted: string, value: unknown) =>
  changing((f) =>
    changeAt(f, { fixture: name, root: "provider", path: path(dotted) }, () => value),
  );
export const remove = (name: string) => changing((f) => withoutFixture(f, name));
export const unprotect = (name: string) =>
  changing((f) => changeFixture(f, name, (x) => ({ ...x, protect: false })));
/** Cuts the dependency of `property` of fixture `name`: its value no longer comes from a resource. */
export const cutDep = (name: string, property: string) =>
  changing((f) => changeFixture(f, name, (x) => ({ ...x, deps: { ...x.deps, [property]: [] } })));
export const add = (fixture: Fixture) => changing((f) => [...f, fixture]);
/** Applies `changes` in order. */
export const all =
  (...changes: ((c: Case) => Case)[]) =>
  (c: Case): Case =>
    changes.reduce((x, change) => change(x), c);

export const policiesOf = (entry: Entry): Policies => [...(entry.after ?? []), entry.policy];

/** The analysis of `c` for `entry`, its requests built once: a stack policy sees the whole stack. */
export const analysisOf = (entry: Entry, c: Case) =>
  prepare(policiesOf(entry), "validateStack" in entry.policy, c);
