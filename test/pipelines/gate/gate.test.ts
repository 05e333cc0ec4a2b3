/**
 * The gate end to end: the example stack's program under mocks in both views, judged by the real
 * pack launched as the CLI launches it; every report format; exit code 2 for what cannot run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import { XMLParser } from "fast-xml-parser";
import { main } from "../../../pipelines/gate/cli";
import { type GateResult, runGate } from "../../../pipelines/gate/gate";
import { renderJson } from "../../../pipelines/gate/report/json";
import { renderJunit } from "../../../pipelines/gate/report/junit";
import { renderMarkdown } from "../../../pipelines/gate/report/markdown";
import { renderSarif } from "../../../pipelines/gate/report/sarif";
import { renderText } from "../../../pipelines/gate/report/text";
import { ROOT } from "../../support/baseline";
import { captureOutput } from "../../support/output";

// Each gate run starts a program and a policy pack: seconds, not milliseconds.
jest.setTimeout(120_000);

const PACK = path.join(ROOT, "policy-pack");
const FIXTURES = path.join(__dirname, "fixtures");

/** Runs the CLI in-process and returns its exit code and what it wrote. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { value, stdout, stderr } = await captureOutput(() => main(args));
  return { code: value, stdout, stderr };
}

describe("the example stack", () => {
  let result: GateResult;
  beforeAll(async () => {
    result = await runGate({
      projectDir: ROOT,
      stack: "example",
      views: ["first", "update"],
      packDir: PACK,
    });
  });

  test("passes in both views with no mandatory finding and no unverified one", () => {
    expect(result.passed).toBe(true);
    expect(result.views.map((v) => [v.view, v.resources.length])).toEqual([
      ["first", 95],
      ["update", 95],
    ]);
    const blocking = result.views.flatMap((v) =>
      v.diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
    );
    expect(blocking).toEqual([]);
    const unverified = result.views.flatMap((v) =>
      v.diagnostics.filter((d) => d.detail.startsWith("can't run policy")),
    );
    expect(unverified).toEqual([]);
  });

  test("the first view sees unknown ids and the update view realistic ARNs", () => {
    const trail = (view: string) =>
      result.views
        .find((v) => v.view === view)
        ?.resources.find((r) => r.type === "aws:cloudtrail/trail:Trail");
    expect(trail("first")?.properties.kmsKeyId).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    expect(trail("update")?.properties.kmsKeyId).toMatch(
      /^arn:aws:kms:eu-west-1:111122223333:key\/[0-9a-f-]{36}$/,
    );
    expect(trail("first")?.urn).toBe(
      "urn:pulumi:example::soc2-baseline::soc2:aws:AuditLogArchive$aws:cloudtrail/trail:Trail::audit-trail",
    );
  });

  test("SARIF output validates against the SARIF 2.1.0 schema and names every policy as a rule", () => {
    const schema = JSON.parse(
      readFileSync(
        require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"),
        "utf8",
      ),
    ) as object;
    const ajv = new AjvDraft04({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    });
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(renderSarif(result)) as {
      runs: { tool: { driver: { rules: { id: string }[] } } }[];
    };
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(
      result.pack.policies.map((p) => p.name),
    );
  });

  test("JUnit XML parses, with a suite per view and a case per policy", () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(renderJunit(result)) as {
      testsuites: { "@_tests": string; "@_failures": string; testsuite: { "@_name": string }[] };
    };
    expect(xml.testsuites["@_tests"]).toBe(String(2 * result.pack.policies.length));
    expect(xml.testsuites["@_failures"]).toBe("0");
    expect(xml.testsuites.testsuite.map((s) => s["@_name"])).toEqual([
      "soc2-baseline/example: first preview",
      "soc2-baseline/example: update",
    ]);
  });

  test("JSON has the documented shape", () => {
    const json = JSON.parse(renderJson(result)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "schemaVersion",
      "project",
      "stack",
      "verdict",
      "mandatory",
      "advisory",
      "seconds",
      "pack",
      "views",
      "findings",
    ]);
    expect(json).toMatchObject({
      schemaVersion: 1,
      project: "soc2-baseline",
      stack: "example",
      verdict: "pass",
      mandatory: 0,
    });
  });

  test("the Markdown comment and the terminal summary state the verdict", () => {
    expect(renderMarkdown(result).split("\n")[0]).toBe("### SOC 2 gate: ✅ pass");
    expect(renderText(result).trim().split("\n").pop()).toMatch(
      /^PASS: no mandatory violation in first preview or update \(\d+\.\d s\)$/,
    );
  });
});

describe("exit code 2 when something cannot run, with the reason in one line", () => {
  test("a program that throws", async () => {
    const run = await cli("--project", path.join(FIXTURES, "broken-program"), "--stack", "test");
    expect(run).toMatchObject({
      code: 2,
      stderr: "gate: the bucket list in this program cannot be read\n",
    });
  });

  test("an invalid stack config, with the program's own message", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "soc2-gate-config-"));
    try {
      for (const f of ["Pulumi.yaml", "package.json", "tsconfig.json"]) {
        symlinkSync(path.join(ROOT, f), path.join(dir, f));
      }
      symlinkSync(path.join(ROOT, "infra"), path.join(dir, "infra"));
      symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
      const example = readFileSync(path.join(ROOT, "Pulumi.example.yaml"), "utf8");
      writeFileSync(
        path.join(dir, "Pulumi.weak.yaml"),
        example.replace("retentionDays: 400", "retentionDays: 30"),
      );
      const run = await cli("--project", dir, "--stack", "weak");
      expect(run).toMatchObject({
        code: 2,
        stderr:
          "gate: Invalid stack configuration:\n" +
          "  - soc2-baseline:auditLog.retentionDays must be at least 365 in COMPLIANCE mode (got 30)\n",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a missing stack file", async () => {
    const run = await cli("--stack", "nowhere");
    expect(run).toMatchObject({
      code: 2,
      stderr: `gate: stack file ${path.join(ROOT, "Pulumi.nowhere.yaml")} does not exist\n`,
    });
  });

  test("a pack that fails to start", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "soc2-gate-pack-"));
    try {
      writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "broken-pack", version: "1.0.0", main: "index.js" }),
      );
      writeFileSync(path.join(dir, "index.js"), 'throw new Error("policy table is corrupt");\n');
      symlinkSync(path.join(PACK, "node_modules"), path.join(dir, "node_modules"));
      const run = await cli("--policy-pack", dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^gate: policy pack exited with code \d+ before printing its port: Error: policy table is corrupt\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a malformed --report", async () => {
    const run = await cli("--report", "pdf=gate.pdf");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: option '--report <format=file>' argument 'pdf=gate.pdf' is invalid. expected FORMAT=FILE with FORMAT one of text, json, sarif, junit, markdown\n",
    );
  });

  test("an unknown option", async () => {
    const run = await cli("--colour", "blue");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown option '--colour'\n");
  });
});

test("rollback mode judges an earlier commit with today's pack and leaves no worktree", async () => {
  const repo = mkdtempSync(path.join(tmpdir(), "soc2-gate-rollback-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  try {
    git("init", "-q");
    git("config", "user.email", "ci@example.com");
    git("config", "user.name", "CI");
    writeFileSync(path.join(repo, "Pulumi.yaml"), "name: rollback-demo\nruntime: nodejs\n");
    writeFileSync(path.join(repo, "Pulumi.test.yaml"), "config: {}\n");
    symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"));
    writeFileSync(path.join(repo, ".gitignore"), "node_modules\n");
    const bucket =
      'import * as aws from "@pulumi/aws";\nconst data = new aws.s3.Bucket("data", {});\n';
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
    const now = await cli(
      "--project",
      repo,
      "--stack",
      "test",
      "--format",
      "json",
      "--out",
      path.join(repo, "now.json"),
      "--report",
      `sarif=${path.join(repo, "now.sarif")}`,
      "--report",
      `markdown=${path.join(repo, "now.md")}`,
      "--mode",
      "first",
    );
    // One run, three reports: the JSON, the SARIF and the Markdown of the same result.
    const json = JSON.parse(readFileSync(path.join(repo, "now.json"), "utf8")) as {
      mandatory: number;
    };
    const sarif = JSON.parse(readFileSync(path.join(repo, "now.sarif"), "utf8")) as {
      runs: { results: { level: string }[] }[];
    };
    expect(sarif.runs[0].results.filter((r) => r.level === "error")).toHaveLength(json.mandatory);
    expect(readFileSync(path.join(repo, "now.md"), "utf8").split("\n")[0]).toBe(
      `### SOC 2 gate: ❌ blocked by ${json.mandatory} mandatory violations`,
    );
    const before = await cli(
      "--project",
      repo,
      "--stack",
      "test",
      "--rollback-ref",
      "HEAD~1",
      "--mode",
      "first",
    );
    const blocked = (text: string) =>
      text.split("\n").filter((l) => l.includes("aws-s3-bucket-missing-public-access-block"));
    expect(blocked(now.stdout)).toEqual([]);
    expect(before.code).toBe(1);
    expect(blocked(before.stdout)).toEqual([
      "    aws-s3-bucket-missing-public-access-block — aws:s3/bucket:Bucket data [first preview]",
    ]);
    expect(git("worktree", "list").trim().split("\n")).toHaveLength(1);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
