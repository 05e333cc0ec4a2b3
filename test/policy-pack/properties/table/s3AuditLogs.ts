/**
 * Control drops of the S3 policies on the audit archive's own buckets: default encryption (a
 * customer-managed key for audit logs, SSE-S3 where access logs land), Object Lock, access logging,
 * protection from deletion, and the retention of audit and access logs.
 */
import { configureAccessLogTarget } from "../../../../policy-pack/policies/aws/s3/bucket/configureAccessLogTarget";
import { disallowEarlyExpiry } from "../../../../policy-pack/policies/aws/s3/bucket/disallowEarlyExpiry";
import { enforceAuditProtection } from "../../../../policy-pack/policies/aws/s3/bucket/enforceAuditProtection";
import { enforceEncryption } from "../../../../policy-pack/policies/aws/s3/bucket/enforceEncryption";
import { enforceObjectLock } from "../../../../policy-pack/policies/aws/s3/bucket/enforceObjectLock";
import { missingAccessLogging } from "../../../../policy-pack/policies/aws/s3/bucket/missingAccessLogging";
import { config, T } from "../../support/archive";
import { changeFixture, REMOVE } from "../edit";
import { archiveStack as base, everywhereBut } from "./bases";
import { add, all, changing, cutDep, drop, type Entry, remove, set, unprotect } from "./entry";

const BUCKET_SETTINGS = ["bucket", "forceDestroy", "objectLockEnabled"];
/** The buckets' settings none of these policies reads; their tags say their part in the archive. */
const ARCHIVE_BUCKETS = { "audit-logs": BUCKET_SETTINGS, "audit-access-logs": BUCKET_SETTINGS };
const S3_ENCRYPTION = "rules.0.applyServerSideEncryptionByDefault";

export const s3AuditLogs: Entry[] = [
  {
    policy: enforceEncryption,
    base,
    drops: [
      drop(
        "the audit-log bucket's default encryption",
        /^Bucket audit-logs has no default encryption configuration$/,
        remove("audit-logs-encryption"),
      ),
      drop(
        "SSE-KMS of the audit logs",
        /^Bucket audit-logs is encrypted with "AES256", not SSE-KMS \("aws:kms" or "aws:kms:dsse"\)$/,
        set("audit-logs-encryption", `${S3_ENCRYPTION}.sseAlgorithm`, "AES256"),
      ),
      drop(
        "the KMS key of the audit logs",
        /^Bucket audit-logs uses SSE-KMS without a kmsMasterKeyId, so S3 falls back to the AWS-managed key$/,
        set("audit-logs-encryption", `${S3_ENCRYPTION}.kmsMasterKeyId`, REMOVE),
      ),
      drop(
        "the customer-managed key of the audit logs",
        /^Bucket audit-logs holds audit logs but its KMS key "alias\/aws\/s3" is not customer-managed$/,
        all(
          set("audit-logs-encryption", `${S3_ENCRYPTION}.kmsMasterKeyId`, "alias/aws/s3"),
          cutDep("audit-logs-encryption", "rules"),
        ),
      ),
      drop(
        "SSE-S3 of the access logs",
        /^Bucket audit-access-logs receives S3 server access logs but is encrypted with "aws:kms": AWS delivers them only to buckets encrypted with SSE-S3 \("AES256"\)$/,
        set("audit-access-logs-encryption", `${S3_ENCRYPTION}.sseAlgorithm`, "aws:kms"),
      ),
      drop(
        "the encryption rules",
        /^Bucket audit-access-logs has a default encryption configuration without rules$/,
        set("audit-access-logs-encryption", "rules", []),
      ),
    ],
    irrelevant: everywhereBut(base, {
      ...ARCHIVE_BUCKETS,
      "audit-logs-encryption": ["bucket", "rules.0.bucketKeyEnabled"],
      "audit-access-logs-encryption": ["bucket"],
    }),
  },
  {
    policy: enforceObjectLock,
    base,
    drops: [
      drop(
        "Object Lock on the audit-log bucket",
        /^Bucket audit-logs holds audit logs but does not have Object Lock enabled$/,
        set("audit-logs", "objectLockEnabled", false),
      ),
      drop(
        "the Object Lock configuration",
        /^Bucket audit-logs holds audit logs but has no Object Lock default retention$/,
        remove("audit-logs-object-lock"),
      ),
      drop(
        "COMPLIANCE mode",
        /^Bucket audit-logs holds audit logs but has Object Lock mode "GOVERNANCE", not COMPLIANCE$/,
        set("audit-logs-object-lock", "rule.defaultRetention.mode", "GOVERNANCE"),
      ),
      drop(
        "the retention's length",
        /^Bucket audit-logs holds audit logs but keeps objects locked 30 days, less than 365 days$/,
        set("audit-logs-object-lock", "rule.defaultRetention.days", 30),
      ),
    ],
    irrelevant: everywhereBut(base, {
      "audit-logs": ["bucket", "forceDestroy"],
      "audit-access-logs": BUCKET_SETTINGS,
      "audit-logs-object-lock": ["bucket", "objectLockEnabled"],
    }),
  },
  {
    policy: missingAccessLogging,
    base,
    drops: [
      drop(
        "the audit-log bucket's access logging",
        /^Bucket audit-logs holds audit logs but has no server access logging$/,
        remove("audit-logs-access-logging"),
      ),
      drop(
        "a separate target bucket",
        /^Bucket audit-logs sends its server access logs to itself$/,
        changing((f) =>
          changeFixture(f, "audit-logs-access-logging", (x) => ({
            ...x,
            deps: { ...x.deps, targetBucket: ["audit-logs"] },
          })),
        ),
      ),
    ],
    irrelevant: everywhereBut(base, {
      "audit-logs": ["forceDestroy", "objectLockEnabled"],
      "audit-access-logs": BUCKET_SETTINGS,
      "audit-logs-access-logging": ["bucket", "targetPrefix", "targetObjectKeyFormat"],
    }),
  },
  {
    policy: enforceAuditProtection,
    base,
    drops: [
      drop(
        "the audit-log bucket's protection",
        /^Bucket audit-logs holds audit logs but is not protected \(protect: true\)$/,
        unprotect("audit-logs"),
      ),
      drop(
        "the access-log bucket's protection",
        /^Bucket audit-access-logs holds server access logs but is not protected \(protect: true\)$/,
        unprotect("audit-access-logs"),
      ),
    ],
    irrelevant: everywhereBut(base, ARCHIVE_BUCKETS),
  },
  {
    policy: configureAccessLogTarget,
    base,
    drops: [
      drop(
        "delivery to the access-log bucket",
        /^Bucket audit-access-logs receives server access logs but has an Object Lock default retention, so AWS does not deliver them$/,
        add(
          config(T.objectLock, "audit-access-logs-object-lock", "audit-access-logs", {
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "GOVERNANCE", days: 1 } },
          }),
        ),
      ),
      drop(
        "the access logs' retention",
        /^Bucket audit-access-logs expires objects after 30 days \(lifecycle rule "retain-access-logs"\), before their 365-day retention ends$/,
        set("audit-access-logs-lifecycle", "rules.0.expiration.days", 30),
      ),
      drop(
        "the retention of noncurrent access logs",
        /^Bucket audit-access-logs expires noncurrent versions after 90 days \(lifecycle rule "retain-access-logs"\), before their 365-day retention ends$/,
        set(
          "audit-access-logs-lifecycle",
          "rules.0.noncurrentVersionExpiration.noncurrentDays",
          90,
        ),
      ),
    ],
    irrelevant: everywhereBut(base, {
      "audit-logs": BUCKET_SETTINGS,
      "audit-access-logs": BUCKET_SETTINGS,
      "audit-access-logs-lifecycle": [
        "bucket",
        "rules.0.filter",
        "rules.0.transitions",
        "rules.0.abortIncompleteMultipartUpload",
      ],
      "audit-logs-access-logging": [
        "bucket",
        "targetBucket",
        "targetPrefix",
        "targetObjectKeyFormat",
      ],
    }),
  },
  {
    policy: disallowEarlyExpiry,
    base,
    drops: [
      drop(
        "the audit logs' retention",
        /^Bucket audit-logs expires objects after 30 days \(lifecycle rule "archive-audit-logs"\), before their 400-day retention ends$/,
        set("audit-logs-lifecycle", "rules.0.expiration", { days: 30 }),
      ),
      drop(
        "the retention of noncurrent audit logs",
        /^Bucket audit-logs expires noncurrent versions after 100 days \(lifecycle rule "archive-audit-logs"\), before their 400-day retention ends$/,
        set("audit-logs-lifecycle", "rules.0.noncurrentVersionExpiration", { noncurrentDays: 100 }),
      ),
      drop(
        "retention by days",
        /^Bucket audit-logs expires objects on "2030-01-01" \(lifecycle rule "archive-audit-logs"\), before their 400-day retention ends$/,
        set("audit-logs-lifecycle", "rules.0.expiration", { date: "2030-01-01" }),
      ),
    ],
    irrelevant: everywhereBut(base, {
      "audit-logs": BUCKET_SETTINGS,
      "audit-access-logs": BUCKET_SETTINGS,
      "audit-logs-lifecycle": [
        "bucket",
        "rules.0.filter",
        "rules.0.transitions",
        "rules.0.noncurrentVersionTransitions",
        "rules.0.abortIncompleteMultipartUpload",
      ],
      "audit-logs-object-lock": ["bucket", "objectLockEnabled"],
    }),
  },
];
