/**
 * Control drops of the EC2 policies, on a private instance and launch template: IMDSv2 only, no
 * public IP address, every EBS volume encrypted.
 */
import { disallowPublicIp } from "../../../../policy-pack/policies/aws/ec2/instance/disallowPublicIp";
import { enforceEncryptedVolumes } from "../../../../policy-pack/policies/aws/ec2/instance/enforceEncryptedVolumes";
import { enforceImdsv2 } from "../../../../policy-pack/policies/aws/ec2/instance/enforceImdsv2";
import { REMOVE } from "../edit";
import { computeStack, everywhereBut } from "./bases";
import { drop, type Entry, set } from "./entry";

export const ec2: Entry[] = [
  {
    policy: enforceImdsv2,
    base: computeStack,
    drops: [
      drop(
        "required tokens",
        /^metadata service accepts IMDSv1: httpTokens is "optional", not "required"$/,
        set("bastion", "metadataOptions.httpTokens", "optional"),
      ),
      drop(
        "the metadata options",
        /^metadata service accepts IMDSv1: httpTokens is unset, not "required"$/,
        set("workers", "metadataOptions", REMOVE),
      ),
    ],
    irrelevant: everywhereBut(computeStack, {
      bastion: [
        "ami",
        "instanceType",
        "subnetId",
        "associatePublicIpAddress",
        "rootBlockDevice",
        "ebsBlockDevices",
        "metadataOptions.httpEndpoint",
      ],
      workers: ["imageId", "networkInterfaces", "blockDeviceMappings"],
    }),
  },
  {
    policy: disallowPublicIp,
    base: computeStack,
    drops: [
      drop(
        "a private instance",
        /^instance gets a public IP address$/,
        set("bastion", "associatePublicIpAddress", true),
      ),
      drop(
        "private network interfaces",
        /^networkInterfaces\[0\] gets a public IP address$/,
        set("workers", "networkInterfaces.0.associatePublicIpAddress", "true"),
      ),
      drop(
        "a boolean setting",
        /^instance has associatePublicIpAddress "yes", not a boolean$/,
        set("bastion", "associatePublicIpAddress", "yes"),
      ),
    ],
    irrelevant: everywhereBut(computeStack, {
      bastion: [
        "ami",
        "instanceType",
        "subnetId",
        "rootBlockDevice",
        "ebsBlockDevices",
        "metadataOptions",
      ],
      workers: [
        "imageId",
        "blockDeviceMappings",
        "metadataOptions",
        "networkInterfaces.0.deviceIndex",
        "networkInterfaces.0.subnetId",
      ],
    }),
  },
  {
    policy: enforceEncryptedVolumes,
    base: computeStack,
    drops: [
      drop(
        "a declared root volume",
        /^root volume is not declared, so its encryption is left to the account default$/,
        set("bastion", "rootBlockDevice", REMOVE),
      ),
      drop(
        "an encrypted root volume",
        /^root volume is not encrypted$/,
        set("bastion", "rootBlockDevice.encrypted", false),
      ),
      drop(
        "an encrypted data volume",
        /^ebsBlockDevices\[0\] is not encrypted$/,
        set("bastion", "ebsBlockDevices.0.encrypted", REMOVE),
      ),
      drop(
        "an encrypted launch-template volume",
        /^blockDeviceMappings\[0\]\.ebs is not encrypted$/,
        set("workers", "blockDeviceMappings.0.ebs.encrypted", "false"),
      ),
      drop(
        "a list of data volumes",
        /^ebsBlockDevices is malformed$/,
        set("bastion", "ebsBlockDevices", { deviceName: "/dev/xvdb", encrypted: true }),
      ),
    ],
    irrelevant: everywhereBut(computeStack, {
      bastion: [
        "ami",
        "instanceType",
        "subnetId",
        "associatePublicIpAddress",
        "metadataOptions",
        "rootBlockDevice.volumeSize",
        "rootBlockDevice.volumeType",
        "rootBlockDevice.kmsKeyId",
        "ebsBlockDevices.0.deviceName",
        "ebsBlockDevices.0.volumeSize",
        "ebsBlockDevices.0.kmsKeyId",
      ],
      workers: [
        "imageId",
        "networkInterfaces",
        "metadataOptions",
        "blockDeviceMappings.0.deviceName",
        "blockDeviceMappings.0.ebs.volumeSize",
        "blockDeviceMappings.0.ebs.kmsKeyId",
      ],
    }),
  },
];
