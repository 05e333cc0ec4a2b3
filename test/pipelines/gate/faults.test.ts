/**
 * The gate under faults, run as CI runs it — the CLI in a process of its own: a program that
 * throws, waits forever, ends unfinished (a promise it needs never settles), spins forever or
 * registers thousands of resources; a pack that fails to start, dies while it judges, never prints
 * its port or prints something else; a malformed policy config; two gates at once in one checkout,
 * in rollback mode too. Each ends with the right exit code and one exact line, and leaves no
 * process, temporary folder or git worktree behind.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { readProject, readStack } from "../../../pipelines/gate/project";
import { ProgramError, runProgram } from "../../../pipelines/gate/runProgram";

// A gate run starts a program and a pack; the largest program takes most of a minute.
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, "../../..");
const CLI = path.join(ROOT, "pipelines", "gate", "cli.ts");
const FIXTURES = path.join(__dirname, "fixtures");
/** The gates' temporary folder (their TMPDIR): theirs alone, so what is left in it is theirs. */
const GATE_TMP = mkdtempSync(path.join(tmpdir(), "soc2-faults-gate-"));
/** The test's own files: packs, policy configs, repositories. */
const OWN = mkdtempSync(path.join(tmpdir(), "soc2-faults-own-"));

afterAll(() => {
  rmSync(GATE_TMP, { recursive: true, force: true });
  rmSync(OWN, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The gate CLI from its source, in its own process, with GATE_TMP as its TMPDIR. */
function gate(...args: string[]): Promise<Run> {
  const child = spawn(
    process.execPath,
    ["-r", require.resolve("ts-node/register/transpile-only"), CLI, ...args],
    { cwd: ROOT, env: { ...process.env, TMPDIR: GATE_TMP }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Live processes that `belongs` picks from /proc, as "pid command line". */
function processes(belongs: (pid: string) => boolean): string[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        if (!belongs(pid)) return [];
        return [`${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")}`];
      } catch {
        // Ended meanwhile.
        return [];
      }
    });
}

/**
 * Processes started with GATE_TMP as their TMPDIR: the gates and everything they started, however
 * deep. A zombie's environment reads empty: it is not counted.
 */
function strays(): string[] {
  const marker = `TMPDIR=${GATE_TMP}`;
  return processes((pid) =>
    readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(marker),
  );
}

/** Child processes of this test process, zombies included. */
function children(): string[] {
  return processes((pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name in parentheses: the state, then the parent's pid.
    const ppid = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    return Number(ppid) === process.pid;
  });
}

/** runProgram's work folders in the system's temporary folder that were made for `projectDir`. */
function workFoldersFor(projectDir: string): string[] {
  return readdirSync(tmpdir())
    .filter((entry) => entry.startsWith("soc2-gate-"))
    .filter((entry) => {
      try {
        const request = readFileSync(path.join(tmpdir(), entry, "request.json"), "utf8");
        return (JSON.parse(request) as { projectDir: string }).projectDir === projectDir;
      } catch {
        // Not a work folder, or removed meanwhile.
        return false;
      }
    });
}

/** The gates' temporary folders (runProgram's work folder, rollback's worktree holder) still there. */
function leftovers(): string[] {
  return readdirSync(GATE_TMP).filter((entry) => /^soc2-(gate|rollback)-/.test(entry));
}

function expectNothingLeftBehind(): void {
  expect(strays()).toEqual([]);
  expect(leftovers()).toEqual([]);
}

/** A copy of a fixture pack, with the real pack's dependencies, as a pack folder must have them. */
function pack(fixture: string): string {
  const dir = mkdtempSync(path.join(OWN, `${fixture}-`));
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  symlinkSync(path.join(ROOT, "policy-pack", "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** The report's mandatory violations (the lines before its advisories): "policy — type name [views]". */
function blocked(stdout: string): string[] {
  return stdout
    .split("\nAdvisories")[0]
    .split("\n")
    .filter((l) => /^ {4}\S+ — /.test(l))
    .map((l) => l.trim());
}

const ONE_THING = ["--project", path.join(FIXTURES, "fake-resources"), "--stack", "one"];

describe("a program that", () => {
  test("throws: exit 2 with its error", async () => {
    const run = await gate("--project", path.join(FIXTURES, "broken-program"), "--stack", "test");
    expect(run).toMatchObject({
      code: 2,
      stderr: "gate: the bucket list in this program cannot be read\n",
    });
    expectNothingLeftBehind();
  });

  test("waits forever: exit 2 at the timeout", async () => {
    const started = performance.now();
    const run = await gate(
      "--project",
      path.join(FIXTURES, "pending-program"),
      "--stack",
      "test",
      "--timeout",
      "10",
    );
    expect(run).toMatchObject({
      code: 2,
      stderr: "gate: the program did not finish within 10 s\n",
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(10_000);
    expectNothingLeftBehind();
  });

  test("ends with a resource waiting for an input that never settles: exit 2 naming it", async () => {
    const run = await gate("--project", path.join(FIXTURES, "leaking-program"), "--stack", "input");
    expect(run).toMatchObject({
      code: 2,
      stderr:
        "gate: the program ended unfinished, with 1 resource waiting for inputs that never settle: " +
        'aws:s3/bucket:Bucket "waiting" (index.ts:11)\n',
    });
    expectNothingLeftBehind();
  });

  test("ends with a stack output that never settles: exit 2", async () => {
    const run = await gate(
      "--project",
      path.join(FIXTURES, "leaking-program"),
      "--stack",
      "output",
    );
    expect(run).toMatchObject({
      code: 2,
      stderr:
        "gate: the program ended unfinished: a promise it awaits, or one of its stack outputs, " +
        "never settles\n",
    });
    expectNothingLeftBehind();
  });

  // Without a pack beside it: a program that never yields starves a pack started at low priority.
  test("computes forever: stopped at the timeout, and gone when runProgram returns", async () => {
    const project = readProject(path.join(FIXTURES, "busy-program"));
    const running = runProgram(
      {
        project,
        stack: "test",
        config: readStack(project, "test"),
        views: ["first", "update"],
        place: { region: "us-east-1", accountId: "123456789012" },
        timeoutMs: 5_000,
      },
      () => undefined,
    );
    await expect(running).rejects.toThrow(
      new ProgramError("the program did not finish within 5 s"),
    );
    expect(children()).toEqual([]);
    expect(workFoldersFor(project.dir)).toEqual([]);
  });

  test("registers 5,000 resources: judged to the end, exit 0", async () => {
    const run = await gate("--project", path.join(FIXTURES, "fake-resources"), "--stack", "many");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("\n  5000  fake:index:Thing\n");
    expect(run.stdout.trim().split("\n").pop()).toMatch(
      /^PASS: no mandatory violation in first preview or update \(\d+\.\d s\)$/,
    );
    expectNothingLeftBehind();
  });
});

describe("a policy pack that", () => {
  test("throws as it loads: exit 2 with its error", async () => {
    const run = await gate(...ONE_THING, "--policy-pack", pack("throwing-pack"));
    expect(run).toMatchObject({
      code: 2,
      stderr:
        "gate: policy pack exited with code 32 before printing its port: Error: policy table is corrupt\n",
    });
    expectNothingLeftBehind();
  });

  test("prints its port, then dies while it judges a resource: exit 2 with its exit and error", async () => {
    const run = await gate(...ONE_THING, "--policy-pack", pack("crashing-pack"));
    expect(run).toMatchObject({
      code: 2,
      stderr:
        "gate: policy pack exited with code 3 during Analyze: Error: the policy table was lost while judging a resource\n",
    });
    expectNothingLeftBehind();
  });

  test("never prints its port: exit 2 at the timeout", async () => {
    const run = await gate(...ONE_THING, "--policy-pack", pack("silent-pack"), "--timeout", "5");
    expect(run).toMatchObject({ code: 2, stderr: "gate: policy pack did not start within 5 s\n" });
    expectNothingLeftBehind();
  });

  test("stops answering during Analyze: exit 2 once it has been silent for the timeout", async () => {
    // Long enough for a start on a loaded machine: the same timeout bounds the start.
    const run = await gate(...ONE_THING, "--policy-pack", pack("stalling-pack"), "--timeout", "15");
    expect(run).toMatchObject({
      code: 2,
      stderr: "gate: policy pack answered nothing for 15 s during Analyze\n",
    });
    expectNothingLeftBehind();
  });

  test("prints something else than a port: exit 2 naming the line", async () => {
    const run = await gate(...ONE_THING, "--policy-pack", pack("chatty-pack"));
    expect(run).toMatchObject({
      code: 2,
      stderr:
        'gate: policy pack printed "policy server listening, port to follow" instead of a port\n',
    });
    expectNothingLeftBehind();
  });
});

describe("a malformed policy config: exit 2 naming the file and the entry", () => {
  const REGIONS = "aws-any-enforce-allowed-regions";
  test.each([
    ["missing", undefined, " does not exist"],
    ["not JSON", "{ all: advisory }", " is not valid JSON"],
    ["not an object", '["advisory"]', " must be a JSON object of policy names"],
    [
      "an unknown policy",
      '{ "aws-s3-bucket-be-nice": "mandatory" }',
      ": aws-s3-bucket-be-nice is not a policy of soc2-baseline",
    ],
    [
      "a bad enforcement level",
      `{ "${REGIONS}": { "enforcementLevel": "strict" } }`,
      `: ${REGIONS}: enforcementLevel must be one of advisory, mandatory, disabled, remediate (got "strict")`,
    ],
    [
      "a property of the wrong type",
      `{ "${REGIONS}": { "allowedRegions": "eu-west-1" } }`,
      `: ${REGIONS} allowedRegions must be array`,
    ],
    [
      "an unknown property",
      `{ "${REGIONS}": { "allowedRegion": ["eu-west-1"] } }`,
      `: ${REGIONS} has no property "allowedRegion"`,
    ],
  ])("%s", async (name, content, problem) => {
    const file = path.join(OWN, `policy-config-${name.replace(/\W+/g, "-")}.json`);
    if (content !== undefined) writeFileSync(file, content);
    const run = await gate(...ONE_THING, "--policy-config", file);
    expect(run).toMatchObject({ code: 2, stderr: `gate: policy config ${file}${problem}\n` });
    expectNothingLeftBehind();
  });
});

describe("two gates at once in the same checkout", () => {
  const PAB = "aws-s3-bucket-missing-public-access-block";
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  /** Blocks on the public access block alone, so each verdict names exactly what differs. */
  let pabOnly: string;

  beforeAll(() => {
    repo = mkdtempSync(path.join(OWN, "repo-"));
    pabOnly = path.join(OWN, "pab-only.json");
    writeFileSync(pabOnly, JSON.stringify({ all: "advisory", [PAB]: "mandatory" }));
    git("init", "-q");
    git("config", "user.email", "ci@example.com");
    git("config", "user.name", "CI");
    writeFileSync(path.join(repo, "Pulumi.yaml"), "name: concurrent-demo\nruntime: nodejs\n");
    writeFileSync(path.join(repo, "Pulumi.test.yaml"), "config: {}\n");
    symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"));
    writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
    const bucket = 'import * as aws from "@pulumi/aws";\nconst data = new aws.s3.Bucket("data");\n';
    writeFileSync(path.join(repo, "index.ts"), bucket);
    git("add", "-A");
    git("commit", "-qm", "a bucket");
    writeFileSync(
      path.join(repo, "index.ts"),
      bucket +
        'new aws.s3.BucketPublicAccessBlock("data-pab", { bucket: data.id, blockPublicAcls: true,\n' +
        "  blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });\n",
    );
    git("commit", "-qam", "block public access");
    writeFileSync(path.join(repo, "NOTES.md"), "A later change.\n");
    git("add", "-A");
    git("commit", "-qm", "a later change");
  });

  const worktrees = () => git("worktree", "list", "--porcelain").match(/^worktree /gm)?.length;

  test("judging the working tree with two policy configs: each its own verdict", async () => {
    const [strict, tuned] = await Promise.all([
      gate("--project", repo, "--stack", "test", "--mode", "first"),
      gate("--project", repo, "--stack", "test", "--mode", "first", "--policy-config", pabOnly),
    ]);
    expect(strict).toMatchObject({ code: 1, stderr: "" });
    expect(blocked(strict.stdout)).toEqual([
      "aws-s3-bucket-missing-versioning — aws:s3/bucket:Bucket data [first preview]",
      "aws-s3-bucket-enforce-bucket-owner-enforced — aws:s3/bucket:Bucket data [first preview]",
      "aws-s3-bucket-enforce-encryption — aws:s3/bucket:Bucket data [first preview]",
      "aws-s3-bucket-enforce-tls — aws:s3/bucket:Bucket data [first preview]",
    ]);
    expect(tuned).toMatchObject({ code: 0, stderr: "" });
    expect(blocked(tuned.stdout)).toEqual([]);
    expectNothingLeftBehind();
  });

  test("rolling back to two refs: each its own worktree and verdict, both removed", async () => {
    const rollback = (ref: string) =>
      gate("--project", repo, "--stack", "test", "--policy-config", pabOnly, "--rollback-ref", ref);
    const [withoutBlock, withBlock] = await Promise.all([rollback("HEAD~2"), rollback("HEAD~1")]);
    expect(withoutBlock).toMatchObject({ code: 1, stderr: "" });
    expect(blocked(withoutBlock.stdout)).toEqual([
      `${PAB} — aws:s3/bucket:Bucket data [first preview, update]`,
    ]);
    expect(withBlock).toMatchObject({ code: 0, stderr: "" });
    expect(worktrees()).toBe(1);
    expectNothingLeftBehind();
  });
});
