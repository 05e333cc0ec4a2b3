import { LOG_GROUP } from "../../../../lib/aws";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-cloudwatch-log-group-configure-retention
 * description: CloudWatch log groups keep their events for at least the minimum retention.
 * severity: medium
 * tags:
 *
 * An unset retentionInDays, or 0, keeps events forever.
 */
export const configureRetention = resourcePolicy<{ minRetentionDays: number }>({
  name: "aws-cloudwatch-log-group-configure-retention",
  description: "CloudWatch log groups keep their events for at least the minimum retention.",
  severity: "medium",
  remediationSteps:
    "Set retentionInDays on the aws.cloudwatch.LogGroup to at least the configured minimum (one " +
    "of the values CloudWatch accepts, e.g. 400), or leave it unset to keep events forever.",
  config: {
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      default: 365,
      description: "The shortest retentionInDays a log group may have; 0 or unset never expires.",
    },
  },
  types: [LOG_GROUP],
  validate: (resource, report, config) => {
    const verdict = new Verdict();
    const days = verdict.read(() => resource.props.retentionInDays as unknown);
    if (days !== UNKNOWN && days !== undefined && days !== 0) {
      if (typeof days !== "number" || !Number.isFinite(days)) {
        report(`log group has retentionInDays ${JSON.stringify(days)}, not a number of days`);
      } else if (days < config.minRetentionDays) {
        report(`log group keeps events only ${days} days (minimum ${config.minRetentionDays})`);
      }
    }
    verdict.finish();
  },
});
