/**
 * The bundle's history: changes from git alone in a temporary repository (first parent only, signed
 * or not, pull request from the merge subject), completed from GitHub through a stand-in for its
 * API, and the deployment ledger read from a folder of records.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  changesFromGit,
  changesFromGitHub,
  type GitHubSource,
  pullRequestIn,
  withGitHub,
} from "../../../pipelines/evidence/changes";
import { readLedger } from "../../../pipelines/evidence/ledger";
import type { ChangeEntry } from "../../../pipelines/evidence/model";
import { buildRecord, recordFileName } from "../../../pipelines/ledger/record";

let repo: string;
/** Git without the machine's own config, at the dates a test sets. */
let gitEnv: NodeJS.ProcessEnv;
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo, encoding: "utf8", env: gitEnv }).trim();

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), "soc2-evidence-history-"));
  gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
  const key = path.join(repo, ".key");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ci", "-f", key]);
  const publicKey = readFileSync(`${key}.pub`, "utf8").trim();
  writeFileSync(path.join(repo, ".allowed-signers"), `ci@example.com ${publicKey}\n`);
  git("init", "-q", "-b", "main");
  git("config", "user.email", "ci@example.com");
  git("config", "user.name", "CI");
  git("config", "gpg.format", "ssh");
  git("config", "user.signingkey", key);
  git("config", "gpg.ssh.allowedSignersFile", path.join(repo, ".allowed-signers"));
  const old = { ...gitEnv };
  gitEnv = {
    ...old,
    GIT_AUTHOR_DATE: "2020-03-01T10:00:00Z",
    GIT_COMMITTER_DATE: "2020-03-01T10:00:00Z",
  };
  git("commit", "-q", "--allow-empty", "-m", "Before the period (#1)");
  gitEnv = {
    ...old,
    GIT_AUTHOR_DATE: "2026-02-02T09:00:00Z",
    GIT_COMMITTER_DATE: "2026-02-02T09:00:00Z",
  };
  git("commit", "-q", "--allow-empty", "-S", "-m", "Encrypt the runner logs (#41)");
  git("checkout", "-q", "-b", "feature");
  git("commit", "-q", "--allow-empty", "-m", "Work on a branch");
  git("checkout", "-q", "main");
  gitEnv = {
    ...old,
    GIT_AUTHOR_DATE: "2026-02-03T09:00:00Z",
    GIT_COMMITTER_DATE: "2026-02-03T09:00:00Z",
  };
  git("merge", "-q", "--no-ff", "feature", "-m", "Merge pull request #42 from example-org/feature");
  gitEnv = old;
});
afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

test("git alone: each change on the first-parent line since the date, signed or not, with its pull request", () => {
  expect(changesFromGit(repo, "2026-01-01")).toEqual([
    {
      commit: git("rev-parse", "HEAD"),
      author: "CI <ci@example.com>",
      date: "2026-02-03T09:00:00+00:00",
      subject: "Merge pull request #42 from example-org/feature",
      signed: false,
      pullRequest: 42,
      approvers: null,
      checks: null,
    },
    {
      commit: git("rev-parse", "HEAD^1"),
      author: "CI <ci@example.com>",
      date: "2026-02-02T09:00:00+00:00",
      subject: "Encrypt the runner logs (#41)",
      signed: true,
      pullRequest: 41,
      approvers: null,
      checks: null,
    },
  ]);
});

test("a folder outside any git repository is named with git's reason", () => {
  const outside = mkdtempSync(path.join(tmpdir(), "soc2-evidence-nogit-"));
  try {
    expect(() => changesFromGit(outside, "2026-01-01")).toThrow(
      `git history of ${outside} cannot be read: fatal: not a git repository (or any of the parent directories): .git`,
    );
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test.each<[string, number | null]>([
  ["Merge pull request #7 from example-org/fix", 7],
  ["Tighten the deploy role (#1234)", 1234],
  ["Fix #12 in the runner role", null],
  ["Release 1.2 (#x)", null],
])("pull request of %j", (subject, number) => {
  expect(pullRequestIn(subject)).toBe(number);
});

const change = (commit: string, pullRequest: number | null): ChangeEntry => ({
  commit,
  author: "CI <ci@example.com>",
  date: "2026-02-02T09:00:00+00:00",
  subject: "a change",
  signed: false,
  pullRequest,
  approvers: null,
  checks: null,
});

test("GitHub completes each change: its pull request, approvers, checks and verified signature", async () => {
  const asked: string[] = [];
  const github: GitHubSource = {
    pullRequestOf: (commit) => {
      asked.push(`pulls ${commit}`);
      return Promise.resolve(commit === "a1" ? 41 : null);
    },
    approversOf: (pr) => {
      asked.push(`reviews #${pr}`);
      return Promise.resolve(["carol", "dave"]);
    },
    checksOf: (commit) => Promise.resolve([{ name: `test ${commit}`, conclusion: "success" }]),
    verified: (commit) => Promise.resolve(commit === "a1"),
  };
  const completed = await changesFromGitHub([change("a1", null), change("b2", null)], github);
  expect(completed).toEqual([
    {
      ...change("a1", 41),
      signed: true,
      approvers: ["carol", "dave"],
      checks: [{ name: "test a1", conclusion: "success" }],
    },
    {
      ...change("b2", null),
      approvers: [],
      checks: [{ name: "test b2", conclusion: "success" }],
    },
  ]);
  expect(asked).toEqual(["pulls a1", "reviews #41", "pulls b2"]);
});

test("without GITHUB_TOKEN or GITHUB_REPOSITORY the changes are git's, marked so", async () => {
  const entries = [change("a1", 41)];
  expect(await withGitHub(entries, "2026-01-01", { GITHUB_REPOSITORY: "o/r" })).toEqual({
    since: "2026-01-01",
    source: "git",
    entries,
  });
});

test("a malformed GITHUB_REPOSITORY is named before GitHub is asked anything", async () => {
  await expect(
    withGitHub([], "2026-01-01", { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "soc2" }),
  ).rejects.toThrow('GITHUB_REPOSITORY must be owner/name (got "soc2")');
});

describe("the ledger folder", () => {
  let dir: string;
  const record = (kind: "deploy" | "rollback", at: string) =>
    buildRecord({
      kind,
      commit: "0123456789abcdef0123456789abcdef01234567",
      outcome: "success",
      pulls: [
        {
          number: 42,
          title: "Tighten the runner role",
          html_url: "https://github.com/example-org/soc2-pipeline-blueprint/pull/42",
          user: { login: "alice" },
        },
      ],
      reviews: [{ user: { login: "carol" }, state: "APPROVED" }],
      gate: {
        schemaVersion: 1,
        stack: "prod",
        verdict: "pass",
        mandatory: 0,
        advisory: 0,
        pack: { name: "soc2-baseline", version: "0.1.0" },
        views: [{ view: "update", resources: 95, mandatory: 0 }],
      },
      update: [{ result: "succeeded" }],
      pack: { sha256: "ab".repeat(32), files: 120 },
      run: {
        repository: "example-org/soc2-pipeline-blueprint",
        runId: "987654",
        attempt: "1",
        actor: "alice",
        serverUrl: "https://github.com",
      },
      rollback:
        kind === "rollback"
          ? { targetRef: "v1.4.0", incident: "INC-2041", reason: "Runner role broke the builds" }
          : undefined,
      recordedAt: new Date(at),
    });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "soc2-evidence-ledger-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("holds every record, oldest first, a rollback with its incident and reason", () => {
    const rollback = record("rollback", "2026-03-02T10:00:00.000Z");
    const deploy = record("deploy", "2026-03-01T10:00:00.000Z");
    mkdirSync(path.join(dir, "2026"));
    writeFileSync(path.join(dir, "2026", recordFileName(rollback)), JSON.stringify(rollback));
    writeFileSync(path.join(dir, recordFileName(deploy)), JSON.stringify(deploy));
    writeFileSync(path.join(dir, "README.txt"), "not a record");
    const common = {
      outcome: "success",
      commit: "0123456789abcdef0123456789abcdef01234567",
      pullRequest: {
        number: 42,
        url: "https://github.com/example-org/soc2-pipeline-blueprint/pull/42",
      },
      approvers: ["carol"],
    };
    expect(readLedger(dir)).toEqual([
      {
        file: recordFileName(deploy),
        kind: "deploy",
        recordedAt: "2026-03-01T10:00:00.000Z",
        ...common,
      },
      {
        file: `2026/${recordFileName(rollback)}`,
        kind: "rollback",
        recordedAt: "2026-03-02T10:00:00.000Z",
        ...common,
        incident: "INC-2041",
        reason: "Runner role broke the builds",
      },
    ]);
  });

  test("a record that is not one is named with the field at fault", () => {
    writeFileSync(
      path.join(dir, "broken.json"),
      JSON.stringify({ ...record("deploy", "2026-03-01T10:00:00.000Z"), approvers: "carol" }),
    );
    expect(() => readLedger(dir)).toThrow(
      "ledger record broken.json.approvers: Invalid input: expected array, received string",
    );
  });

  test("a folder that does not exist is named", () => {
    expect(() => readLedger(path.join(dir, "nowhere"))).toThrow(
      `ledger folder ${path.join(dir, "nowhere")} does not exist`,
    );
  });
});
