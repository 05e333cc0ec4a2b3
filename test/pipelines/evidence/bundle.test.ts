/**
 * The evidence bundle of the example stack, written once by `npm run evidence` (in-process, real
 * pack, git history of this repository, a ledger folder of one record): the control matrix, the
 * pack manifest, the OpenControl files, and verification against SHA256SUMS. Then the CLI's answers
 * to bad input, which stop before any gate runs.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { criteria, criteriaOf } from "../../../policy-pack/controls/catalogue";
import { policies } from "../../../policy-pack/policies";
import { main } from "../../../pipelines/evidence/cli";
import { csvField } from "../../../pipelines/evidence/matrix";
import type { CriterionEvidence, MatrixRow } from "../../../pipelines/evidence/model";
import { packDigest } from "../../../pipelines/ledger/packDigest";
import { buildRecord, recordFileName } from "../../../pipelines/ledger/record";
import { ROOT } from "../../support/baseline";
import { captureOutput } from "../../support/output";

// One gate run (both views, real pack) builds the bundle: seconds, not milliseconds.
jest.setTimeout(120_000);

const NOW = new Date("2026-11-26T12:00:00.000Z");
const PACK = path.join(ROOT, "policy-pack");
const TRAIL_URN =
  "urn:pulumi:example::soc2-baseline::soc2:aws:AuditLogArchive$aws:cloudtrail/trail:Trail::audit-trail";

async function cli(...args: string[]) {
  const { value, stdout, stderr } = await captureOutput(() => main(args, {}, NOW));
  return { code: value, stdout, stderr };
}

let work: string;
let out: string;
let built: { code: number; stdout: string; stderr: string };
const read = (file: string) => readFileSync(path.join(out, file), "utf8");
let matrix: { criteria: CriterionEvidence[]; rows: MatrixRow[] };

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "soc2-evidence-"));
  out = path.join(work, "bundle");
  const ledger = path.join(work, "ledger");
  const record = buildRecord({
    kind: "deploy",
    commit: "0123456789abcdef0123456789abcdef01234567",
    outcome: "success",
    pulls: [],
    reviews: [],
    gate: {
      schemaVersion: 1,
      stack: "example",
      verdict: "pass",
      mandatory: 0,
      advisory: 0,
      pack: { name: "soc2-baseline", version: "0.1.0" },
      views: [{ view: "update", resources: 95, mandatory: 0 }],
    },
    update: [],
    pack: { sha256: "ab".repeat(32), files: 120 },
    run: {
      repository: "example-org/soc2-pipeline-blueprint",
      runId: "1",
      attempt: "1",
      actor: "alice",
      serverUrl: "https://github.com",
    },
    recordedAt: new Date("2026-11-20T08:00:00.000Z"),
  });
  mkdirSync(ledger);
  writeFileSync(path.join(ledger, recordFileName(record)), JSON.stringify(record));
  built = await cli("--out", out, "--since", "2020-01-01", "--ledger", ledger);
  matrix = JSON.parse(read("control-matrix.json")) as typeof matrix;
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("npm run evidence writes every file and says what it found", () => {
  expect(built.stderr).toBe("");
  expect(built.code).toBe(0);
  expect(built.stdout).toMatch(
    new RegExp(
      `^evidence: wrote 20 files to ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} in \\d+\\.\\d s\n` +
        "  gate: pass \\(0 mandatory, 0 advisory\\), 211 matrix rows\n" +
        "  criteria: 13 met, 2 manual\n$",
    ),
  );
  const files = (dir: string): string[] =>
    readdirSync(path.join(out, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );
  expect(files("").sort()).toEqual([
    "SHA256SUMS",
    "changes.json",
    "control-matrix.csv",
    "control-matrix.json",
    "gate.json",
    "gate.sarif",
    "index.html",
    "ledger.json",
    "opencontrol/components/AuditLogArchive/component.yaml",
    "opencontrol/components/CiRunners/component.yaml",
    "opencontrol/components/DeploymentIdentity/component.yaml",
    "opencontrol/components/DeploymentVariables/component.yaml",
    "opencontrol/components/OrganizationProtection/component.yaml",
    "opencontrol/components/RepositoryProtection/component.yaml",
    "opencontrol/components/RunnerAccess/component.yaml",
    "opencontrol/components/SecureBucket/component.yaml",
    "opencontrol/components/TamperAlarms/component.yaml",
    "opencontrol/opencontrol.yaml",
    "opencontrol/standards/soc2.yaml",
    "policy-pack.json",
  ]);
});

describe("the control matrix", () => {
  test("lists every criterion of the catalogue with its status; manual ones where no policy applies", () => {
    expect(matrix.criteria.map((c) => [c.id, c.status])).toEqual(
      criteria.map((c) => [c.id, c.policies.length === 0 ? "manual" : "met"]),
    );
    const withRows = new Set(matrix.rows.map((r) => r.criterion));
    expect(criteria.filter((c) => !withRows.has(c.id)).map((c) => c.id)).toEqual(["CC5.2", "A1.3"]);
  });

  test("the example stack's rows: all pass, by criterion", () => {
    const count = (key: (r: MatrixRow) => string) => {
      const counts: Record<string, number> = {};
      for (const r of matrix.rows) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
      return counts;
    };
    expect(count((r) => r.result)).toEqual({ pass: 211 });
    expect(count((r) => r.criterion)).toEqual({
      "CC3.4": 95,
      "CC6.1": 34,
      "CC6.2": 5,
      "CC6.3": 14,
      "CC6.6": 3,
      "CC6.7": 2,
      "CC6.8": 12,
      "CC7.1": 1,
      "CC7.2": 12,
      "CC7.3": 2,
      "CC8.1": 16,
      "CC9.1": 4,
      "A1.2": 11,
    });
  });

  test("a policy's rows are where it applied: each resource of its types, the stack for a stack policy", () => {
    const rowsOf = (policy: string) => matrix.rows.filter((r) => r.policy === policy);
    expect(rowsOf("aws-cloudtrail-trail-configure-logging")).toEqual([
      {
        criterion: "CC7.2",
        policy: "aws-cloudtrail-trail-configure-logging",
        urn: TRAIL_URN,
        resourceType: "aws:cloudtrail/trail:Trail",
        resourceName: "audit-trail",
        result: "pass",
        enforcementLevel: "mandatory",
        severity: "high",
        message: "",
      },
    ]);
    expect(rowsOf("aws-cloudtrail-trail-missing-audit-trail")).toEqual(
      ["CC7.2", "CC7.3"].map((criterion) => ({
        criterion,
        policy: "aws-cloudtrail-trail-missing-audit-trail",
        urn: "",
        resourceType: "",
        resourceName: "",
        result: "pass",
        enforcementLevel: "mandatory",
        severity: "critical",
        message: "",
      })),
    );
    expect(rowsOf("aws-kms-key-enable-rotation").map((r) => r.resourceName)).toEqual([
      "audit-key",
      "ci-runners-key",
      "tamper-alarms-iam-key",
      "tamper-alarms-key",
    ]);
    expect(rowsOf("aws-iam-user-disallow-users")).toEqual([]);
  });

  test("the CSV has the header and one RFC 4180 record per row", () => {
    const csv = read("control-matrix.csv");
    const lines = csv.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(212);
    expect(lines[0]).toBe(
      "criterion,criterion title,policy,resource type,resource name,urn,result,enforcement level,severity,message,exception reason,approver,expires",
    );
    expect(lines).toContain(
      `CC7.2,System activity is logged and monitored for anomalies,aws-cloudtrail-trail-configure-logging,aws:cloudtrail/trail:Trail,audit-trail,${TRAIL_URN},pass,mandatory,high,,,,`,
    );
    expect(lines).toContain(
      'CC6.3,"Access is role-based, least privilege and segregated",aws-iam-role-missing-permissions-boundary,,,,pass,mandatory,high,,,,',
    );
  });

  test.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['say "no"', '"say ""no"""'],
    ["two\nlines", '"two\nlines"'],
  ])("CSV field %j is written %j", (value, written) => {
    expect(csvField(value)).toBe(written);
  });
});

test("policy-pack.json: the running pack's name, version, content hash and every policy's metadata", () => {
  const manifest = JSON.parse(read("policy-pack.json")) as {
    name: string;
    version: string;
    sha256: string;
    policies: { name: string; framework: { reference: string }; remediationSteps: string }[];
  };
  expect(manifest).toMatchObject({
    name: "soc2-baseline",
    version: "0.1.0",
    sha256: packDigest(PACK).sha256,
  });
  expect(manifest.policies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
  for (const p of manifest.policies) expect(p.framework.reference).toBe(criteriaOf(p.name)[0].id);
});

test("changes.json comes from git alone and ledger.json holds the ledger's record", () => {
  const changes = JSON.parse(read("changes.json")) as {
    since: string;
    source: string;
    entries: { commit: string; approvers: null }[];
  };
  expect(changes).toMatchObject({ since: "2020-01-01", source: "git" });
  expect(changes.entries.length).toBeGreaterThan(0);
  for (const e of changes.entries) {
    expect(e.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(e.approvers).toBeNull();
  }
  expect(JSON.parse(read("ledger.json"))).toMatchObject({
    source: path.join(work, "ledger"),
    entries: [
      { kind: "deploy", recordedAt: "2026-11-20T08:00:00.000Z", outcome: "success", approvers: [] },
    ],
  });
});

describe("the OpenControl files", () => {
  const yaml = (file: string) => parse(read(`opencontrol/${file}`)) as Record<string, unknown>;

  test("opencontrol.yaml (schema 1.0.0) names every component and the SOC 2 standard", () => {
    expect(yaml("opencontrol.yaml")).toEqual({
      schema_version: "1.0.0",
      name: "soc2-baseline",
      metadata: {
        description:
          "SOC 2 controls of soc2-baseline (stack example) as its code implements them, verified by soc2-baseline@0.1.0.",
        maintainers: ["Platform team"],
      },
      components: [
        "./components/AuditLogArchive",
        "./components/SecureBucket",
        "./components/TamperAlarms",
        "./components/DeploymentIdentity",
        "./components/CiRunners",
        "./components/RepositoryProtection",
        "./components/OrganizationProtection",
        "./components/RunnerAccess",
        "./components/DeploymentVariables",
      ],
      standards: ["./standards/soc2.yaml"],
    });
  });

  test("the SOC 2 standard is the catalogue: family, name and description per criterion", () => {
    expect(yaml("standards/soc2.yaml")).toEqual({
      name: "SOC2",
      ...Object.fromEntries(
        criteria.map((c) => [c.id, { family: c.series, name: c.title, description: c.asks }]),
      ),
    });
  });

  test("each component.yaml carries the 3.1.0 fields, and covers criteria with pack policies that exist", () => {
    const infos = new Map(
      (
        JSON.parse(read("policy-pack.json")) as {
          policies: { name: string; description: string }[];
        }
      ).policies.map((p) => [p.name, p.description]),
    );
    for (const key of readdirSync(path.join(out, "opencontrol/components"))) {
      const c = yaml(`components/${key}/component.yaml`) as {
        schema_version: string;
        name: string;
        key: string;
        system: string;
        documentation_complete: boolean;
        responsible_role: string;
        references: { name: string; path: string; type: string }[];
        satisfies: {
          standard_key: string;
          control_key: string;
          narrative: { text: string }[];
          implementation_status: string;
          covered_by: { verification_key: string }[];
        }[];
        verifications: {
          key: string;
          name: string;
          path: string;
          type: string;
          description: string;
        }[];
      };
      expect(Object.keys(c)).toEqual([
        "schema_version",
        "name",
        "key",
        "system",
        "documentation_complete",
        "responsible_role",
        "references",
        "satisfies",
        "verifications",
      ]);
      expect(c).toMatchObject({ schema_version: "3.1.0", key, system: "soc2-baseline" });
      expect(existsSync(path.join(ROOT, c.references[0].path))).toBe(true);
      expect(c.satisfies.length).toBeGreaterThan(0);
      const verified = c.verifications.map((v) => v.key);
      for (const s of c.satisfies) {
        const criterion = criteria.find((k) => k.id === s.control_key);
        expect(s.standard_key).toBe("SOC2");
        expect(criterion).toBeDefined();
        expect(s.narrative[0].text.length).toBeGreaterThan(40);
        expect(["complete", "partial", "planned"]).toContain(s.implementation_status);
        for (const { verification_key } of s.covered_by) {
          expect(verified).toContain(verification_key);
          expect(criterion?.policies).toContain(verification_key);
        }
      }
      for (const v of c.verifications) {
        expect(v).toEqual({
          key: v.key,
          name: v.key,
          path: v.path,
          type: "policy",
          description: infos.get(v.key),
        });
        expect(readFileSync(path.join(ROOT, v.path), "utf8")).toContain(`name: "${v.key}",`);
      }
    }
  });

  test("the audit archive is verified by the trail policies for CC7.2", () => {
    const archive = yaml("components/AuditLogArchive/component.yaml") as {
      satisfies: { control_key: string; implementation_status: string; covered_by: unknown[] }[];
    };
    expect(archive.satisfies.find((s) => s.control_key === "CC7.2")).toMatchObject({
      implementation_status: "complete",
      covered_by: [
        { verification_key: "aws-cloudtrail-trail-missing-audit-trail" },
        { verification_key: "aws-cloudtrail-trail-configure-logging" },
        { verification_key: "aws-s3-bucket-enforce-audit-protection" },
        { verification_key: "aws-s3-bucket-enforce-object-lock" },
        { verification_key: "aws-s3-bucket-disallow-early-expiry" },
        { verification_key: "aws-s3-bucket-missing-access-logging" },
        { verification_key: "aws-s3-bucket-configure-access-log-target" },
        { verification_key: "aws-kms-key-enforce-audit-protection" },
        { verification_key: "aws-cloudwatch-log-group-configure-retention" },
      ],
    });
  });
});

describe("npm run evidence:verify", () => {
  let copy: string;
  beforeEach(() => {
    copy = mkdtempSync(path.join(tmpdir(), "soc2-evidence-copy-"));
    cpSync(out, copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  test("passes on a fresh bundle", async () => {
    expect(await cli("verify", copy)).toEqual({
      code: 0,
      stdout: "evidence:verify: verified 19 files\n",
      stderr: "",
    });
  });

  test("fails on a one-byte change, naming the file", async () => {
    const file = path.join(copy, "control-matrix.csv");
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] ^= 1;
    writeFileSync(file, bytes);
    expect(await cli("verify", copy)).toEqual({
      code: 1,
      stdout: "",
      stderr: `evidence:verify: ${copy} does not match its SHA256SUMS:\n  changed: control-matrix.csv\n`,
    });
  });

  test("fails on a deleted and an added file, naming each", async () => {
    unlinkSync(path.join(copy, "opencontrol/components/TamperAlarms/component.yaml"));
    writeFileSync(path.join(copy, "opencontrol/notes.txt"), "looks fine to me\n");
    expect(await cli("verify", copy)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `evidence:verify: ${copy} does not match its SHA256SUMS:\n` +
        "  missing: opencontrol/components/TamperAlarms/component.yaml\n" +
        "  added: opencontrol/notes.txt\n",
    });
  });

  test("a folder without SHA256SUMS is not a bundle (exit 2)", async () => {
    unlinkSync(path.join(copy, "SHA256SUMS"));
    expect(await cli("verify", copy)).toEqual({
      code: 2,
      stdout: "",
      stderr: `evidence:verify: ${copy} has no readable SHA256SUMS: it is not an evidence bundle\n`,
    });
  });
});

describe("bad input stops with exit 2 and one message, before any gate runs", () => {
  test("a --since that is not a date", async () => {
    expect(await cli("--out", path.join(work, "x"), "--since", "2026-02-30")).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "error: option '--since <date>' argument '2026-02-30' is invalid. expected a date YYYY-MM-DD\n",
    });
  });

  test("an --out that is not empty", async () => {
    expect(await cli("--out", out)).toEqual({
      code: 2,
      stdout: "",
      stderr: `evidence: --out ${out} is not empty: a bundle needs a folder of its own\n`,
    });
  });

  test("an --out that cannot be written", async () => {
    const under = path.join(out, "index.html", "bundle");
    expect(await cli("--out", under)).toEqual({
      code: 2,
      stdout: "",
      stderr: `evidence: --out ${under} cannot be written (ENOTDIR)\n`,
    });
  });

  test("a --ledger folder that does not exist", async () => {
    const nowhere = path.join(work, "no-ledger");
    expect(await cli("--out", path.join(work, "y"), "--ledger", nowhere)).toEqual({
      code: 2,
      stdout: "",
      stderr: `evidence: ledger folder ${nowhere} does not exist\n`,
    });
  });

  test("no --out", async () => {
    expect(await cli("--stack", "example")).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: required option '--out <dir>' not specified\n",
    });
  });
});
