import type { PolicyResource } from "@pulumi/policy";
import { auditLogBuckets, bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { type Maybe, UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * Whether a logging sends the bucket's access logs to the bucket itself: by equal known names or,
 * while either is unknown, by the target's dependency on the bucket. Only a target with no
 * dependencies leaves an unknown undecided.
 */
function logsToItself(
  logging: PolicyResource,
  bucket: PolicyResource,
  verdict: Verdict,
): Maybe<boolean> {
  const target = new Verdict().read(() => logging.props.targetBucket as unknown);
  const name = new Verdict().read(() => bucket.props.bucket as unknown);
  if (typeof target === "string" && typeof name === "string") return target === name;
  const sources = StackIndex.sources(logging, "targetBucket");
  if (sources.length > 0) return sources.some((s) => s.urn === bucket.urn);
  if (target === UNKNOWN) verdict.read(() => logging.props.targetBucket as unknown);
  else if (name === UNKNOWN) verdict.read(() => bucket.props.bucket as unknown);
  else return false;
  return UNKNOWN;
}

/**
 * name: aws-s3-bucket-missing-access-logging
 * description: Every audit-log bucket sends its S3 server access logs to another bucket.
 * severity: high
 * tags: aws-fsbp:S3.9
 *
 * Applies to the buckets a CloudTrail trail writes to or tagged `soc2:audit-role: audit-logs`; a
 * trail whose unknown target does not depend on a bucket is taken to write elsewhere. The logging is
 * found through its `bucket` dependency; its target is another bucket when their known names differ
 * or, in a first preview, when `targetBucket` does not depend on the bucket itself.
 */
export const missingAccessLogging = stackPolicy({
  name: "aws-s3-bucket-missing-access-logging",
  description: "Every audit-log bucket sends its S3 server access logs to another bucket.",
  severity: "high",
  tags: ["aws-fsbp:S3.9"],
  remediationSteps:
    "Create an aws.s3.BucketLogging whose bucket is the audit-log bucket's id and whose " +
    "targetBucket is a separate access-log bucket (SSE-S3, no Object Lock default retention), " +
    "with a targetPrefix.",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const bucket of auditLogBuckets(index, verdict)) {
      const loggings = bucketConfigs(index, bucket, S3.logging);
      if (loggings.length === 0) {
        report(`${label(bucket)} holds audit logs but has no server access logging`, bucket.urn);
        continue;
      }
      const itself = loggings.map((l) => logsToItself(l, bucket, verdict));
      if (itself.every((i) => i === true)) {
        report(`${label(bucket)} sends its server access logs to itself`, bucket.urn);
      }
    }
    verdict.finish();
  },
});
