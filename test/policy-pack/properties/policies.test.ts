/**
 * Property-based tests of every policy of the pack (see properties.ts): generated inputs never make
 * a policy fail the analyzer, and dropping the control a policy guards is always reported. `npm
 * test` runs a few cases per policy; `npm run test:fuzz` runs FUZZ_RUNS and prints what it ran.
 */
import { policies } from "../../../policy-pack/policies";
import { FUZZING, RUNS, SEED, TIMEOUT_MS } from "./profile";
import { controlDrops, type Ran, robustness } from "./properties";
import { entries } from "./table";

/** Per policy and property: what it ran, or that it failed. */
const ran = new Map<string, { robustness?: Ran | "failed"; drops?: Ran | "failed" }>();

/** Runs `property` for `entry`, remembering what it ran or that it failed. */
async function record(
  name: string,
  kind: "robustness" | "drops",
  property: () => Promise<Ran>,
): Promise<void> {
  let outcome: Ran | "failed" = "failed";
  try {
    outcome = await property();
  } finally {
    ran.set(name, { ...ran.get(name), [kind]: outcome });
  }
}

test("the table has one entry for every policy of the pack, each with its drops", () => {
  const names = entries.map((e) => e.policy.name);
  expect([...names].sort()).toEqual(policies.map((p) => p.name).sort());
  for (const entry of entries) {
    const drops = entry.drops.map((d) => d.what);
    expect(drops.length).toBeGreaterThan(0);
    expect(new Set(drops).size).toBe(drops.length);
  }
});

describe.each(entries.map((e) => [e.policy.name, e] as const))(
  `%s (seed ${SEED})`,
  (name, entry) => {
    test(
      `never fails the analyzer and answers alike twice (${RUNS} generated inputs)`,
      () => record(name, "robustness", () => robustness(entry, RUNS, SEED)),
      TIMEOUT_MS,
    );
    test(
      `reports each drop of its control, and nothing for noise where it never looks (${RUNS} inputs)`,
      () => record(name, "drops", () => controlDrops(entry, RUNS, SEED)),
      TIMEOUT_MS,
    );
  },
);

/** A property's outcome as the summary shows it. */
const shown = (outcome: Ran | "failed" | undefined, what: string) =>
  outcome === undefined || outcome === "failed"
    ? `${what} ${outcome ?? "not run"}`
    : `${outcome.cases} ${what} cases` +
      (outcome.compliant === undefined ? "" : ` (${outcome.compliant} of them compliant)`);

afterAll(() => {
  if (!FUZZING) return;
  const outcomes = entries.map(({ policy: { name } }) => [name, ran.get(name) ?? {}] as const);
  const failures = outcomes
    .flatMap(([, o]) => [o.robustness, o.drops])
    .filter((o) => o === "failed");
  const lines = outcomes.map(
    ([name, o]) =>
      `fuzz: ${name}: ${shown(o.robustness, "robustness")}, ${shown(o.drops, "control-drop")}`,
  );
  lines.push(
    `fuzz: ${entries.length} policies, ${RUNS} cases each (robustness) + ${RUNS} each ` +
      `(control drops), ${failures.length} failures, seed ${SEED}`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
});
