import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuditLogConfig } from "../config";
import {
  ACCESS_LOG_PREFIX,
  accessLogBucketPolicy,
  auditKeyPolicy,
  auditLogNames,
  logBucketPolicy,
  trailRolePermissions,
  trailRoleTrustPolicy,
  type AuditLogNames,
} from "./auditLogDocuments";
import { SecureBucket } from "./secureBucket";

/** The tag that marks a bucket's part in the audit archive; the policy pack reads it. */
export const AUDIT_ROLE_TAG = "soc2:audit-role";

export interface AuditLogArchiveArgs {
  /** Prefix of every physical name (`soc2-baseline:namePrefix`). */
  namePrefix: string;
  /** The AWS account the archive lives in (`soc2-baseline:accountId`). */
  accountId: string;
  /** The region of the buckets, key, log group and the trail's home (`aws:region`). */
  region: string;
  /** Retention, storage tiers, log group and key settings (`soc2-baseline:auditLog`). */
  settings: AuditLogConfig;
  /**
   * The permissions boundary of the trail's delivery role (SOC 2 CC6.3: every role the stack creates
   * carries the deployment boundary, so the deploy role may re-create it). An output of the
   * boundary policy, so that the role waits for it. @default undefined — no boundary.
   */
  permissionsBoundary?: pulumi.Input<string>;
}

/**
 * The immutable audit-log archive (SOC 2 CC7.2, CC7.3, CC6.1, CC6.7, A1.2):
 * - a customer-managed KMS key with rotation, usable by CloudTrail only for this trail;
 * - the log bucket: Object Lock default retention, versioning, SSE-KMS with a bucket key, private,
 *   TLS-only, writable by CloudTrail only for this trail, a lifecycle that moves logs to Glacier and
 *   never expires them before the retention ends, and S3 server access logs to
 * - a separate access-log bucket (SSE-S3 and no default retention, as AWS requires of log-delivery
 *   targets), versioned, private, TLS-only, with a long retention lifecycle;
 * - a multi-region CloudTrail trail with global service events, log-file validation and KMS, writing
 *   to the log bucket and to a KMS-encrypted CloudWatch log group.
 * The key, both buckets, the log group and the trail are `protect`ed and retained on delete.
 */
export class AuditLogArchive extends pulumi.ComponentResource {
  public readonly names: AuditLogNames;
  public readonly key: aws.kms.Key;
  public readonly keyAlias: aws.kms.Alias;
  public readonly accessLogs: SecureBucket;
  public readonly logs: SecureBucket;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly trailRole: aws.iam.Role;
  public readonly trailRolePolicy: aws.iam.RolePolicy;
  public readonly trail: aws.cloudtrail.Trail;

  constructor(name: string, args: AuditLogArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super("soc2:aws:AuditLogArchive", name, {}, opts);
    const child = { parent: this };
    const keep = { ...child, protect: true, retainOnDelete: true };
    const s = args.settings;
    const n = auditLogNames(args.namePrefix, args.accountId, args.region);
    this.names = n;

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the audit trail ${n.trailName}, its log bucket and its log group`,
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: s.keyDeletionWindowDays,
        policy: JSON.stringify(auditKeyPolicy(n)),
      },
      keep,
    );
    this.keyAlias = new aws.kms.Alias(
      `${name}-key-alias`,
      { name: n.keyAlias, targetKeyId: this.key.keyId },
      child,
    );

    this.accessLogs = new SecureBucket(
      `${name}-access-logs`,
      {
        bucketName: n.accessLogBucket,
        encryption: { kind: "AES256" },
        policy: accessLogBucketPolicy(n),
        lifecycleRules: [
          {
            id: "retain-access-logs",
            status: "Enabled",
            filter: {},
            transitions: [{ days: s.coldStorageAfterDays, storageClass: "GLACIER" }],
            expiration: { days: s.accessLogRetentionDays },
            noncurrentVersionExpiration: { noncurrentDays: s.accessLogRetentionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
        tags: { [AUDIT_ROLE_TAG]: "access-logs" },
      },
      child,
    );

    const neverBeforeRetention = s.expireAfterDays ?? undefined;
    this.logs = new SecureBucket(
      `${name}-logs`,
      {
        bucketName: n.logBucket,
        encryption: { kind: "aws:kms", keyArn: this.key.arn },
        policy: logBucketPolicy(n),
        objectLock: { mode: s.retentionMode, days: s.retentionDays },
        lifecycleRules: [
          {
            id: "archive-audit-logs",
            status: "Enabled",
            filter: {},
            transitions: [{ days: s.coldStorageAfterDays, storageClass: "GLACIER" }],
            noncurrentVersionTransitions: [
              { noncurrentDays: s.coldStorageAfterDays, storageClass: "GLACIER" },
            ],
            ...(neverBeforeRetention === undefined
              ? {}
              : {
                  expiration: { days: neverBeforeRetention },
                  noncurrentVersionExpiration: { noncurrentDays: neverBeforeRetention },
                }),
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
        accessLogs: {
          targetBucket: this.accessLogs.bucket.bucket,
          targetPrefix: ACCESS_LOG_PREFIX,
        },
        tags: { [AUDIT_ROLE_TAG]: "audit-logs" },
      },
      { ...child, dependsOn: [this.accessLogs] },
    );

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-trail-log-group`,
      {
        name: n.logGroupName,
        retentionInDays: s.cloudWatchRetentionDays,
        kmsKeyId: this.key.arn,
      },
      keep,
    );
    this.trailRole = new aws.iam.Role(
      `${name}-trail-role`,
      {
        name: n.trailRoleName,
        description: `Lets CloudTrail deliver ${n.trailName} to ${n.logGroupName}`,
        assumeRolePolicy: JSON.stringify(trailRoleTrustPolicy(n)),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundary,
      },
      child,
    );
    this.trailRolePolicy = new aws.iam.RolePolicy(
      `${name}-trail-role-policy`,
      { role: this.trailRole.id, policy: JSON.stringify(trailRolePermissions(n)) },
      child,
    );

    this.trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: n.trailName,
        s3BucketName: this.logs.bucket.bucket,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: this.key.arn,
        cloudWatchLogsGroupArn: pulumi.interpolate`${this.logGroup.arn}:*`,
        cloudWatchLogsRoleArn: this.trailRole.arn,
      },
      { ...keep, dependsOn: [this.logs, this.trailRolePolicy] },
    );

    this.registerOutputs({
      trailArn: this.trail.arn,
      logBucketName: this.logs.bucket.bucket,
      accessLogBucketName: this.accessLogs.bucket.bucket,
      keyArn: this.key.arn,
      logGroupName: this.logGroup.name,
    });
  }
}
