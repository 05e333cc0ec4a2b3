import { eachEntry, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { shown } from "../../../../lib/props";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/** Instances take a boolean, launch templates a string that the provider reads as one. */
const isOn = (value: unknown) => value === true || value === "true";
const isOff = (value: unknown) =>
  value === undefined || value === null || value === false || value === "false" || value === "";

/**
 * name: aws-ec2-instance-disallow-public-ip
 * description: EC2 instances and launch templates do not assign public IP addresses.
 * severity: high
 * tags: aws-fsbp:EC2.9, aws-fsbp:EC2.25
 *
 * An unset value leaves the choice to the subnet; reach the internet through a NAT gateway and
 * instances through Session Manager instead.
 */
export const disallowPublicIp = resourcePolicy({
  name: "aws-ec2-instance-disallow-public-ip",
  description: "EC2 instances and launch templates do not assign public IP addresses.",
  severity: "high",
  tags: ["aws-fsbp:EC2.9", "aws-fsbp:EC2.25"],
  remediationSteps:
    "Leave associatePublicIpAddress unset or false on the aws.ec2.Instance, and on every entry " +
    "of networkInterfaces of the aws.ec2.LaunchTemplate; place instances in private subnets, " +
    "with outbound traffic through a NAT gateway and access through SSM Session Manager.",
  types: [EC2_INSTANCE, EC2_LAUNCH_TEMPLATE],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const judge = (value: unknown, subject: string) => {
      if (value === UNKNOWN || isOff(value)) return;
      report(
        isOn(value)
          ? `${subject} gets a public IP address`
          : `${subject} has associatePublicIpAddress ${shown(value)}, not a boolean`,
      );
    };
    if (resource.type === EC2_INSTANCE) {
      judge(
        verdict.read(() => resource.props.associatePublicIpAddress as unknown),
        "instance",
      );
    } else {
      const interfaces = verdict.read(() => resource.props.networkInterfaces as unknown);
      if (interfaces !== UNKNOWN && !isOff(interfaces) && !Array.isArray(interfaces)) {
        report("launch template has malformed networkInterfaces");
      }
      eachEntry(verdict, interfaces, "associatePublicIpAddress").forEach((value, i) =>
        judge(value, `networkInterfaces[${i}]`),
      );
    }
    verdict.finish();
  },
});
