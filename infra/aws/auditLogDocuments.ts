/**
 * Names, ARNs and policy documents of the audit-log archive, all derived from config alone so that
 * they are known before any resource exists (see policyDocument.ts).
 */
import {
  accountAdministersKey,
  denyInsecureTransport,
  logsUseKeyForLogGroup,
  partitionOf,
  policyDocument,
  type PolicyDocument,
} from "./policyDocument";

/** The physical names and ARNs of the archive's resources. */
export interface AuditLogNames {
  accountId: string;
  region: string;
  partition: string;
  trailName: string;
  trailArn: string;
  logBucket: string;
  logBucketArn: string;
  accessLogBucket: string;
  accessLogBucketArn: string;
  logGroupName: string;
  logGroupArn: string;
  trailRoleName: string;
  keyAlias: string;
  /** CloudWatch Logs' regional service principal. */
  logsPrincipal: string;
}

export function auditLogNames(prefix: string, accountId: string, region: string): AuditLogNames {
  const { partition, dnsSuffix } = partitionOf(region);
  const trailName = `${prefix}-audit-trail`;
  const logBucket = `${prefix}-audit-logs-${accountId}-${region}`;
  const accessLogBucket = `${prefix}-access-logs-${accountId}-${region}`;
  const logGroupName = `/${prefix}/audit-trail`;
  return {
    accountId,
    region,
    partition,
    trailName,
    trailArn: `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trailName}`,
    logBucket,
    logBucketArn: `arn:${partition}:s3:::${logBucket}`,
    accessLogBucket,
    accessLogBucketArn: `arn:${partition}:s3:::${accessLogBucket}`,
    logGroupName,
    logGroupArn: `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`,
    trailRoleName: `${prefix}-audit-trail-to-logs`,
    keyAlias: `alias/${prefix}-audit-logs`,
    logsPrincipal: `logs.${region}.${dnsSuffix}`,
  };
}

/** Where CloudTrail writes inside the log bucket. */
export function trailObjectPrefix(n: AuditLogNames): string {
  return `${n.logBucketArn}/AWSLogs/${n.accountId}/*`;
}

/**
 * The audit key's policy: the account keeps administration through IAM (so the key can never become
 * unmanageable); CloudTrail may encrypt only for this trail; CloudWatch Logs may use it only for the
 * trail's log group; principals of this account may decrypt log files. (CC6.1, CC6.7, CC7.2)
 */
export function auditKeyPolicy(n: AuditLogNames): PolicyDocument {
  const onlyThisTrail = { "aws:SourceArn": n.trailArn };
  return policyDocument(
    accountAdministersKey(n.partition, n.accountId),
    {
      Sid: "CloudTrailEncryptsOnlyForThisTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: onlyThisTrail,
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": n.trailArn },
      },
    },
    {
      Sid: "CloudTrailDescribesKeyForThisTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: onlyThisTrail },
    },
    {
      Sid: "AccountPrincipalsDecryptTrailLogs",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": n.accountId },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": n.trailArn },
      },
    },
    logsUseKeyForLogGroup("CloudWatchLogsUsesKeyForTrailLogGroup", n.logsPrincipal, n.logGroupArn),
  );
}

/** The log bucket's policy: TLS only; CloudTrail may check the ACL and write, only for this trail. (CC6.7, CC7.2) */
export function logBucketPolicy(n: AuditLogNames): PolicyDocument {
  const onlyThisTrail = { "aws:SourceArn": n.trailArn };
  return policyDocument(
    denyInsecureTransport(n.logBucketArn),
    {
      Sid: "CloudTrailChecksBucketAcl",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: n.logBucketArn,
      Condition: { StringEquals: onlyThisTrail },
    },
    {
      Sid: "CloudTrailWritesTrailLogs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: trailObjectPrefix(n),
      Condition: {
        StringEquals: { ...onlyThisTrail, "s3:x-amz-acl": "bucket-owner-full-control" },
      },
    },
  );
}

/** Prefix of the log bucket's server access logs inside the access-log bucket. */
export const ACCESS_LOG_PREFIX = "audit-logs/";

/**
 * The access-log bucket's policy: TLS only; S3's logging service may write the log bucket's access
 * logs, and nothing else. (CC6.7, CC7.2)
 */
export function accessLogBucketPolicy(n: AuditLogNames): PolicyDocument {
  return policyDocument(denyInsecureTransport(n.accessLogBucketArn), {
    Sid: "S3LogsDeliveryForAuditBucket",
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${n.accessLogBucketArn}/${ACCESS_LOG_PREFIX}*`,
    Condition: {
      ArnLike: { "aws:SourceArn": n.logBucketArn },
      StringEquals: { "aws:SourceAccount": n.accountId },
    },
  });
}

/** Lets CloudTrail, and only for this trail, assume the role that writes to CloudWatch Logs. */
export function trailRoleTrustPolicy(n: AuditLogNames): PolicyDocument {
  return policyDocument({
    Sid: "CloudTrailForThisTrail",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceArn": n.trailArn } },
  });
}

/** What the trail's role may do: create streams in and write to the trail's own log group. */
export function trailRolePermissions(n: AuditLogNames): PolicyDocument {
  return policyDocument({
    Sid: "WriteTrailLogGroup",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: `${n.logGroupArn}:log-stream:*`,
  });
}
