import { EXAMPLE_CONFIG, resource, runBaseline, type ProgramRun } from "../../support/baseline";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/example-audit-trail`;
const LOG_BUCKET = `example-audit-logs-${ACCOUNT}-${REGION}`;
const ACCESS_LOG_BUCKET = `example-access-logs-${ACCOUNT}-${REGION}`;

let run: ProgramRun;
beforeAll(async () => {
  run = await runBaseline(EXAMPLE_CONFIG);
});

const get = (type: string, name: string) => resource(run, type, name);
const inputs = (type: string, name: string) => get(type, name).inputs;
const document = (type: string, name: string, key: string) =>
  JSON.parse(inputs(type, name)[key] as string) as { Statement: Record<string, unknown>[] };
const statement = (doc: { Statement: Record<string, unknown>[] }, sid: string) =>
  doc.Statement.find((s) => s.Sid === sid);

const T = {
  archive: "soc2:aws:AuditLogArchive",
  secureBucket: "soc2:aws:SecureBucket",
  bucket: "aws:s3/bucket:Bucket",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  encryption:
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  logging: "aws:s3/bucketLogging:BucketLogging",
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  trail: "aws:cloudtrail/trail:Trail",
};

test("the program runs without error", () => {
  expect(run.error).toBeUndefined();
});

test("the archive has exactly its children, under the right parents", () => {
  const urnOf = (type: string, name: string) => get(type, name).urn;
  const childrenOf = (parentUrn: string) =>
    run.resources
      .filter((r) => r.parent === parentUrn)
      .map((r) => `${r.type} ${r.name}`)
      .sort();
  expect(childrenOf(urnOf(T.archive, "audit"))).toEqual(
    [
      `${T.key} audit-key`,
      `${T.alias} audit-key-alias`,
      `${T.secureBucket} audit-access-logs`,
      `${T.secureBucket} audit-logs`,
      `${T.logGroup} audit-trail-log-group`,
      `${T.role} audit-trail-role`,
      `${T.rolePolicy} audit-trail-role-policy`,
      `${T.trail} audit-trail`,
    ].sort(),
  );
  expect(childrenOf(urnOf(T.secureBucket, "audit-logs"))).toEqual(
    [
      `${T.bucket} audit-logs`,
      `${T.publicAccessBlock} audit-logs-public-access-block`,
      `${T.ownership} audit-logs-ownership`,
      `${T.versioning} audit-logs-versioning`,
      `${T.encryption} audit-logs-encryption`,
      `${T.policy} audit-logs-policy`,
      `${T.lifecycle} audit-logs-lifecycle`,
      `${T.objectLock} audit-logs-object-lock`,
      `${T.logging} audit-logs-access-logging`,
    ].sort(),
  );
  expect(childrenOf(urnOf(T.secureBucket, "audit-access-logs"))).toEqual(
    [
      `${T.bucket} audit-access-logs`,
      `${T.publicAccessBlock} audit-access-logs-public-access-block`,
      `${T.ownership} audit-access-logs-ownership`,
      `${T.versioning} audit-access-logs-versioning`,
      `${T.encryption} audit-access-logs-encryption`,
      `${T.policy} audit-access-logs-policy`,
      `${T.lifecycle} audit-access-logs-lifecycle`,
    ].sort(),
  );
  const archive = run.resources.filter((r) => r.urn.includes("::soc2:aws:AuditLogArchive"));
  expect(archive).toHaveLength(25);
});

test("the AWS provider is pinned to the configured account and region, with the stack's tags", () => {
  expect(inputs("pulumi:providers:aws", "aws")).toMatchObject({
    region: REGION,
    allowedAccountIds: JSON.stringify([ACCOUNT]),
  });
  expect(JSON.parse(inputs("pulumi:providers:aws", "aws").defaultTags as string)).toEqual({
    tags: {
      "pulumi:project": "soc2-baseline",
      "pulumi:stack": "test",
      owner: "platform-team",
      "cost-center": "security",
    },
  });
});

describe("KMS key", () => {
  test("rotates yearly and waits 30 days before deletion", () => {
    expect(inputs(T.key, "audit-key")).toMatchObject({
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
    });
    expect(inputs(T.alias, "audit-key-alias").name).toBe("alias/example-audit-logs");
  });

  test("lets CloudTrail encrypt only for this trail and keeps account administration", () => {
    const policy = document(T.key, "audit-key", "policy");
    expect(statement(policy, "AccountAdministersKeyThroughIam")).toEqual({
      Sid: "AccountAdministersKeyThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    });
    expect(statement(policy, "CloudTrailEncryptsOnlyForThisTrail")).toEqual({
      Sid: "CloudTrailEncryptsOnlyForThisTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": TRAIL_ARN },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": TRAIL_ARN },
      },
    });
    expect(statement(policy, "CloudWatchLogsUsesKeyForTrailLogGroup")?.Condition).toEqual({
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/example/audit-trail`,
      },
    });
  });
});

describe("log bucket", () => {
  test("is named for the account and region, with Object Lock on and no force-destroy", () => {
    expect(inputs(T.bucket, "audit-logs")).toMatchObject({
      bucket: LOG_BUCKET,
      objectLockEnabled: true,
      forceDestroy: false,
      tags: { "soc2:audit-role": "audit-logs" },
    });
  });

  test("locks every object in COMPLIANCE mode for the configured days", () => {
    expect(inputs(T.objectLock, "audit-logs-object-lock")).toMatchObject({
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 400 } },
    });
  });

  test("is versioned and encrypted with the audit key and a bucket key", () => {
    expect(inputs(T.versioning, "audit-logs-versioning").versioningConfiguration).toEqual({
      status: "Enabled",
    });
    expect(inputs(T.encryption, "audit-logs-encryption").rules).toEqual([
      {
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: "aws:kms",
          kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/audit-key-id",
        },
        bucketKeyEnabled: true,
      },
    ]);
    expect(get(T.encryption, "audit-logs-encryption").propertyDependencies.rules).toEqual([
      get(T.key, "audit-key").urn,
    ]);
  });

  test("denies requests without TLS and admits CloudTrail writes only from this trail", () => {
    const policy = document(T.policy, "audit-logs-policy", "policy");
    expect(statement(policy, "DenyInsecureTransport")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [`arn:aws:s3:::${LOG_BUCKET}`, `arn:aws:s3:::${LOG_BUCKET}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(statement(policy, "CloudTrailWritesTrailLogs")).toEqual({
      Sid: "CloudTrailWritesTrailLogs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `arn:aws:s3:::${LOG_BUCKET}/AWSLogs/${ACCOUNT}/*`,
      Condition: {
        StringEquals: {
          "aws:SourceArn": TRAIL_ARN,
          "s3:x-amz-acl": "bucket-owner-full-control",
        },
      },
    });
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "CloudTrailChecksBucketAcl",
      "CloudTrailWritesTrailLogs",
    ]);
  });

  test("moves logs to Glacier and never expires them (expireAfterDays: null)", () => {
    expect(inputs(T.lifecycle, "audit-logs-lifecycle").rules).toEqual([
      {
        id: "archive-audit-logs",
        status: "Enabled",
        filter: {},
        transitions: [{ days: 90, storageClass: "GLACIER" }],
        noncurrentVersionTransitions: [{ noncurrentDays: 90, storageClass: "GLACIER" }],
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });

  test("sends its server access logs to the access-log bucket", () => {
    expect(inputs(T.logging, "audit-logs-access-logging")).toMatchObject({
      targetBucket: ACCESS_LOG_BUCKET,
      targetPrefix: "audit-logs/",
    });
    expect(get(T.logging, "audit-logs-access-logging").propertyDependencies.targetBucket).toEqual([
      get(T.bucket, "audit-access-logs").urn,
    ]);
  });
});

describe("access-log bucket", () => {
  test("uses SSE-S3 and has no Object Lock, as AWS requires of log-delivery targets", () => {
    expect(inputs(T.bucket, "audit-access-logs")).toMatchObject({
      bucket: ACCESS_LOG_BUCKET,
      objectLockEnabled: false,
      tags: { "soc2:audit-role": "access-logs" },
    });
    expect(inputs(T.encryption, "audit-access-logs-encryption").rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ]);
    expect(run.resources.some((r) => r.name === "audit-access-logs-object-lock")).toBe(false);
  });

  test("admits only S3 log delivery for the log bucket, over TLS", () => {
    const policy = document(T.policy, "audit-access-logs-policy", "policy");
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "S3LogsDeliveryForAuditBucket",
    ]);
    expect(statement(policy, "S3LogsDeliveryForAuditBucket")).toMatchObject({
      Principal: { Service: "logging.s3.amazonaws.com" },
      Resource: `arn:aws:s3:::${ACCESS_LOG_BUCKET}/audit-logs/*`,
      Condition: {
        ArnLike: { "aws:SourceArn": `arn:aws:s3:::${LOG_BUCKET}` },
        StringEquals: { "aws:SourceAccount": ACCOUNT },
      },
    });
  });

  test("keeps access logs ten years", () => {
    expect(inputs(T.lifecycle, "audit-access-logs-lifecycle").rules).toEqual([
      {
        id: "retain-access-logs",
        status: "Enabled",
        filter: {},
        transitions: [{ days: 90, storageClass: "GLACIER" }],
        expiration: { days: 3653 },
        noncurrentVersionExpiration: { noncurrentDays: 3653 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });
});

test.each(["audit-logs", "audit-access-logs"])(
  "%s blocks all public access and disables ACLs",
  (bucket) => {
    expect(inputs(T.publicAccessBlock, `${bucket}-public-access-block`)).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(inputs(T.ownership, `${bucket}-ownership`).rule).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
  },
);

describe("trail", () => {
  test("is multi-region, with global events, log-file validation and KMS", () => {
    expect(inputs(T.trail, "audit-trail")).toEqual({
      name: "example-audit-trail",
      s3BucketName: LOG_BUCKET,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/audit-key-id",
      cloudWatchLogsGroupArn:
        "arn:aws:mock:::aws:cloudwatch/logGroup:LogGroup/audit-trail-log-group:*",
      cloudWatchLogsRoleArn: "arn:aws:mock:::aws:iam/role:Role/audit-trail-role",
    });
  });

  test("delivers to a KMS-encrypted log group kept at least a year", () => {
    expect(inputs(T.logGroup, "audit-trail-log-group")).toEqual({
      name: "/example/audit-trail",
      retentionInDays: 400,
      kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/audit-key-id",
    });
  });

  test("reaches CloudWatch through a role only this trail can assume, limited to its log group", () => {
    const trust = document(T.role, "audit-trail-role", "assumeRolePolicy");
    expect(trust.Statement).toEqual([
      {
        Sid: "CloudTrailForThisTrail",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
      },
    ]);
    expect(document(T.rolePolicy, "audit-trail-role-policy", "policy").Statement).toEqual([
      {
        Sid: "WriteTrailLogGroup",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/example/audit-trail:log-stream:*`,
      },
    ]);
  });

  test("is created after the bucket policy that lets it write", () => {
    expect(get(T.trail, "audit-trail").dependencies).toEqual(
      expect.arrayContaining([get(T.policy, "audit-logs-policy").urn]),
    );
  });
});

test("exactly the key, both buckets, the log group and the trail are protected and retained", () => {
  const archive = run.resources.filter((r) => r.urn.includes("::soc2:aws:AuditLogArchive"));
  const kept = archive.filter((r) => r.protect).map((r) => `${r.type} ${r.name}`);
  expect(kept.sort()).toEqual(
    [
      `${T.key} audit-key`,
      `${T.bucket} audit-logs`,
      `${T.bucket} audit-access-logs`,
      `${T.logGroup} audit-trail-log-group`,
      `${T.trail} audit-trail`,
    ].sort(),
  );
  expect(
    archive
      .filter((r) => r.retainOnDelete)
      .map((r) => `${r.type} ${r.name}`)
      .sort(),
  ).toEqual(kept.sort());
});
