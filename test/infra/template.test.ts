/**
 * `Pulumi.yaml`'s `template:` section must offer every config key the schema knows, no other, and the
 * same defaults, so that `pulumi new` from this repository yields a stack that deploys.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT, settings } from "../../infra/config";
import type { Setting, SettingGroup } from "../../infra/configProblems";
import { ROOT } from "../support/baseline";

interface TemplateValue {
  description?: string;
  default?: string;
  secret?: boolean;
}

const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
  name: string;
  main: string;
  runtime: { name: string };
  template: { config: Record<string, TemplateValue> };
};
const template = project.template.config;

const isGroup = (s: Setting | SettingGroup): s is SettingGroup => "settings" in s;

/** A setting's default as the template must write it: a string, JSON for structured values. */
function templateDefault(s: Setting | SettingGroup): string | undefined {
  if (isGroup(s)) {
    return JSON.stringify(
      Object.fromEntries(Object.entries(s.settings).map(([k, v]) => [k, v.default])),
    );
  }
  if (s.default === undefined) return undefined;
  return typeof s.default === "string" ? s.default : JSON.stringify(s.default);
}

test("the project is the nodejs program in infra/, named as the config namespace", () => {
  expect(project).toMatchObject({ name: PROJECT, main: "infra/", runtime: { name: "nodejs" } });
});

test("the template lists exactly the schema's keys", () => {
  expect(Object.keys(template).sort()).toEqual(Object.keys(settings).sort());
});

test.each(Object.entries(settings))("%s has the schema's default and a description", (key, s) => {
  const offered = template[key];
  expect(offered.description?.length).toBeGreaterThan(20);
  expect(offered.default).toBe(templateDefault(s));
});

test("required keys are exactly those without a default", () => {
  const required = Object.entries(template).filter(([, v]) => v.default === undefined);
  expect(required.map(([k]) => k).sort()).toEqual(["accountId", "aws:region", "githubOwner"]);
});

test("every group's template default names each of its keys", () => {
  for (const [key, s] of Object.entries(settings)) {
    if (!isGroup(s)) continue;
    expect(Object.keys(JSON.parse(template[key].default ?? "{}") as object)).toEqual(
      Object.keys(s.settings),
    );
  }
});
