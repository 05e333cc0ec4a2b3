import { enforceEncryption } from "../../../../../../policy-pack/policies/aws/s3/bucket/enforceEncryption";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  archive,
  changed,
  config,
  KEY_ARN,
  NAMES,
  T,
  unknownAdvisory,
  without,
  withProps,
} from "../../../../support/archive";

const NAME = "aws-s3-bucket-enforce-encryption";
const ARCHIVE = archive();

const run = async (fixtures: Fixture[]) => rows(await analyzeStack([enforceEncryption], fixtures));
const violation = (bucket: string, text: string) => [NAME, "mandatory", bucket, text];

const sse = (sseAlgorithm: string, key?: unknown) => ({
  applyServerSideEncryptionByDefault: {
    sseAlgorithm,
    ...(key === undefined ? {} : { kmsMasterKeyId: key }),
  },
});
const encryption = (of: string, rule: unknown, keyDep?: string) =>
  config(
    T.encryption,
    `${of}-encryption`,
    of,
    { rules: [rule] },
    keyDep ? { rules: [keyDep] } : {},
  );
const plainBucket = (name: string): Fixture => ({
  type: T.bucket,
  name,
  props: { bucket: `example-${name}` },
});

test("the archive passes in a first preview, with every id and key ARN unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("the archive passes once created, with known names, key ARN and targets", async () => {
  expect(
    await run(
      changed(
        ARCHIVE,
        encryption("audit-logs", sse("aws:kms", KEY_ARN), "audit-key"),
        withProps(ARCHIVE, "audit-logs-access-logging", { targetBucket: NAMES.accessLogBucket }),
        withProps(ARCHIVE, "audit-trail", { s3BucketName: NAMES.logBucket, kmsKeyId: KEY_ARN }),
      ),
    ),
  ).toEqual([]);
});

test("a bucket without a default encryption configuration is reported", async () => {
  expect(await run(without(ARCHIVE, "audit-access-logs-encryption"))).toEqual([
    violation(
      "audit-access-logs",
      "Bucket audit-access-logs has no default encryption configuration",
    ),
  ]);
});

test("a target of server access logs must use SSE-S3", async () => {
  expect(
    await run(
      changed(ARCHIVE, encryption("audit-access-logs", sse("aws:kms", UNKNOWN), "audit-key")),
    ),
  ).toEqual([
    violation(
      "audit-access-logs",
      'Bucket audit-access-logs receives S3 server access logs but is encrypted with "aws:kms": AWS delivers them only to buckets encrypted with SSE-S3 ("AES256")',
    ),
  ]);
});

test("an untagged bucket is a target through the logging's dependency on it", async () => {
  expect(
    await run(
      changed(
        ARCHIVE,
        withProps(ARCHIVE, "audit-access-logs", { tags: {} }),
        encryption("audit-access-logs", sse("aws:kms:dsse", UNKNOWN), "audit-key"),
      ),
    ),
  ).toEqual([
    violation(
      "audit-access-logs",
      'Bucket audit-access-logs receives S3 server access logs but is encrypted with "aws:kms:dsse": AWS delivers them only to buckets encrypted with SSE-S3 ("AES256")',
    ),
  ]);
});

test("any other bucket must use SSE-KMS", async () => {
  expect(await run([...ARCHIVE, plainBucket("data"), encryption("data", sse("AES256"))])).toEqual([
    violation(
      "data",
      'Bucket data is encrypted with "AES256", not SSE-KMS ("aws:kms" or "aws:kms:dsse")',
    ),
  ]);
});

test("SSE-KMS must name its key", async () => {
  expect(await run([...ARCHIVE, plainBucket("data"), encryption("data", sse("aws:kms"))])).toEqual([
    violation(
      "data",
      "Bucket data uses SSE-KMS without a kmsMasterKeyId, so S3 falls back to the AWS-managed key",
    ),
  ]);
});

test("a rule without an algorithm is reported", async () => {
  expect(
    await run([...ARCHIVE, plainBucket("data"), encryption("data", { bucketKeyEnabled: true })]),
  ).toEqual([
    violation("data", "Bucket data has a default encryption rule without an sseAlgorithm"),
  ]);
});

test("a configuration without rules is reported", async () => {
  expect(
    await run([...ARCHIVE, plainBucket("data"), config(T.encryption, "data-sse", "data", {})]),
  ).toEqual([
    violation("data", "Bucket data has a default encryption configuration without rules"),
  ]);
});

test("an ordinary bucket may use an AWS-managed or unknown key, as long as it names one", async () => {
  expect(
    await run([
      ...ARCHIVE,
      plainBucket("data"),
      encryption("data", sse("aws:kms", "alias/aws/s3")),
      plainBucket("more"),
      encryption("more", sse("aws:kms", UNKNOWN)),
    ]),
  ).toEqual([]);
});

test("an audit-log bucket must use a customer-managed key, not an AWS-managed alias", async () => {
  const alias = "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3";
  expect(await run(changed(ARCHIVE, encryption("audit-logs", sse("aws:kms", alias))))).toEqual([
    violation(
      "audit-logs",
      `Bucket audit-logs holds audit logs but its KMS key "${alias}" is not customer-managed`,
    ),
  ]);
});

test("an untagged bucket holds audit logs through the trail's dependency on it", async () => {
  expect(
    await run(
      changed(
        ARCHIVE,
        withProps(ARCHIVE, "audit-logs", { tags: {} }),
        encryption("audit-logs", sse("aws:kms", "alias/aws/s3")),
      ),
    ),
  ).toEqual([
    violation(
      "audit-logs",
      'Bucket audit-logs holds audit logs but its KMS key "alias/aws/s3" is not customer-managed',
    ),
  ]);
});

test("a known customer key ARN or alias counts as customer-managed without a dependency", async () => {
  expect(await run(changed(ARCHIVE, encryption("audit-logs", sse("aws:kms", KEY_ARN))))).toEqual(
    [],
  );
  expect(
    await run(
      changed(ARCHIVE, encryption("audit-logs", sse("aws:kms", "alias/example-audit-logs"))),
    ),
  ).toEqual([]);
});

test("an audit-log bucket's key that is unknown and not of the stack cannot be judged", async () => {
  expect(await run(changed(ARCHIVE, encryption("audit-logs", sse("aws:kms", UNKNOWN))))).toEqual([
    unknownAdvisory(NAME, "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"),
  ]);
});

test("an audit-log bucket's key that is empty or not a string is not customer-managed", async () => {
  expect(await run(changed(ARCHIVE, encryption("audit-logs", sse("aws:kms", ""))))).toEqual([
    violation(
      "audit-logs",
      'Bucket audit-logs holds audit logs but its KMS key "" is not customer-managed',
    ),
  ]);
  expect(await run(changed(ARCHIVE, encryption("audit-logs", sse("aws:kms", 5))))).toEqual([
    violation(
      "audit-logs",
      "Bucket audit-logs holds audit logs but its KMS key 5 is not customer-managed",
    ),
  ]);
});

test("a key taken from a resource that is not a KMS key of the stack proves nothing", async () => {
  const alias = "alias/aws/s3";
  expect(
    await run(changed(ARCHIVE, encryption("audit-logs", sse("aws:kms", alias), "audit-trail"))),
  ).toEqual([
    violation(
      "audit-logs",
      `Bucket audit-logs holds audit logs but its KMS key "${alias}" is not customer-managed`,
    ),
  ]);
});

test("unknown rules or algorithms cannot pass: the SDK's advisory alone", async () => {
  const withRules = (rules: unknown) =>
    changed(ARCHIVE, config(T.encryption, "audit-logs-encryption", "audit-logs", { rules }));
  expect(await run(withRules(UNKNOWN))).toEqual([unknownAdvisory(NAME, "rules")]);
  expect(await run(withRules([{ applyServerSideEncryptionByDefault: UNKNOWN }]))).toEqual([
    unknownAdvisory(NAME, "rules.0.applyServerSideEncryptionByDefault"),
  ]);
  expect(await run(changed(ARCHIVE, encryption("audit-logs", sse(UNKNOWN))))).toEqual([
    unknownAdvisory(NAME, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"),
  ]);
});
