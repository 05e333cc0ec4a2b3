/**
 * Plain IAM policy documents. The baseline builds its bucket, key and trust policies from strings it
 * knows before anything exists (names, account, region), so the documents are known in a first
 * `pulumi preview` and the policy pack can judge them there, not only during `pulumi up`.
 */

export type Principal = "*" | { AWS: string | string[] } | { Service: string | string[] };

/** Condition operator → condition key → value(s), as IAM writes it. */
export type Conditions = Record<string, Record<string, string | string[]>>;

export interface Statement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Principal;
  Action: string | string[];
  /** Absent only in trust policies, where the role itself is the resource. */
  Resource?: string | string[];
  Condition?: Conditions;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

export function policyDocument(...statements: Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** The partition and service DNS suffix of a region, for ARNs and service principals. */
export function partitionOf(region: string): { partition: string; dnsSuffix: string } {
  if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
  if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
  return { partition: "aws", dnsSuffix: "amazonaws.com" };
}

/**
 * Denies every request that does not use TLS, to the bucket and its objects (SOC 2 CC6.7;
 * AWS FSBP S3.5).
 */
export function denyInsecureTransport(bucketArn: string): Statement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * Lets the account administer a KMS key through IAM, so that the key can never become unmanageable
 * (CC6.1).
 */
export function accountAdministersKey(partition: string, accountId: string): Statement {
  return {
    Sid: "AccountAdministersKeyThroughIam",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Lets CloudWatch Logs use a KMS key, only for one log group (CC6.1, CC7.2). */
export function logsUseKeyForLogGroup(
  sid: string,
  logsPrincipal: string,
  logGroupArn: string,
): Statement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: logsPrincipal },
    Action: [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ],
    Resource: "*",
    Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
  };
}
