/**
 * A seeded violation and approved exceptions in the control matrix: the baseline with a wildcard
 * deploy-role subject (test/pipelines/gate/fixtures/weakened), judged with a policy config that
 * excepts two of the three policies it breaks — one resource policy, one stack policy — so one
 * fails and two show the exception's reason, approver and expiry. One gate run for the file.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { bundleFiles } from "../../../pipelines/evidence/bundle";
import { collect, type Evidence } from "../../../pipelines/evidence/collect";
import type { MatrixRow } from "../../../pipelines/evidence/model";
import { ROOT } from "../../support/baseline";

jest.setTimeout(120_000);

const FIXTURE = path.join(__dirname, "..", "gate", "fixtures", "weakened");
const PACK = path.join(ROOT, "policy-pack");
const ROLE_URN =
  "urn:pulumi:weak::soc2-baseline::soc2:aws:DeploymentIdentity$aws:iam/role:Role::deployment-deploy-role";
const EXCEPTION = {
  urn: "*::deployment-deploy-role",
  reason: "The org-wide subject is needed until the monorepo split lands",
  approver: "jane.doe@example.com",
  expires: "2099-12-31",
  ticket: "RISK-142",
};
const WILDCARD_TRUST =
  "role trust statement 0 checks token.actions.githubusercontent.com:sub with StringLike; only StringEquals is allowed";
const WRITES =
  'Role deployment-deploy-role is trusted for "repo:example-org/*" but can write: RolePolicy deployment-deploy-baseline allows s3:CreateBucket, s3:PutBucketLogging, s3:PutBucketObjectLockConfiguration and 71 more';

let work: string;
let evidence: Evidence;
const rowsOf = (policy: string, urn: string) =>
  evidence.model.rows.filter((r) => r.policy === policy && r.urn === urn);

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "soc2-evidence-weakened-"));
  for (const f of ["Pulumi.yaml", "index.ts"]) {
    symlinkSync(path.join(FIXTURE, f), path.join(work, f));
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
  const example = readFileSync(path.join(ROOT, "Pulumi.example.yaml"), "utf8");
  writeFileSync(
    path.join(work, "Pulumi.weak.yaml"),
    `${example}  test:weakness: wildcard-deploy-subject\n`,
  );
  writeFileSync(
    path.join(work, "policy-config.json"),
    JSON.stringify({
      "aws-iam-role-enforce-oidc-trust-conditions": { exceptions: [EXCEPTION] },
      "aws-iam-role-enforce-read-only-untrusted-refs": { exceptions: [EXCEPTION] },
    }),
  );
  evidence = await collect({
    projectDir: work,
    stack: "weak",
    packDir: PACK,
    policyConfigFile: path.join(work, "policy-config.json"),
    repoDir: ROOT,
    since: "2026-01-01",
    env: {},
    now: new Date("2026-11-26T12:00:00.000Z"),
  });
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the rows by result: the violation fails, each excepted policy and its report show the exception", () => {
  const counts: Record<string, number> = {};
  for (const r of evidence.model.rows) counts[r.result] = (counts[r.result] ?? 0) + 1;
  expect(counts).toEqual({ pass: 208, fail: 2, exception: 5 });
  expect(evidence.model.gate).toEqual({
    verdict: "blocked",
    mandatory: 1,
    advisory: 2,
    resources: 95,
  });
});

test("the seeded violation is a failing row with its exact message, under each of its criteria", () => {
  expect(rowsOf("aws-iam-role-disallow-unmanaged-oidc-subjects", ROLE_URN)).toEqual(
    ["CC6.2", "CC6.3"].map((criterion): MatrixRow => ({
      criterion,
      policy: "aws-iam-role-disallow-unmanaged-oidc-subjects",
      urn: ROLE_URN,
      resourceType: "aws:iam/role:Role",
      resourceName: "deployment-deploy-role",
      result: "fail",
      enforcementLevel: "mandatory",
      severity: "high",
      message:
        'Role deployment-deploy-role trusts "repo:example-org/*", which names no repository this stack manages',
    })),
  );
});

test("an exception to a resource policy shows its reason, approver and expiry", () => {
  const message =
    "exception to aws-iam-role-enforce-oidc-trust-conditions applied (approved by jane.doe@example.com, " +
    "expires 2099-12-31, RISK-142): The org-wide subject is needed until the monorepo split lands — " +
    `suppressed violation: ${WILDCARD_TRUST}`;
  const exception = {
    reason: "The org-wide subject is needed until the monorepo split lands",
    approvedBy: "jane.doe@example.com",
    expires: "2099-12-31",
  };
  expect(rowsOf("aws-iam-role-enforce-oidc-trust-conditions", ROLE_URN)).toEqual(
    ["CC6.2", "CC6.3"].map((criterion) => ({
      criterion,
      policy: "aws-iam-role-enforce-oidc-trust-conditions",
      urn: ROLE_URN,
      resourceType: "aws:iam/role:Role",
      resourceName: "deployment-deploy-role",
      result: "exception",
      enforcementLevel: "mandatory",
      severity: "critical",
      message,
      exception,
    })),
  );
  expect(rowsOf("soc2-exception-report-resource-uses", ROLE_URN)).toEqual([
    expect.objectContaining({ criterion: "CC3.4", result: "exception", message, exception }),
  ]);
});

test("an exception to a stack policy shows on the resource it excepts, and in its report", () => {
  const message =
    "exception to aws-iam-role-enforce-read-only-untrusted-refs applied (approved by " +
    "jane.doe@example.com, expires 2099-12-31, RISK-142): The org-wide subject is needed until the " +
    `monorepo split lands — suppressed violation: ${WRITES}`;
  expect(
    evidence.model.rows
      .filter((r) => r.policy === "aws-iam-role-enforce-read-only-untrusted-refs")
      .map((r) => [r.criterion, r.urn, r.result, r.message, r.exception?.approvedBy]),
  ).toEqual([
    ["CC6.3", "", "pass", "", undefined],
    ["CC6.3", ROLE_URN, "exception", message, "jane.doe@example.com"],
  ]);
  expect(
    rowsOf("soc2-exception-report-stack-uses", ROLE_URN).map((r) => [r.result, r.message]),
  ).toEqual([["exception", message]]);
});

test("criteria: the violated ones are not met, the exceptions' own criterion is met with exceptions", () => {
  const status = Object.fromEntries(evidence.model.criteria.map((c) => [c.id, c.status]));
  expect(status).toMatchObject({
    "CC3.4": "met-with-exceptions",
    "CC6.2": "not-met",
    "CC6.3": "not-met",
    "CC7.2": "met",
  });
});

test("the CSV carries the exception's reason, approver and expiry in their own columns", () => {
  const csv = bundleFiles(evidence, PACK).get("control-matrix.csv") ?? "";
  expect(csv.split("\r\n")).toContain(
    "CC6.2,Access is registered and authorized before it is granted,aws-iam-role-enforce-oidc-trust-conditions,aws:iam/role:Role,deployment-deploy-role," +
      `${ROLE_URN},exception,mandatory,critical,"exception to aws-iam-role-enforce-oidc-trust-conditions applied (approved by jane.doe@example.com, expires 2099-12-31, RISK-142): The org-wide subject is needed until the monorepo split lands — suppressed violation: ${WILDCARD_TRUST}",` +
      "The org-wide subject is needed until the monorepo split lands,jane.doe@example.com,2099-12-31",
  );
});
