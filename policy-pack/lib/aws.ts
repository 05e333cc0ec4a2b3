/**
 * AWS resource types the pack reasons about, and how it recognizes the audit archive's buckets and
 * keys in a stack: intrinsically (what a trail writes to, what a bucket's access logs go to) and by
 * an explicit tag — never by name.
 */
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex } from "./stackIndex";
import { type Maybe, UNKNOWN, type Verdict } from "./unknowns";

/** Resource types by role; v7 keeps the deprecated `…V2` names as aliases, judged alike. */
export const S3 = {
  bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  versioning: [
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
  ],
  encryption: [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ],
  publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  ownership: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
  policy: ["aws:s3/bucketPolicy:BucketPolicy"],
  lifecycle: [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ],
  objectLock: [
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  ],
  logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
} as const;

export const KMS_KEY = "aws:kms/key:Key";
export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** The tag that declares a bucket's part in the audit archive (`audit-logs` or `access-logs`). */
export const AUDIT_ROLE_TAG = "soc2:audit-role";

/** A resource's own value for a tag, `UNKNOWN` while its tags are unknown, undefined when unset. */
function tagOf(resource: PolicyResource, key: string, verdict: Verdict): Maybe<string | undefined> {
  const tags = verdict.read(() => resource.props.tags as Record<string, unknown> | undefined);
  if (tags === UNKNOWN) return UNKNOWN;
  const value = tags ? verdict.read(() => tags[key]) : undefined;
  return value === UNKNOWN || typeof value === "string" ? value : undefined;
}

/**
 * Whether a value of `resource` comes from `source`: through its property dependencies (known in a
 * first preview), or, when it depends on no resource at all, by equal known values. A value taken
 * from other resources is theirs, whatever it is.
 */
function refersTo(
  resource: PolicyResource,
  property: string,
  source: PolicyResource,
  sourceProperty: string,
  verdict: Verdict,
): boolean {
  const sources = StackIndex.sources(resource, property);
  if (sources.length > 0) return sources.some((s) => s.urn === source.urn);
  const value = verdict.read(() => resource.props[property] as unknown);
  if (value === UNKNOWN || value === undefined) return false;
  return value === verdict.read(() => source.props[sourceProperty] as unknown);
}

/** Buckets a CloudTrail trail writes to, or tagged `soc2:audit-role: audit-logs`. */
export function auditLogBuckets(index: StackIndex, verdict: Verdict): PolicyResource[] {
  const trails = index.ofType(CLOUDTRAIL_TRAIL);
  return index
    .ofType(...S3.bucket)
    .filter(
      (bucket) =>
        tagOf(bucket, AUDIT_ROLE_TAG, verdict) === "audit-logs" ||
        trails.some((t) => refersTo(t, "s3BucketName", bucket, "bucket", verdict)),
    );
}

/** Buckets that receive S3 server access logs of another bucket, or tagged `access-logs`. */
export function accessLogTargets(index: StackIndex, verdict: Verdict): PolicyResource[] {
  const loggings = index.ofType(...S3.logging);
  return index
    .ofType(...S3.bucket)
    .filter(
      (bucket) =>
        tagOf(bucket, AUDIT_ROLE_TAG, verdict) === "access-logs" ||
        loggings.some((l) => refersTo(l, "targetBucket", bucket, "bucket", verdict)),
    );
}

/** The configurations of `kinds` that belong to `bucket` (their `bucket` property depends on it). */
export function bucketConfigs(
  index: StackIndex,
  bucket: PolicyResource,
  kinds: readonly string[],
): PolicyResource[] {
  return index.attached(bucket, kinds, "bucket");
}

/** How a resource is named in a violation: its type's last segment and its logical name. */
export function label(resource: PolicyResource): string {
  return `${resource.type.split(":").pop()} ${resource.name}`;
}
