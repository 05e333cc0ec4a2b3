/**
 * The changes merged since a date: each commit the branch gained (first parent only: a merge is one
 * change), its author, whether it is signed, and its pull request. From GitHub when a token and the
 * repository are at hand — approvers, check runs and GitHub's own signature verification — and
 * from git alone otherwise, which knows neither approvers nor checks and says so (null).
 */
import { execFileSync } from "node:child_process";
import { approversOf } from "../ledger/record";
import type { ChangeEntry, EvidenceModel } from "./model";

/** The history cannot be read; the message says where and why. */
export class ChangesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChangesError";
  }
}

/** `%G?` letters of a good signature: valid, of unknown validity, or since expired. */
const GOOD_SIGNATURE = new Set(["G", "U", "X", "Y"]);

/** The pull request a merge commit's subject names: GitHub's merge or squash subject. */
export function pullRequestIn(subject: string): number | null {
  const match = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return match ? Number(match[1]) : null;
}

/** The commits HEAD gained since `since` (YYYY-MM-DD, UTC), newest first, from git alone. */
export function changesFromGit(repoDir: string, since: string): ChangeEntry[] {
  let log: string;
  try {
    log = execFileSync(
      "git",
      [
        "log",
        "--first-parent",
        `--since=${since}T00:00:00Z`,
        "--format=%H%x1f%an <%ae>%x1f%aI%x1f%G?%x1f%s%x1e",
        "HEAD",
      ],
      { cwd: repoDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 },
    );
  } catch (err) {
    // With a text encoding, execFileSync's error carries git's stderr as a string.
    const stderr = ((err as { stderr?: string }).stderr ?? "").trim();
    throw new ChangesError(
      `git history of ${repoDir} cannot be read: ${stderr.split("\n")[0] || (err as Error).message}`,
    );
  }
  return log
    .split("\x1e")
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [commit, author, date, signature, subject] = record.split("\x1f");
      return {
        commit,
        author,
        date,
        subject,
        signed: GOOD_SIGNATURE.has(signature),
        pullRequest: pullRequestIn(subject),
        approvers: null,
        checks: null,
      };
    });
}

/** What the bundle asks GitHub about one commit; `gitHubSource` answers through its REST API. */
export interface GitHubSource {
  /** The merged pull request that brought the commit, or null. */
  pullRequestOf(commit: string): Promise<number | null>;
  approversOf(pullRequest: number): Promise<string[]>;
  checksOf(commit: string): Promise<{ name: string; conclusion: string }[]>;
  /** Whether GitHub verified the commit's signature. */
  verified(commit: string): Promise<boolean>;
}

/** GitHub's REST API through @octokit/rest, for `owner/name`. */
export async function gitHubSource(token: string, repository: string): Promise<GitHubSource> {
  const [owner, repo, ...rest] = repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new ChangesError(
      `GITHUB_REPOSITORY must be owner/name (got ${JSON.stringify(repository)})`,
    );
  }
  // The package is an ES module: loaded only on this path, so git-only runs never need it.
  const { Octokit } = await import("@octokit/rest");
  const github = new Octokit({ auth: token });
  const asked = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw new ChangesError(`GitHub API ${what} of ${repository}: ${(err as Error).message}`);
    }
  };
  return {
    pullRequestOf: async (commit) => {
      const pulls = await asked(`pull requests of ${commit}`, () =>
        github.paginate(github.rest.repos.listPullRequestsAssociatedWithCommit, {
          owner,
          repo,
          commit_sha: commit,
          per_page: 100,
        }),
      );
      const merged = pulls.filter((p) => p.merged_at);
      const own = merged.find((p) => p.merge_commit_sha === commit) ?? merged[0];
      return own ? own.number : null;
    },
    approversOf: async (pullRequest) => {
      const reviews = await asked(`reviews of #${pullRequest}`, () =>
        github.paginate(github.rest.pulls.listReviews, {
          owner,
          repo,
          pull_number: pullRequest,
          per_page: 100,
        }),
      );
      return approversOf(reviews);
    },
    checksOf: async (commit) => {
      const runs = await asked(`check runs of ${commit}`, () =>
        github.paginate(github.rest.checks.listForRef, {
          owner,
          repo,
          ref: commit,
          per_page: 100,
        }),
      );
      return runs.map((r) => ({ name: r.name, conclusion: r.conclusion ?? r.status }));
    },
    verified: async (commit) => {
      const { data } = await asked(`commit ${commit}`, () =>
        github.rest.repos.getCommit({ owner, repo, ref: commit }),
      );
      return data.commit.verification?.verified === true;
    },
  };
}

/** The git history completed by GitHub: pull request, approvers, checks and verified signature. */
export async function changesFromGitHub(
  entries: readonly ChangeEntry[],
  github: GitHubSource,
): Promise<ChangeEntry[]> {
  const completed: ChangeEntry[] = [];
  for (const entry of entries) {
    const pullRequest = (await github.pullRequestOf(entry.commit)) ?? entry.pullRequest;
    completed.push({
      ...entry,
      signed: await github.verified(entry.commit),
      pullRequest,
      approvers: pullRequest === null ? [] : await github.approversOf(pullRequest),
      checks: await github.checksOf(entry.commit),
    });
  }
  return completed;
}

/**
 * The changes as the bundle shows them: `entries` from git, completed from GitHub when
 * `GITHUB_TOKEN` and `GITHUB_REPOSITORY` are set.
 */
export async function withGitHub(
  entries: ChangeEntry[],
  since: string,
  env: NodeJS.ProcessEnv,
): Promise<EvidenceModel["changes"]> {
  const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repository } = env;
  if (!token || !repository) return { since, source: "git", entries };
  const github = await gitHubSource(token, repository);
  return { since, source: "github", entries: await changesFromGitHub(entries, github) };
}
