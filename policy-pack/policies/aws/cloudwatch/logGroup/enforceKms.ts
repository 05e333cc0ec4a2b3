import { LOG_GROUP } from "../../../../lib/aws";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { isSet } from "../../../../lib/props";

/**
 * name: aws-cloudwatch-log-group-enforce-kms
 * description: CloudWatch log groups are encrypted with a customer-managed KMS key.
 * severity: medium
 * tags:
 *
 * Judged by presence: the key's ARN is unknown in a first preview, and an unknown value counts as
 * set, since the program set it.
 */
export const enforceKms = resourcePolicy({
  name: "aws-cloudwatch-log-group-enforce-kms",
  description: "CloudWatch log groups are encrypted with a customer-managed KMS key.",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyId: key.arn on the aws.cloudwatch.LogGroup, with a key policy that lets the " +
    "logs.<region>.amazonaws.com service use the key for this log group.",
  types: [LOG_GROUP],
  validate: (resource, report) => {
    if (!isSet(resource.props, "kmsKeyId")) report("log group is not encrypted with a KMS key");
  },
});
