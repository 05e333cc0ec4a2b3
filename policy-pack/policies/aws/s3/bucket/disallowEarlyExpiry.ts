import type { PolicyResource } from "@pulumi/policy";
import { auditLogBuckets, bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { earlyExpiry, expiries } from "../../../../lib/lifecycle";
import { StackIndex } from "../../../../lib/stackIndex";
import { field, hasKey } from "../../../../lib/props";
import { type Maybe, UNKNOWN, Verdict } from "../../../../lib/unknowns";

/** The longest Object Lock default retention of the bucket in days, 0 when it has none. */
function lockDays(index: StackIndex, bucket: PolicyResource, verdict: Verdict): Maybe<number> {
  const days = bucketConfigs(index, bucket, S3.objectLock).map((lock) =>
    verdict.read(() => {
      const retention = field(lock.props.rule, "defaultRetention");
      const unit = hasKey(retention, "days") ? "days" : "years";
      const count = field(retention, unit);
      return typeof count === "number" ? count * (unit === "years" ? 365 : 1) : 0;
    }),
  );
  return days.includes(UNKNOWN) ? UNKNOWN : Math.max(0, ...(days as number[]));
}

/**
 * name: aws-s3-bucket-disallow-early-expiry
 * description: No lifecycle rule deletes audit logs before their retention ends.
 * severity: high
 * tags:
 *
 * Applies to the buckets a CloudTrail trail writes to or tagged `soc2:audit-role: audit-logs`; a
 * trail whose unknown target does not depend on a bucket is taken to write elsewhere. The retention
 * is the longer of `minRetentionDays` and the bucket's own Object Lock default retention (a year
 * counting 365 days); the lock is read only when some enabled rule expires anything. A rule that
 * only removes expired delete markers is fine.
 */
export const disallowEarlyExpiry = stackPolicy<{ minRetentionDays: number }>({
  name: "aws-s3-bucket-disallow-early-expiry",
  description: "No lifecycle rule deletes audit logs before their retention ends.",
  severity: "high",
  remediationSteps:
    "In the aws.s3.BucketLifecycleConfiguration of the audit-log bucket, remove expiration.date and " +
    "set expiration.days and noncurrentVersionExpiration.noncurrentDays to at least the retention, " +
    "or drop them and keep the logs in a colder storage class through transitions.",
  config: {
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      default: 365,
      description: "The fewest days audit logs are kept, whatever their Object Lock says.",
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const bucket of auditLogBuckets(index, verdict)) {
      const found = expiries(index, bucket, verdict);
      if (found.length === 0) continue;
      const lock = lockDays(index, bucket, verdict);
      const retention = Math.max(config.minRetentionDays, lock === UNKNOWN ? 0 : lock);
      for (const problem of found.map((e) => earlyExpiry(e, retention))) {
        if (problem) report(`${label(bucket)} ${problem}`, bucket.urn);
      }
    }
    verdict.finish();
  },
});
