/**
 * The two properties every policy must have, run with fast-check through the analyzer's own
 * handlers:
 * - robustness: whatever its inputs, the analyzer answers (a policy that throws anything but the
 *   SDK's unknown-value error makes it fail the call), every diagnostic is the policy's own with a
 *   message, an unknown value only ever gives the SDK's advisory, and the same input gives the same
 *   answer;
 * - control drops: a compliant case with its control dropped is reported by the policy, with the
 *   drop's message and the policy's enforcement level; with only noise where the policy never
 *   looks, nothing is.
 */
import fc from "fast-check";
import type { Diagnostic } from "../../../pipelines/gate/analyzerMessages";
import { rows } from "../support/analyze";
import { applyAll, mutations, noise } from "./arbitraries";
import { analysisOf, type Entry, policiesOf } from "./table/entry";

/** What a property ran: its cases, and of the control-drop cases those left compliant. */
export interface Ran {
  cases: number;
  compliant?: number;
}

/** An error's text, without most of a 100 KB input it may quote. */
const shortened = (text: string) =>
  text.length <= 2000 ? text : `${text.slice(0, 1000)} [...] ${text.slice(-1000)}`;

async function check<T>(property: fc.IAsyncProperty<T>, runs: number, seed: number) {
  const details = await fc.check(property, { numRuns: runs, seed });
  if (details.failed) {
    const report = await fc.asyncDefaultReportMessage(details);
    throw new Error(`${report}\n${shortened(String(details.errorInstance))}`);
  }
  return details.numRuns;
}

/** Fails the property with `problem` and the diagnostics it is about (jest's expect costs too much here). */
function unless(ok: boolean, problem: string, found: readonly Diagnostic[]): void {
  if (!ok) throw new Error(`${problem}:\n${JSON.stringify(rows(found), null, 2)}`);
}

export async function robustness(entry: Entry, runs: number, seed: number): Promise<Ran> {
  const base = entry.base();
  const levels = new Map(policiesOf(entry).map((p) => [p.name, p.enforcementLevel]));
  const types = [...base.fixtures.map((f) => f.type), ...(entry.types ?? [])];
  const property = fc.asyncProperty(mutations(base, types), async (changes) => {
    const analysis = analysisOf(entry, applyAll(base, changes));
    const answer = await analysis();
    for (const d of answer) {
      const unknown = d.detail.startsWith(`can't run policy '${d.policyName}' `);
      unless(levels.has(d.policyName), "a diagnostic of a policy that did not run", [d]);
      unless(d.detail.trim() !== "", "a diagnostic without a message", [d]);
      unless(
        d.enforcementLevel === (unknown ? "advisory" : levels.get(d.policyName)),
        "a diagnostic at another enforcement level than its policy's (or an unknown's advisory)",
        [d],
      );
    }
    const again = await analysis();
    unless(
      JSON.stringify(rows(again)) === JSON.stringify(rows(answer)),
      "another answer to the same request",
      [...answer, ...again],
    );
  });
  return { cases: await check(property, runs, seed) };
}

export async function controlDrops(entry: Entry, runs: number, seed: number): Promise<Ran> {
  const base = entry.base();
  const { name, enforcementLevel } = entry.policy;
  // Each drop applied once: its fixtures, and so their messages, are shared by all its cases.
  const dropped = new Map(entry.drops.map((d) => [d.what, { ...d, c: d.apply(base) }]));
  let compliant = 0;
  const property = fc.asyncProperty(
    // One case in five keeps the control: then only the noise changes anything.
    fc.option(fc.constantFrom(...dropped.keys()), { freq: 5 }),
    noise(base, entry.irrelevant),
    async (what, changes) => {
      const drop = what === null ? undefined : dropped.get(what);
      const c = applyAll(drop ? drop.c : base, changes);
      const found = (await analysisOf(entry, c)()).filter((d) => d.policyName === name);
      if (!drop) {
        compliant++;
        return unless(found.length === 0, "a violation of a compliant case with noise", found);
      }
      unless(found.length > 0, "no violation", found);
      unless(
        found.every((d) => d.enforcementLevel === enforcementLevel && drop.reports.test(d.detail)),
        `a diagnostic that is not the policy's ${enforcementLevel} ${String(drop.reports)}`,
        found,
      );
    },
  );
  return { cases: await check(property, runs, seed), compliant };
}
