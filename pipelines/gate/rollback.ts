/**
 * Rollback mode: the program as it was at an earlier git ref, judged by the policy pack as it is now
 * — the check a rollback must pass, since the engine cannot tell a rollback from any other update.
 * The earlier tree is checked out as a temporary worktree, which is removed afterwards whatever
 * happens; it uses the current checkout's installed dependencies.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** The ref or repository cannot be used; the message says which and why. */
export class RollbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RollbackError";
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/**
 * Runs `judge` on `projectDir` as it was at `ref`: the same folder inside a temporary worktree of
 * the repository that holds it.
 */
export async function atRef<T>(
  projectDir: string,
  ref: string,
  judge: (dir: string) => Promise<T>,
): Promise<T> {
  let top: string;
  try {
    top = git(projectDir, "rev-parse", "--show-toplevel");
  } catch {
    throw new RollbackError(
      `${projectDir} is not inside a git repository, so --rollback-ref cannot be used`,
    );
  }
  let commit: string;
  try {
    commit = git(top, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  } catch {
    throw new RollbackError(`rollback ref ${ref} is not a commit of ${top}`);
  }
  const holder = mkdtempSync(path.join(tmpdir(), "soc2-rollback-"));
  const tree = path.join(holder, "tree");
  try {
    git(top, "worktree", "add", "--detach", tree, commit);
  } catch (err) {
    rmSync(holder, { recursive: true, force: true });
    throw new RollbackError(`${ref} could not be checked out: ${firstLine(err)}`);
  }
  try {
    const installed = path.join(top, "node_modules");
    if (existsSync(installed)) symlinkSync(installed, path.join(tree, "node_modules"), "dir");
    const dir = path.join(tree, path.relative(top, projectDir));
    if (!existsSync(dir))
      throw new RollbackError(`${path.relative(top, projectDir) || "."} does not exist at ${ref}`);
    return await judge(dir);
  } finally {
    // The folder goes whatever git says; prune then forgets a worktree whose folder is gone.
    rmSync(holder, { recursive: true, force: true });
    git(top, "worktree", "prune");
  }
}

/** The first line git wrote to stderr, else the error's own. */
function firstLine(err: unknown): string {
  const stderr = (err as { stderr?: string }).stderr?.trim();
  return (stderr || (err as Error).message).split("\n")[0];
}
