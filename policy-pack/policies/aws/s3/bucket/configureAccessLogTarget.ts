import { accessLogTargets, bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { earlyExpiry, expiries } from "../../../../lib/lifecycle";
import { StackIndex } from "../../../../lib/stackIndex";
import { has, Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-s3-bucket-configure-access-log-target
 * description: Buckets receiving server access logs accept delivery and keep the logs long enough.
 * severity: high
 * tags:
 *
 * Applies to the buckets that receive another bucket's S3 server access logs or are tagged
 * `soc2:audit-role: access-logs`; a logging whose unknown target does not depend on a bucket is
 * taken to point elsewhere. AWS does not deliver server access logs to a bucket with an Object Lock
 * default retention, so none may be configured; and no enabled lifecycle rule may expire objects or
 * noncurrent versions before `minRetentionDays`.
 */
export const configureAccessLogTarget = stackPolicy<{ minRetentionDays: number }>({
  name: "aws-s3-bucket-configure-access-log-target",
  description:
    "Buckets receiving server access logs accept delivery and keep the logs long enough.",
  severity: "high",
  remediationSteps:
    "Remove the default retention from the access-log bucket's aws.s3.BucketObjectLockConfiguration " +
    "(keep its versioning and lifecycle instead), and set expiration.days and " +
    "noncurrentVersionExpiration.noncurrentDays of its aws.s3.BucketLifecycleConfiguration to at " +
    "least minRetentionDays, with no expiration.date.",
  config: {
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      default: 365,
      description: "The fewest days server access logs are kept.",
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const bucket of accessLogTargets(index, verdict)) {
      const retentions = bucketConfigs(index, bucket, S3.objectLock).map((lock) =>
        verdict.read(() => {
          const rule = lock.props.rule as unknown;
          return typeof rule === "object" && rule !== null && has(rule, "defaultRetention");
        }),
      );
      if (retentions.includes(true)) {
        report(
          `${label(bucket)} receives server access logs but has an Object Lock default retention, ` +
            "so AWS does not deliver them",
          bucket.urn,
        );
      }
      for (const e of expiries(index, bucket, verdict)) {
        const problem = earlyExpiry(e, config.minRetentionDays);
        if (problem) report(`${label(bucket)} ${problem}`, bucket.urn);
      }
    }
    verdict.finish();
  },
});
