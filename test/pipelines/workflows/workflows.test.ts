/**
 * The committed workflows: generated from their definitions and current, their pull-request jobs
 * the checks the ruleset requires, every npm script they run defined.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT } from "../../../infra/config";
import { githubSettings } from "../../../infra/githubSettings";
import { actionlint } from "../../../pipelines/workflows/actionlint";
import { renderWorkflow, WORKFLOWS, WORKFLOWS_DIR } from "../../../pipelines/workflows/generate";
import { checkWorkflow } from "../../../pipelines/workflows/hardening";
import { EXAMPLE_CONFIG, ROOT } from "../../support/baseline";

const committed = (file: string) => readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");

test("every committed workflow is generated from its definition and current (npm run docs)", () => {
  expect(readdirSync(WORKFLOWS_DIR).sort()).toEqual(Object.keys(WORKFLOWS).sort());
  for (const file of Object.keys(WORKFLOWS)) {
    expect([file, committed(file)]).toEqual([file, renderWorkflow(file)]);
  }
});

test("the pull-request workflow's jobs are exactly the checks the default-branch ruleset requires", () => {
  const jobs = parse(committed("pull-request.yml")) as { jobs: Record<string, { name: string }> };
  const names = Object.values(jobs.jobs).map((j) => j.name);
  const example = JSON.parse(EXAMPLE_CONFIG[`${PROJECT}:github`]) as { requiredChecks: string[] };
  expect(names.sort()).toEqual([...example.requiredChecks].sort());
  expect(names.sort()).toEqual([...(githubSettings.requiredChecks.default as string[])].sort());
});

test("every npm script a workflow runs is defined", () => {
  const scripts = Object.keys(
    (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: object })
      .scripts,
  );
  const used = new Set(
    Object.keys(WORKFLOWS).flatMap((file) =>
      [...committed(file).matchAll(/^(?!#).*npm run ([\w:-]+)/gm)].map((m) => m[1]),
    ),
  );
  expect([...used].sort()).toEqual(["evidence", "evidence:verify", "gate", "ledger"]);
  for (const script of used) expect(scripts).toContain(script);
});

test("each deploying job runs in the deployment environment the example stack names", () => {
  const example = JSON.parse(EXAMPLE_CONFIG[`${PROJECT}:github`]) as {
    deploymentEnvironment: string;
  };
  for (const file of ["deploy.yml", "rollback.yml"]) {
    const workflow = parse(committed(file)) as { jobs: Record<string, { environment?: string }> };
    const environments = Object.values(workflow.jobs)
      .map((j) => j.environment)
      .filter(Boolean);
    expect([file, environments]).toEqual([file, [example.deploymentEnvironment]]);
  }
});

test("the hardening checks and actionlint find nothing in any committed workflow", async () => {
  const files = Object.keys(WORKFLOWS).map((file) => ({
    path: path.join(WORKFLOWS_DIR, file),
    text: committed(file),
  }));
  const findings = files.flatMap((f) =>
    checkWorkflow(f.path, f.text, { deploymentEnvironment: "production" }),
  );
  expect(findings).toEqual([]);
  expect(await actionlint(files)).toEqual([]);
});
