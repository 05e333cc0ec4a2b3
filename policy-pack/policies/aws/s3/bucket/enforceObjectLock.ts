import type { PolicyResource } from "@pulumi/policy";
import { auditLogBuckets, bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { has, UNKNOWN, Verdict } from "../../../../lib/unknowns";
import { field, shown } from "../../../../lib/props";

interface Config {
  allowedModes: string[];
  minRetentionDays: number;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && Number(value) > 0;

/** The problems of one default retention, with `days` or `years` converted to days. */
function retentionProblems(retention: object, config: Config, verdict: Verdict): string[] {
  const problems: string[] = [];
  const mode = verdict.read(() => field(retention, "mode"));
  if (mode !== UNKNOWN && !(typeof mode === "string" && config.allowedModes.includes(mode))) {
    problems.push(`has Object Lock mode ${shown(mode)}, not ${config.allowedModes.join(" or ")}`);
  }
  const unit = has(retention, "days") ? "days" : "years";
  const count = verdict.read(() => field(retention, unit));
  if (count === UNKNOWN) return problems;
  if (!isCount(count)) {
    problems.push("has an Object Lock default retention without a valid number of days or years");
  } else if (count * (unit === "years" ? 365 : 1) < config.minRetentionDays) {
    problems.push(
      `keeps objects locked ${count} ${count === 1 ? unit.slice(0, -1) : unit}, less than ` +
        `${config.minRetentionDays} days`,
    );
  }
  return problems;
}

function lockProblems(index: StackIndex, bucket: PolicyResource, config: Config, verdict: Verdict) {
  const problems: string[] = [];
  const enabled = verdict.read(() => bucket.props.objectLockEnabled as unknown);
  if (enabled !== UNKNOWN && enabled !== true) problems.push("does not have Object Lock enabled");
  const retentions = bucketConfigs(index, bucket, S3.objectLock).map((lock) =>
    verdict.read(() => field(lock.props.rule, "defaultRetention")),
  );
  if (retentions.includes(UNKNOWN)) return problems;
  const known = retentions.filter((r): r is object => typeof r === "object" && r !== null);
  if (known.length === 0) problems.push("has no Object Lock default retention");
  return problems.concat(known.flatMap((r) => retentionProblems(r, config, verdict)));
}

/**
 * name: aws-s3-bucket-enforce-object-lock
 * description: Audit-log buckets lock every object version, in an allowed mode, for the retention.
 * severity: critical
 * tags:
 *
 * Applies to the buckets a CloudTrail trail writes to or tagged `soc2:audit-role: audit-logs`; a
 * trail whose unknown target does not depend on a bucket is taken to write elsewhere. The bucket
 * needs `objectLockEnabled: true` and an Object Lock configuration (found through its `bucket`
 * dependency) whose default retention has an allowed mode and lasts at least `minRetentionDays`,
 * a year counting 365 days.
 */
export const enforceObjectLock = stackPolicy<Config>({
  name: "aws-s3-bucket-enforce-object-lock",
  description:
    "Audit-log buckets lock every object version, in an allowed mode, for the retention.",
  severity: "critical",
  remediationSteps:
    "Set objectLockEnabled: true on the aws.s3.Bucket (only possible when it is created) and create " +
    "an aws.s3.BucketObjectLockConfiguration whose bucket is the bucket's id, with rule: " +
    '{ defaultRetention: { mode: "COMPLIANCE", days: <at least minRetentionDays> } }.',
  config: {
    allowedModes: {
      type: "array",
      items: { type: "string", enum: ["COMPLIANCE", "GOVERNANCE"] },
      minItems: 1,
      default: ["COMPLIANCE"],
      description:
        "Object Lock modes allowed for audit logs; sandbox stacks may add GOVERNANCE, which " +
        "privileged principals can bypass.",
    },
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      default: 365,
      description: "The shortest default retention, in days, for audit logs.",
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const bucket of auditLogBuckets(index, verdict)) {
      for (const problem of lockProblems(index, bucket, config, verdict)) {
        report(`${label(bucket)} holds audit logs but ${problem}`, bucket.urn);
      }
    }
    verdict.finish();
  },
});
