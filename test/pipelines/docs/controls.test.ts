import { readFileSync } from "node:fs";
import { criteria } from "../../../policy-pack/controls/catalogue";
import { CONTROLS_FILE, renderControls } from "../../../pipelines/docs/controls";

const IN_SCOPE = [
  "CC3.4",
  "CC5.2",
  "CC6.1",
  "CC6.2",
  "CC6.3",
  "CC6.6",
  "CC6.7",
  "CC6.8",
  "CC7.1",
  "CC7.2",
  "CC7.3",
  "CC8.1",
  "CC9.1",
  "A1.2",
  "A1.3",
];

test("CONTROLS.md is current (run `npm run docs` after changing the catalogue or a policy)", () => {
  expect(readFileSync(CONTROLS_FILE, "utf8")).toBe(renderControls());
});

test("every in-scope criterion has a section with its policies or a manual rationale", () => {
  const doc = renderControls();
  expect(criteria.map((c) => c.id)).toEqual(IN_SCOPE);
  for (const c of criteria) {
    const section = doc.split(`\n## ${c.id}\n`)[1].split("\n## ")[0];
    expect(section).toContain(`Manual control: ${c.manual}`);
    for (const p of c.policies) expect(section).toContain(`| \`${p}\` |`);
  }
});

test("a catalogue entry naming a policy the pack lacks is refused by name", () => {
  expect(() => renderControls([])).toThrow(
    "the catalogue lists soc2-exception-report-resource-uses under CC3.4, but the pack has no such policy",
  );
});
