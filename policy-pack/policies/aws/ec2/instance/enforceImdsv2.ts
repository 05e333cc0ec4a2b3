import { EC2_INSTANCE, EC2_LAUNCH_TEMPLATE } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { field, shown } from "../../../../lib/props";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-ec2-instance-enforce-imdsv2
 * description: EC2 instances and launch templates require IMDSv2 session tokens.
 * severity: high
 * tags: aws-fsbp:EC2.8, aws-fsbp:EC2.170
 *
 * Unset, httpTokens is "optional": IMDSv1 answers a plain GET, which a server-side request forgery
 * can turn into the instance role's credentials.
 */
export const enforceImdsv2 = resourcePolicy({
  name: "aws-ec2-instance-enforce-imdsv2",
  description: "EC2 instances and launch templates require IMDSv2 session tokens.",
  severity: "high",
  tags: ["aws-fsbp:EC2.8", "aws-fsbp:EC2.170"],
  remediationSteps:
    'Set metadataOptions: { httpTokens: "required" } on the aws.ec2.Instance or ' +
    "aws.ec2.LaunchTemplate (keep httpPutResponseHopLimit at 1 unless containers need the " +
    "metadata service).",
  types: [EC2_INSTANCE, EC2_LAUNCH_TEMPLATE],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const tokens = verdict.read(() => field(resource.props.metadataOptions, "httpTokens"));
    if (tokens !== UNKNOWN && tokens !== "required") {
      report(`metadata service accepts IMDSv1: httpTokens is ${shown(tokens)}, not "required"`);
    }
    verdict.finish();
  },
});
