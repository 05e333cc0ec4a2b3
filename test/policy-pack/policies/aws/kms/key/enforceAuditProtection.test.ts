import { enforceAuditProtection } from "../../../../../../policy-pack/policies/aws/kms/key/enforceAuditProtection";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";

const NAME = "aws-kms-key-enforce-audit-protection";
const T = {
  key: "aws:kms/key:Key",
  bucket: "aws:s3/bucket:Bucket",
  encryption:
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  logging: "aws:s3/bucketLogging:BucketLogging",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  trail: "aws:cloudtrail/trail:Trail",
};

const sse = (name: string, bucket: string, key?: string): Fixture => ({
  type: T.encryption,
  name,
  props: {
    bucket: UNKNOWN,
    rules: [
      key
        ? {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: UNKNOWN,
            },
            bucketKeyEnabled: true,
          }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ],
  },
  deps: key ? { bucket: [bucket], rules: [key] } : { bucket: [bucket] },
});

/** The audit archive as the baseline registers it, in a first preview. */
function baseline(): Fixture[] {
  return [
    { type: T.key, name: "audit-key", props: { enableKeyRotation: true }, protect: true },
    {
      type: T.bucket,
      name: "audit-access-logs",
      props: { bucket: "example-access-logs", tags: { "soc2:audit-role": "access-logs" } },
      protect: true,
    },
    sse("audit-access-logs-encryption", "audit-access-logs"),
    {
      type: T.bucket,
      name: "audit-logs",
      props: { bucket: "example-audit-logs", tags: { "soc2:audit-role": "audit-logs" } },
      protect: true,
    },
    sse("audit-logs-encryption", "audit-logs", "audit-key"),
    {
      type: T.logging,
      name: "audit-logs-access-logging",
      props: { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "audit-logs/" },
      deps: { bucket: ["audit-logs"], targetBucket: ["audit-access-logs"] },
    },
    {
      type: T.logGroup,
      name: "audit-trail-log-group",
      props: { name: "/example/audit-trail", retentionInDays: 400, kmsKeyId: UNKNOWN },
      protect: true,
      deps: { kmsKeyId: ["audit-key"] },
    },
    {
      type: T.trail,
      name: "audit-trail",
      props: { s3BucketName: UNKNOWN, kmsKeyId: UNKNOWN, cloudWatchLogsGroupArn: UNKNOWN },
      protect: true,
      deps: {
        s3BucketName: ["audit-logs"],
        kmsKeyId: ["audit-key"],
        cloudWatchLogsGroupArn: ["audit-trail-log-group"],
      },
    },
  ];
}

test("the baseline passes in a first preview, every id and ARN unknown", async () => {
  expect(rows(await analyzeStack([enforceAuditProtection], baseline()))).toEqual([]);
});

const changed = (fixtures: Fixture[], name: string, change: Partial<Fixture>): Fixture[] =>
  fixtures.map((f) => (f.name === name ? { ...f, ...change } : f));

test("an unprotected audit key is reported with everything it encrypts", async () => {
  expect(
    rows(
      await analyzeStack(
        [enforceAuditProtection],
        changed(baseline(), "audit-key", { protect: false }),
      ),
    ),
  ).toEqual([
    [
      NAME,
      "mandatory",
      "audit-key",
      "Key audit-key encrypts the audit record (Trail audit-trail, LogGroup audit-trail-log-group, Bucket audit-logs) but is not protected",
    ],
  ]);
});

test("a key that encrypts only the trail's log group counts", async () => {
  const fixtures = [
    ...changed(baseline(), "audit-trail-log-group", { deps: { kmsKeyId: ["group-key"] } }),
    { type: T.key, name: "group-key", props: { enableKeyRotation: true } },
  ];
  expect(rows(await analyzeStack([enforceAuditProtection], fixtures))).toEqual([
    [
      NAME,
      "mandatory",
      "group-key",
      "Key group-key encrypts the audit record (LogGroup audit-trail-log-group) but is not protected",
    ],
  ]);
});

test("the bucket a trail writes to counts without its tag", async () => {
  const fixtures = [
    ...changed(baseline(), "audit-logs", { props: { bucket: "example-audit-logs" } }).filter(
      (f) => f.name !== "audit-logs-encryption",
    ),
    sse("audit-logs-encryption", "audit-logs", "bucket-key"),
    { type: T.key, name: "bucket-key", props: { enableKeyRotation: true } },
  ];
  expect(rows(await analyzeStack([enforceAuditProtection], fixtures))).toEqual([
    [
      NAME,
      "mandatory",
      "bucket-key",
      "Key bucket-key encrypts the audit record (Bucket audit-logs) but is not protected",
    ],
  ]);
});

test("keys that encrypt nothing of the audit record are not judged", async () => {
  const fixtures = [
    ...baseline(),
    { type: T.key, name: "app-key", props: { enableKeyRotation: true } },
    { type: T.bucket, name: "app-data", props: { bucket: "example-app-data" } },
    sse("app-data-encryption", "app-data", "app-key"),
  ];
  expect(rows(await analyzeStack([enforceAuditProtection], fixtures))).toEqual([]);
});

test("only KMS keys, and only through log groups, count; each user is named once", async () => {
  const other = { type: "random:index/randomPet:RandomPet", name: "pet", props: {} };
  const notAGroup = {
    type: "aws:sqs/queue:Queue",
    name: "queue",
    props: { kmsMasterKeyId: UNKNOWN },
    deps: { kmsKeyId: ["queue-key"] },
  };
  const fixtures = [
    ...changed(baseline(), "audit-trail", {
      deps: {
        s3BucketName: ["audit-logs"],
        kmsKeyId: ["audit-key", "pet"],
        cloudWatchLogsGroupArn: ["audit-trail-log-group", "queue"],
      },
    }),
    other,
    notAGroup,
    { type: T.key, name: "queue-key", props: { enableKeyRotation: true } },
  ];
  expect(rows(await analyzeStack([enforceAuditProtection], fixtures))).toEqual([]);
  const twice = [
    ...changed(baseline(), "audit-key", { protect: false }),
    sse("audit-logs-encryption-2", "audit-logs", "audit-key"),
  ];
  expect(rows(await analyzeStack([enforceAuditProtection], twice))).toEqual([
    [
      NAME,
      "mandatory",
      "audit-key",
      "Key audit-key encrypts the audit record (Trail audit-trail, LogGroup audit-trail-log-group, Bucket audit-logs) but is not protected",
    ],
  ]);
});
