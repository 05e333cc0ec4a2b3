/**
 * Seeded weaknesses: the real baseline program with one careless change each (see
 * fixtures/weakened/index.ts), judged by the gate with one real pack kept running. Each must be
 * blocked by exactly the policies named here. The relationship weaknesses are judged in the first
 * view alone, where every bucket id is unknown: only property-dependency URNs can catch them.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runGate } from "../../../pipelines/gate/gate";
import type { View } from "../../../pipelines/gate/mocks";
import { RunningPack } from "../../../pipelines/gate/policyPack";
import { ROOT } from "../../support/baseline";

jest.setTimeout(120_000);

const FIXTURE = path.join(__dirname, "fixtures", "weakened");
const PACK = path.join(ROOT, "policy-pack");

let pack: RunningPack;
let work: string;
beforeAll(async () => {
  pack = await RunningPack.launch(PACK);
  work = mkdtempSync(path.join(tmpdir(), "soc2-weakened-"));
  for (const f of ["Pulumi.yaml", "index.ts"])
    symlinkSync(path.join(FIXTURE, f), path.join(work, f));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
});
afterAll(async () => {
  await pack?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Mandatory findings as `policy — resource name: message`, over the views, for one weakness. */
async function blocked(weakness: string, views: View[]): Promise<string[]> {
  const example = readFileSync(path.join(ROOT, "Pulumi.example.yaml"), "utf8");
  writeFileSync(
    path.join(work, `Pulumi.${weakness}.yaml`),
    `${example}  test:weakness: ${weakness}\n`,
  );
  const result = await runGate({ projectDir: work, stack: weakness, views, packDir: PACK, pack });
  const found = new Set<string>();
  for (const d of result.views.flatMap((v) => v.diagnostics)) {
    if (d.enforcementLevel === "mandatory") {
      found.add(`${d.policyName} — ${d.urn.split("::").pop() ?? ""}: ${d.detail}`);
    }
  }
  return [...found].sort();
}

test.each<[string, View[], string[]]>([
  [
    "unprotected-log-bucket",
    ["first", "update"],
    [
      "aws-cloudtrail-trail-missing-audit-trail — : no trail records the account as the audit trail must: Trail audit-trail writes to Bucket audit-logs, which is not protected",
      "aws-s3-bucket-enforce-audit-protection — audit-logs: Bucket audit-logs holds audit logs but is not protected (protect: true)",
    ],
  ],
  [
    "unprotected-key",
    ["first", "update"],
    [
      "aws-kms-key-enforce-audit-protection — audit-key: Key audit-key encrypts the audit record (Trail audit-trail, LogGroup audit-trail-log-group, Bucket audit-logs) but is not protected",
    ],
  ],
  [
    "suspended-versioning",
    ["first", "update"],
    [
      'aws-s3-bucket-enable-versioning — audit-logs-versioning: versioning is "Suspended", not "Enabled"',
    ],
  ],
  [
    "governance-lock",
    ["first", "update"],
    [
      'aws-s3-bucket-enforce-object-lock — audit-logs: Bucket audit-logs holds audit logs but has Object Lock mode "GOVERNANCE", not COMPLIANCE',
    ],
  ],
  [
    "early-expiry",
    ["first", "update"],
    [
      'aws-s3-bucket-disallow-early-expiry — audit-logs: Bucket audit-logs expires objects after 30 days (lifecycle rule "tidy"), before their 400-day retention ends',
    ],
  ],
  [
    "no-log-file-validation",
    ["first", "update"],
    [
      "aws-cloudtrail-trail-configure-logging — audit-trail: trail has no log-file validation",
      "aws-cloudtrail-trail-missing-audit-trail — : no trail records the account as the audit trail must: Trail audit-trail has no log-file validation",
    ],
  ],
  [
    "aws-managed-key",
    ["first", "update"],
    [
      'aws-s3-bucket-enforce-encryption — audit-logs: Bucket audit-logs holds audit logs but its KMS key "alias/aws/s3" is not customer-managed',
    ],
  ],
  [
    "policy-without-tls",
    ["first", "update"],
    [
      "aws-s3-bucket-enforce-tls — audit-logs: Bucket audit-logs has a bucket policy that does not deny requests without TLS",
    ],
  ],
  [
    "break-glass-user",
    ["first", "update"],
    [
      "aws-iam-user-disallow-users — break-glass-console: a console password of an IAM user is not allowed: people sign in through SSO, workloads assume IAM roles",
      "aws-iam-user-disallow-users — break-glass: an IAM user is not allowed: people sign in through SSO, workloads assume IAM roles",
    ],
  ],
  [
    "push-protection-off",
    ["first", "update"],
    [
      'github-repository-enforce-security-alerts — payments-api-repository: repository has securityAndAnalysis.secretScanningPushProtection.status "disabled", not "enabled"',
    ],
  ],
  [
    "vulnerability-alerts-off",
    ["first", "update"],
    [
      "github-repository-enforce-security-alerts — payments-api-repository: repository has no vulnerability alerts: vulnerabilityAlerts is unset and no RepositoryVulnerabilityAlerts of it is enabled",
      "github-repository-enforce-security-alerts — payments-api-vulnerability-alerts: RepositoryVulnerabilityAlerts payments-api-vulnerability-alerts has enabled false, not true",
    ],
  ],
  [
    "wildcard-deploy-subject",
    ["first", "update"],
    [
      'aws-iam-role-disallow-unmanaged-oidc-subjects — deployment-deploy-role: Role deployment-deploy-role trusts "repo:example-org/*", which names no repository this stack manages',
      "aws-iam-role-enforce-oidc-trust-conditions — deployment-deploy-role: role trust statement 0 checks token.actions.githubusercontent.com:sub with StringLike; only StringEquals is allowed",
      'aws-iam-role-enforce-read-only-untrusted-refs — deployment-deploy-role: Role deployment-deploy-role is trusted for "repo:example-org/*" but can write: RolePolicy deployment-deploy-baseline allows s3:CreateBucket, s3:PutBucketLogging, s3:PutBucketObjectLockConfiguration and 71 more',
    ],
  ],
  [
    "deploy-role-without-boundary",
    ["first", "update"],
    [
      "aws-iam-role-missing-permissions-boundary — deployment-deploy-role: Role deployment-deploy-role has no permissions boundary but can write: RolePolicy deployment-deploy-baseline allows s3:CreateBucket, s3:PutBucketLogging, s3:PutBucketObjectLockConfiguration and 71 more",
    ],
  ],
  [
    "tamper-alarm-for-one-event",
    ["first", "update"],
    [
      "aws-cloudwatch-event-rule-missing-tamper-alarm — : no EventBridge rule on CloudTrail API calls watches DeleteTrail, UpdateTrail, PutEventSelectors, DeleteBucket, DeleteBucketPolicy, DisableKey, ScheduleKeyDeletion, PutKeyPolicy, DisableKeyRotation, DeleteLogGroup",
    ],
  ],
  [
    "public-access-block-on-other-bucket",
    ["first"],
    [
      "aws-s3-bucket-missing-public-access-block — audit-logs: Bucket audit-logs has no public-access block",
    ],
  ],
  [
    "versioning-on-other-bucket",
    ["first"],
    [
      "aws-s3-bucket-missing-versioning — audit-logs: Bucket audit-logs has no versioning configuration",
    ],
  ],
  [
    "access-logs-to-itself",
    ["first"],
    [
      "aws-s3-bucket-configure-access-log-target — audit-logs: Bucket audit-logs receives server access logs but has an Object Lock default retention, so AWS does not deliver them",
      'aws-s3-bucket-enforce-encryption — audit-logs: Bucket audit-logs receives S3 server access logs but is encrypted with "aws:kms": AWS delivers them only to buckets encrypted with SSE-S3 ("AES256")',
      "aws-s3-bucket-missing-access-logging — audit-logs: Bucket audit-logs sends its server access logs to itself",
    ],
  ],
])("%s is blocked", async (weakness, views, expected) => {
  expect(await blocked(weakness, views)).toEqual(expected);
});

test("the example stack itself is not blocked by the same gate and pack", async () => {
  const result = await runGate({
    projectDir: ROOT,
    stack: "example",
    views: ["first"],
    packDir: PACK,
    pack,
  });
  expect(result.mandatory).toBe(0);
});
