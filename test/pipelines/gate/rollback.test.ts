/**
 * Rollback mode on the real baseline: a temporary repository whose history holds the program
 * without one control (the roles' permissions boundary; only the deploy role can write, so only it
 * is blocked), then as it is, then a later change.
 * Rolling back to the commit without the control is blocked; rolling back to one that keeps every
 * control passes — both judged by today's pack, through the CLI a rollback workflow runs.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../../pipelines/gate/cli";
import { ROOT } from "../../support/baseline";
import { captureOutput } from "../../support/output";

jest.setTimeout(180_000);

const IDENTITY = path.join("infra", "aws", "deploymentIdentity.ts");
const BOUNDARY_LINE = "          permissionsBoundary: n.boundaryArn,\n";

let repo: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });

/** The gate CLI in-process on the temporary repository: exit code and the report's lines. */
async function rollbackTo(ref: string): Promise<{ code: number; blocked: string[] }> {
  const { value: code, stdout } = await captureOutput(() =>
    main([
      "--project",
      repo,
      "--stack",
      "example",
      "--policy-pack",
      path.join(ROOT, "policy-pack"),
      "--rollback-ref",
      ref,
    ]),
  );
  const blocked = stdout.split("\n").filter((l) => /^ {4}\S+ — /.test(l));
  return { code, blocked: blocked.map((l) => l.trim()) };
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "soc2-rollback-baseline-"));
  for (const entry of [
    "infra",
    "Pulumi.yaml",
    "Pulumi.example.yaml",
    "package.json",
    "tsconfig.json",
  ]) {
    cpSync(path.join(ROOT, entry), path.join(repo, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"));
  writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
  git("init", "-q");
  git("config", "user.email", "ci@example.com");
  git("config", "user.name", "CI");
  const identity = readFileSync(path.join(repo, IDENTITY), "utf8");
  expect(identity).toContain(BOUNDARY_LINE);
  writeFileSync(path.join(repo, IDENTITY), identity.replace(BOUNDARY_LINE, ""));
  git("add", "-A");
  git("commit", "-qm", "deploy roles without their boundary");
  writeFileSync(path.join(repo, IDENTITY), identity);
  git("commit", "-qam", "deploy roles carry the boundary");
  writeFileSync(path.join(repo, "NOTES.md"), "A later change.\n");
  git("add", "-A");
  git("commit", "-qm", "a later change");
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

test("rolling back to a commit whose program lacks a control is blocked", async () => {
  const run = await rollbackTo("HEAD~2");
  expect(run.code).toBe(1);
  expect(run.blocked).toEqual([
    "aws-iam-role-missing-permissions-boundary — aws:iam/role:Role deployment-deploy-role [first preview, update]",
  ]);
});

test("rolling back to a commit that keeps every control passes, and no worktree is left", async () => {
  const run = await rollbackTo("HEAD~1");
  expect(run).toEqual({ code: 0, blocked: [] });
  expect(git("worktree", "list").trim().split("\n")).toHaveLength(1);
});
