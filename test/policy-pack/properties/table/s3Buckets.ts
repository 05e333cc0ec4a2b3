/**
 * Control drops of the policies every S3 bucket answers to, on the audit archive: its own
 * public-access block with all four settings on, versioning, BucketOwnerEnforced ownership and a
 * bucket policy that denies requests without TLS.
 */
import { missingPublicAccessBlock } from "../../../../policy-pack/policies/aws/s3/bucket/missingPublicAccessBlock";
import { missingVersioning } from "../../../../policy-pack/policies/aws/s3/bucket/missingVersioning";
import { enableVersioning } from "../../../../policy-pack/policies/aws/s3/bucket/enableVersioning";
import { enforceBucketOwnerEnforced } from "../../../../policy-pack/policies/aws/s3/bucket/enforceBucketOwnerEnforced";
import { enforceTls } from "../../../../policy-pack/policies/aws/s3/bucket/enforceTls";
import { enableAllBlocks } from "../../../../policy-pack/policies/aws/s3/bucketPublicAccessBlock/enableAllBlocks";
import { REMOVE } from "../edit";
import { archiveStack as base, everywhereBut, only } from "./bases";
import { cutDep, drop, type Entry, remove, set } from "./entry";

/** The buckets and their versioning, each judged alone. */
const versionings = only(
  base,
  "audit-logs",
  "audit-logs-versioning",
  "audit-access-logs",
  "audit-access-logs-versioning",
);
/** The public-access blocks and a bucket, each judged alone. */
const blocks = only(
  base,
  "audit-logs",
  "audit-logs-public-access-block",
  "audit-access-logs-public-access-block",
);

/** What of a bucket policy enforce-tls never reads: all but the deny of insecure transport (0). */
const otherStatements = (...indexes: number[]) => [
  "bucket",
  "policy.{json}.Version",
  ...indexes.flatMap((i) =>
    ["Sid", "Principal", "Action", "Resource", "Condition"].map(
      (key) => `policy.{json}.Statement.${i}.${key}`,
    ),
  ),
];

export const s3Buckets: Entry[] = [
  {
    policy: missingPublicAccessBlock,
    base,
    drops: [
      drop(
        "the audit-log bucket's public-access block",
        /^Bucket audit-logs has no public-access block$/,
        remove("audit-logs-public-access-block"),
      ),
      drop(
        "the dependency of the access-log bucket's block on it",
        /^Bucket audit-access-logs has no public-access block$/,
        cutDep("audit-access-logs-public-access-block", "bucket"),
      ),
    ],
    irrelevant: everywhereBut(base, {}),
  },
  {
    policy: enableAllBlocks,
    base: blocks,
    drops: [
      drop(
        "blockPublicAcls",
        /^public-access block leaves blockPublicAcls off$/,
        set("audit-logs-public-access-block", "blockPublicAcls", false),
      ),
      drop(
        "restrictPublicBuckets",
        /^public-access block leaves restrictPublicBuckets off$/,
        set("audit-access-logs-public-access-block", "restrictPublicBuckets", REMOVE),
      ),
    ],
    irrelevant: everywhereBut(blocks, {
      "audit-logs-public-access-block": ["bucket"],
      "audit-access-logs-public-access-block": ["bucket"],
    }),
  },
  {
    policy: missingVersioning,
    base,
    drops: [
      drop(
        "the access-log bucket's versioning",
        /^Bucket audit-access-logs has no versioning configuration$/,
        remove("audit-access-logs-versioning"),
      ),
      drop(
        "the dependency of the audit-log bucket's versioning on it",
        /^Bucket audit-logs has no versioning configuration$/,
        cutDep("audit-logs-versioning", "bucket"),
      ),
    ],
    irrelevant: everywhereBut(base, {}),
  },
  {
    policy: enableVersioning,
    base: versionings,
    drops: [
      drop(
        "an enabled status",
        /^versioning is "Suspended", not "Enabled"$/,
        set("audit-logs-versioning", "versioningConfiguration.status", "Suspended"),
      ),
      drop(
        "the versioning configuration",
        /^versioning is unset, not "Enabled"$/,
        set("audit-access-logs-versioning", "versioningConfiguration", REMOVE),
      ),
      drop(
        "an enabled inline versioning",
        /^deprecated inline versioning is not enabled$/,
        set("audit-logs", "versioning", { enabled: false }),
      ),
    ],
    irrelevant: everywhereBut(versionings, {
      "audit-logs-versioning": ["bucket"],
      "audit-access-logs-versioning": ["bucket"],
    }),
  },
  {
    policy: enforceBucketOwnerEnforced,
    base,
    drops: [
      drop(
        "the audit-log bucket's ownership controls",
        /^Bucket audit-logs has no ownership controls$/,
        remove("audit-logs-ownership"),
      ),
      drop(
        "BucketOwnerEnforced",
        /^Bucket audit-access-logs has object ownership "ObjectWriter", not "BucketOwnerEnforced"$/,
        set("audit-access-logs-ownership", "rule.objectOwnership", "ObjectWriter"),
      ),
    ],
    irrelevant: everywhereBut(base, {
      "audit-logs-ownership": ["bucket"],
      "audit-access-logs-ownership": ["bucket"],
    }),
  },
  {
    policy: enforceTls,
    base,
    drops: [
      drop(
        "the audit-log bucket's policy",
        /^Bucket audit-logs has no bucket policy$/,
        remove("audit-logs-policy"),
      ),
      drop(
        "the deny of insecure transport",
        /^Bucket audit-access-logs has a bucket policy that does not deny requests without TLS$/,
        set(
          "audit-access-logs-policy",
          "policy.{json}.Statement.0.Condition.Bool.aws:SecureTransport",
          "true",
        ),
      ),
      drop(
        "a readable policy document",
        /^Bucket audit-logs has a bucket policy that is not a readable IAM policy document$/,
        set("audit-logs-policy", "policy", '{"Statement": "deny insecure transport"}'),
      ),
    ],
    irrelevant: everywhereBut(base, {
      "audit-logs": ["forceDestroy", "objectLockEnabled", "tags"],
      "audit-access-logs": ["forceDestroy", "objectLockEnabled", "tags"],
      "audit-logs-policy": otherStatements(1, 2),
      "audit-access-logs-policy": otherStatements(1),
    }),
  },
];
