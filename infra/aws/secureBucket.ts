import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "./policyDocument";

/** How the bucket's objects are encrypted at rest by default. */
export type BucketEncryption =
  /** SSE-KMS with a customer-managed key and an S3 bucket key. */
  | { kind: "aws:kms"; keyArn: pulumi.Input<string> }
  /** SSE-S3: the only default encryption AWS supports for targets of S3 server access logs. */
  | { kind: "AES256" };

export interface SecureBucketArgs {
  /**
   * Physical bucket name. Given, not generated, so that the bucket's policy document is known at
   * preview time.
   */
  bucketName: string;
  /** Default encryption at rest (SOC 2 CC6.1, CC6.7). */
  encryption: BucketEncryption;
  /**
   * The whole bucket policy. It must deny requests without TLS (SOC 2 CC6.7); the archive builds it
   * with `denyInsecureTransport`.
   */
  policy: PolicyDocument;
  /** Lifecycle rules; at least one, so that storage cost and retention are decided, not accidental. */
  lifecycleRules: aws.types.input.s3.BucketLifecycleConfigurationRule[];
  /**
   * Object Lock default retention, which makes every new object version immutable for `days`.
   * @default undefined — no Object Lock (a target of S3 server access logs must not have a default
   * retention: AWS refuses log delivery to it).
   */
  objectLock?: { mode: "COMPLIANCE" | "GOVERNANCE"; days: number };
  /** Where S3 server access logs of this bucket go (SOC 2 CC7.2). @default undefined — none. */
  accessLogs?: { targetBucket: pulumi.Input<string>; targetPrefix: string };
  /** Tags of the bucket (the provider adds the stack's default tags). */
  tags?: Record<string, string>;
}

/**
 * A private, versioned, encrypted S3 bucket with a policy and a lifecycle: public access blocked on
 * all four settings, ACLs disabled (`BucketOwnerEnforced`), and the bucket `protect`ed and retained
 * on delete, so that no `pulumi destroy` or refactor can remove it with its contents.
 */
export class SecureBucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  public readonly ownershipControls: aws.s3.BucketOwnershipControls;
  public readonly versioning: aws.s3.BucketVersioning;
  public readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
  public readonly policy: aws.s3.BucketPolicy;
  public readonly lifecycle: aws.s3.BucketLifecycleConfiguration;
  public readonly objectLock?: aws.s3.BucketObjectLockConfiguration;
  public readonly logging?: aws.s3.BucketLogging;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("soc2:aws:SecureBucket", name, {}, opts);
    const child = { parent: this };

    this.bucket = new aws.s3.Bucket(
      name,
      {
        bucket: args.bucketName,
        objectLockEnabled: args.objectLock !== undefined,
        forceDestroy: false,
        tags: args.tags,
      },
      { ...child, protect: true, retainOnDelete: true },
    );
    const bucket = this.bucket.id;

    // SOC 2 CC6.1, CC6.7; AWS FSBP S3.1/S3.8: no ACL or policy can make the bucket public.
    this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    // SOC 2 CC6.1; AWS FSBP S3.12: ACLs disabled, the account owns every object.
    this.ownershipControls = new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    // SOC 2 A1.2, CC7.2: overwritten or deleted objects stay recoverable.
    this.versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    this.encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          args.encryption.kind === "aws:kms"
            ? {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: "aws:kms",
                  kmsMasterKeyId: args.encryption.keyArn,
                },
                bucketKeyEnabled: true,
              }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ],
      },
      child,
    );
    this.policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket, policy: JSON.stringify(args.policy) },
      { ...child, dependsOn: [this.publicAccessBlock, this.ownershipControls] },
    );
    this.lifecycle = new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket, rules: args.lifecycleRules },
      { ...child, dependsOn: [this.versioning] },
    );
    if (args.objectLock) {
      // SOC 2 CC7.2, A1.2: WORM storage; in COMPLIANCE mode nobody, root included, can delete early.
      this.objectLock = new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        {
          bucket,
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days } },
        },
        { ...child, dependsOn: [this.versioning] },
      );
    }
    if (args.accessLogs) {
      this.logging = new aws.s3.BucketLogging(
        `${name}-access-logging`,
        {
          bucket,
          targetBucket: args.accessLogs.targetBucket,
          targetPrefix: args.accessLogs.targetPrefix,
          targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
        },
        child,
      );
    }

    this.registerOutputs({ bucketName: this.bucket.bucket, bucketArn: this.bucket.arn });
  }
}
