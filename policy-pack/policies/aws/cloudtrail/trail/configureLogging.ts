import { CLOUDTRAIL_TRAIL } from "../../../../lib/aws";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { isSet } from "../../../../lib/props";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

const on = (v: unknown) => v === true;
// AWS records global service events and logs unless these are set to false.
const notOff = (v: unknown) => v === undefined || v === true;

/** Each flag a trail that records the account needs, with what its absence is called. */
const FLAGS: [key: string, ok: (value: unknown) => boolean, gap: string][] = [
  ["isMultiRegionTrail", on, "is not multi-region"],
  ["includeGlobalServiceEvents", notOff, "leaves out global service events"],
  ["enableLogFileValidation", on, "has no log-file validation"],
  ["enableLogging", notOff, "has logging stopped"],
];
/** References judged by presence: their ARNs are unknown in a first preview. */
const REFERENCES = [
  ["kmsKeyId", "has no KMS key for its log files"],
  ["cloudWatchLogsGroupArn", "delivers to no CloudWatch log group"],
];

/**
 * name: aws-cloudtrail-trail-configure-logging
 * description: A trail logs all regions, validated, KMS-encrypted and delivered to CloudWatch Logs.
 * severity: high
 * tags: aws-fsbp:CloudTrail.2, aws-fsbp:CloudTrail.4, cis-aws:3.1, cis-aws:3.2, cis-aws:3.5
 *
 * The KMS key and the log group are judged by presence: their ARNs are unknown in a first preview.
 * aws-cloudtrail-trail-missing-audit-trail runs this policy on each candidate audit trail.
 */
export const configureLogging = resourcePolicy({
  name: "aws-cloudtrail-trail-configure-logging",
  description:
    "A trail logs all regions, validated, KMS-encrypted and delivered to CloudWatch Logs.",
  severity: "high",
  tags: [
    "aws-fsbp:CloudTrail.2",
    "aws-fsbp:CloudTrail.4",
    "cis-aws:3.1",
    "cis-aws:3.2",
    "cis-aws:3.5",
  ],
  remediationSteps:
    "On the aws.cloudtrail.Trail set isMultiRegionTrail: true, enableLogFileValidation: true, " +
    "kmsKeyId: key.arn and cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*` (with " +
    "cloudWatchLogsRoleArn), and leave includeGlobalServiceEvents and enableLogging unset or true.",
  types: [CLOUDTRAIL_TRAIL],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    for (const [key, ok, gap] of FLAGS) {
      const value = verdict.read(() => props[key] as unknown);
      if (value !== UNKNOWN && !ok(value)) report(`trail ${gap}`);
    }
    for (const [key, gap] of REFERENCES) if (!isSet(props, key)) report(`trail ${gap}`);
    verdict.finish();
  },
});
