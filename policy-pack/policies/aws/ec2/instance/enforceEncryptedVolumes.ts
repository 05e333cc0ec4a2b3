import { eachEntry, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { field, shown } from "../../../../lib/props";
import { type Maybe, UNKNOWN, Verdict } from "../../../../lib/unknowns";

/** Instances take a boolean, launch templates a string that the provider reads as one. */
const isOn = (value: unknown) => value === true || value === "true";

/**
 * name: aws-ec2-instance-enforce-encrypted-volumes
 * description: EC2 instances and launch templates encrypt every EBS volume they define.
 * severity: high
 * tags: aws-fsbp:EC2.3
 *
 * An instance must declare its root volume encrypted: the account's default EBS encryption may be
 * off, and an unset root block device takes the AMI's unencrypted snapshot as it is.
 */
export const enforceEncryptedVolumes = resourcePolicy({
  name: "aws-ec2-instance-enforce-encrypted-volumes",
  description: "EC2 instances and launch templates encrypt every EBS volume they define.",
  severity: "high",
  tags: ["aws-fsbp:EC2.3"],
  remediationSteps:
    "On the aws.ec2.Instance set rootBlockDevice: { encrypted: true } and encrypted: true on " +
    'every ebsBlockDevices entry; on the aws.ec2.LaunchTemplate set ebs.encrypted: "true" on ' +
    "every blockDeviceMappings entry. Add kmsKeyId: key.arn to use a customer-managed key.",
  types: [EC2_INSTANCE, EC2_LAUNCH_TEMPLATE],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    const judge = (encrypted: Maybe<unknown>, subject: string) => {
      if (encrypted === UNKNOWN || isOn(encrypted)) return;
      report(
        encrypted === undefined ||
          encrypted === null ||
          encrypted === false ||
          encrypted === "false"
          ? `${subject} is not encrypted`
          : `${subject} has encrypted ${shown(encrypted)}, not a boolean`,
      );
    };
    /** A list property, reported when malformed. */
    const list = (key: string): unknown => {
      const value = verdict.read(() => props[key] as unknown);
      const absent = value === UNKNOWN || value === undefined || value === null;
      if (!absent && !Array.isArray(value)) report(`${key} is malformed`);
      return value;
    };
    if (resource.type === EC2_INSTANCE) {
      const root = verdict.read(() => props.rootBlockDevice as unknown);
      if (root === undefined || root === null) {
        report("root volume is not declared, so its encryption is left to the account default");
      } else if (root !== UNKNOWN) {
        judge(
          verdict.read(() => field(root, "encrypted")),
          "root volume",
        );
      }
      eachEntry(verdict, list("ebsBlockDevices"), "encrypted").forEach((encrypted, i) =>
        judge(encrypted, `ebsBlockDevices[${i}]`),
      );
    } else {
      const mappings = list("blockDeviceMappings");
      const volumes = eachEntry(verdict, mappings, "ebs");
      eachEntry(verdict, mappings, "ebs", "encrypted").forEach((encrypted, i) => {
        // Instance-store and suppressed mappings have no EBS volume to encrypt.
        const ebs = volumes[i];
        if (ebs !== UNKNOWN && ebs !== undefined && ebs !== null) {
          judge(encrypted, `blockDeviceMappings[${i}].ebs`);
        }
      });
    }
    verdict.finish();
  },
});
