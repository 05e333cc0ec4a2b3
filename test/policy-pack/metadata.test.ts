/**
 * The pack's conventions, checked over every policy file: one policy per file, named after its path,
 * doc comment metadata equal to the code's, and the catalogue as the one source of SOC 2 mapping.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { Policy } from "@pulumi/policy";
import { criteria } from "../../policy-pack/controls/catalogue";
import { controlPolicies, policies } from "../../policy-pack/policies";
import { ROOT } from "../support/baseline";

const POLICIES_DIR = path.join(ROOT, "policy-pack", "policies");
const VERBS = ["missing", "disallow", "enable", "disable", "configure", "enforce"];

function policyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return policyFiles(full);
    return entry.endsWith(".ts") && full !== path.join(POLICIES_DIR, "index.ts") ? [full] : [];
  });
}

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** The doc comment right above the file's one exported policy, as key → value. */
function docMetadata(source: string): Record<string, string> {
  const match = /\/\*\*\n((?: \*.*\n)+?) \*\/\nexport const \w+ = (?:resource|stack)Policy/.exec(
    source,
  );
  if (!match) return {};
  const fields: Record<string, string> = {};
  for (const line of match[1].split("\n")) {
    const field = /^ \* (name|description|severity|tags):(.*)$/.exec(line);
    if (field) fields[field[1]] = field[2].trim();
  }
  return fields;
}

const files = policyFiles(POLICIES_DIR);

test("every policy file is in the pack, and the pack has no policy without a file", () => {
  expect(files.length).toBe(policies.length);
});

describe.each(files.map((f) => [path.relative(POLICIES_DIR, f), f]))("%s", (_rel, file) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = Object.values(require(file) as Record<string, Policy>);
  const policy = exported[0];
  const source = readFileSync(file, "utf8");

  test("exports exactly one policy, named after its path", () => {
    expect(exported).toHaveLength(1);
    const parts = path.relative(POLICIES_DIR, file).replace(/\.ts$/, "").split(path.sep);
    expect(policy.name).toBe(parts.map(kebab).join("-"));
    const verb = kebab(parts[parts.length - 1]).split("-")[0];
    expect(parts[0] === "soc2" ? [...VERBS, "report"] : VERBS).toContain(verb);
  });

  test("its doc comment states the same metadata as its code", () => {
    const doc = docMetadata(source);
    expect(doc).toEqual({
      name: policy.name,
      description: policy.description,
      severity: policy.severity,
      tags: (policy.tags ?? []).filter((t) => !t.startsWith("soc2:")).join(", "),
    });
  });

  test("is in the pack and in the control catalogue", () => {
    expect(policies.map((p) => p.name)).toContain(policy.name);
    expect(criteria.some((c) => c.policies.includes(policy.name))).toBe(true);
  });
});

test("the catalogue names only policies the pack has", () => {
  const names = new Set(policies.map((p) => p.name));
  const listed = [...new Set(criteria.flatMap((c) => c.policies))];
  expect(listed.filter((n) => !names.has(n))).toEqual([]);
});

test("the exception reports run after every control policy", () => {
  expect(policies.slice(0, controlPolicies.length)).toEqual(controlPolicies);
  expect(policies.slice(controlPolicies.length).map((p) => p.name)).toEqual([
    "soc2-exception-report-resource-uses",
    "soc2-exception-report-stack-uses",
  ]);
});
