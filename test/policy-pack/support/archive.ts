/**
 * The S3 side of the baseline's audit-log archive as a first preview registers it: names, flags and
 * policy documents known, every id, ARN and output-derived name unknown, relationships carried by
 * property dependencies. Tests change one thing of it at a time.
 */
import {
  accessLogBucketPolicy,
  auditLogNames,
  logBucketPolicy,
} from "../../../infra/aws/auditLogDocuments";
import { type Fixture, UNKNOWN } from "./analyze";

export const NAMES = auditLogNames("example", "111122223333", "eu-west-1");
export const KEY_ARN =
  "arn:aws:kms:eu-west-1:111122223333:key/6f1c2b1e-0d4e-4b8e-9a57-3a1f0c9d2e11";

export const T = {
  bucket: "aws:s3/bucket:Bucket",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  encryption:
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  logging: "aws:s3/bucketLogging:BucketLogging",
  key: "aws:kms/key:Key",
  trail: "aws:cloudtrail/trail:Trail",
} as const;

/** A bucket configuration of `of`, its `bucket` the unknown id of that bucket. */
export function config(
  type: string,
  name: string,
  of: string,
  props: Record<string, unknown>,
  deps: Record<string, string[]> = {},
): Fixture {
  return { type, name, props: { bucket: UNKNOWN, ...props }, deps: { bucket: [of], ...deps } };
}

/** A private, versioned, encrypted bucket with a policy and a lifecycle, as SecureBucket builds it. */
export function secureBucket(
  name: string,
  bucket: Record<string, unknown>,
  extra: { encryption: unknown; policy: object; rules: unknown[]; keyDep?: string },
): Fixture[] {
  return [
    { type: T.bucket, name, props: { forceDestroy: false, ...bucket }, protect: true },
    config(T.publicAccessBlock, `${name}-public-access-block`, name, {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    config(T.ownership, `${name}-ownership`, name, {
      rule: { objectOwnership: "BucketOwnerEnforced" },
    }),
    config(T.versioning, `${name}-versioning`, name, {
      versioningConfiguration: { status: "Enabled" },
    }),
    config(
      T.encryption,
      `${name}-encryption`,
      name,
      { rules: [extra.encryption] },
      extra.keyDep ? { rules: [extra.keyDep] } : {},
    ),
    config(T.policy, `${name}-policy`, name, { policy: JSON.stringify(extra.policy) }),
    config(T.lifecycle, `${name}-lifecycle`, name, { rules: extra.rules }),
  ];
}

export const ARCHIVE_LIFECYCLE_RULE = {
  id: "archive-audit-logs",
  status: "Enabled",
  filter: {},
  transitions: [{ days: 90, storageClass: "GLACIER" }],
  noncurrentVersionTransitions: [{ noncurrentDays: 90, storageClass: "GLACIER" }],
  abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};
export const ACCESS_LOG_LIFECYCLE_RULE = {
  id: "retain-access-logs",
  status: "Enabled",
  filter: {},
  transitions: [{ days: 90, storageClass: "GLACIER" }],
  expiration: { days: 3653 },
  noncurrentVersionExpiration: { noncurrentDays: 3653 },
  abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};

/** The archive's key, both buckets with their configurations, the logging and the trail. */
export function archive(): Fixture[] {
  return [
    { type: T.key, name: "audit-key", props: { enableKeyRotation: true }, protect: true },
    ...secureBucket(
      "audit-access-logs",
      {
        bucket: NAMES.accessLogBucket,
        objectLockEnabled: false,
        tags: { "soc2:audit-role": "access-logs" },
      },
      {
        encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        policy: accessLogBucketPolicy(NAMES),
        rules: [ACCESS_LOG_LIFECYCLE_RULE],
      },
    ),
    ...secureBucket(
      "audit-logs",
      {
        bucket: NAMES.logBucket,
        objectLockEnabled: true,
        tags: { "soc2:audit-role": "audit-logs" },
      },
      {
        encryption: {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN },
          bucketKeyEnabled: true,
        },
        keyDep: "audit-key",
        policy: logBucketPolicy(NAMES),
        rules: [ARCHIVE_LIFECYCLE_RULE],
      },
    ),
    config(T.objectLock, "audit-logs-object-lock", "audit-logs", {
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 400 } },
    }),
    config(
      T.logging,
      "audit-logs-access-logging",
      "audit-logs",
      {
        targetBucket: UNKNOWN,
        targetPrefix: "audit-logs/",
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      },
      { targetBucket: ["audit-access-logs"] },
    ),
    {
      type: T.trail,
      name: "audit-trail",
      props: {
        name: NAMES.trailName,
        s3BucketName: UNKNOWN,
        isMultiRegionTrail: true,
        kmsKeyId: UNKNOWN,
      },
      deps: { s3BucketName: ["audit-logs"], kmsKeyId: ["audit-key"] },
      protect: true,
    },
  ];
}

/** `fixtures` with each of `changes` in place of the fixture of the same name, or added at the end. */
export function changed(fixtures: Fixture[], ...changes: Fixture[]): Fixture[] {
  const byName = new Map(changes.map((c) => [c.name, c]));
  const names = new Set(fixtures.map((f) => f.name));
  return [
    ...fixtures.map((f) => byName.get(f.name) ?? f),
    ...changes.filter((c) => !names.has(c.name)),
  ];
}

/** `fixtures` without those named. */
export function without(fixtures: Fixture[], ...names: string[]): Fixture[] {
  return fixtures.filter((f) => !names.includes(f.name));
}

/** The fixture named `name` of `fixtures`, with `props` merged into its own. */
export function withProps(
  fixtures: Fixture[],
  name: string,
  props: Record<string, unknown>,
): Fixture {
  const fixture = fixtures.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return { ...fixture, props: { ...fixture.props, ...props } };
}

/** The SDK's advisory for a stack policy that read a value unknown during preview. */
export function unknownAdvisory(policy: string, path: string): [string, string, string, string] {
  return [
    policy,
    "advisory",
    "",
    `can't run policy '${policy}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
  ];
}
