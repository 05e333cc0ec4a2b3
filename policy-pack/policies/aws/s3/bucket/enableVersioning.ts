import { S3 } from "../../../../lib/aws";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";
import { field, shown } from "../../../../lib/props";

const VERSIONING: readonly string[] = S3.versioning;

/**
 * name: aws-s3-bucket-enable-versioning
 * description: A bucket's versioning is enabled, never suspended or disabled.
 * severity: high
 * tags:
 *
 * Judges a BucketVersioning's `versioningConfiguration.status`, and the deprecated inline
 * `versioning` (Bucket) or `versionings` (BucketV2) a bucket may still carry. Whether every bucket
 * has versioning at all is aws-s3-bucket-missing-versioning's concern.
 */
export const enableVersioning = resourcePolicy({
  name: "aws-s3-bucket-enable-versioning",
  description: "A bucket's versioning is enabled, never suspended or disabled.",
  severity: "high",
  remediationSteps:
    'Set versioningConfiguration.status to "Enabled" on the aws.s3.BucketVersioning, and remove the ' +
    "deprecated inline versioning argument from the aws.s3.Bucket.",
  types: [...S3.versioning, ...S3.bucket],
  validate: (resource, report) => {
    const verdict = new Verdict();
    if (VERSIONING.includes(resource.type)) {
      const status = verdict.read(() => field(resource.props.versioningConfiguration, "status"));
      if (status !== UNKNOWN && status !== "Enabled") {
        report(`versioning is ${shown(status)}, not "Enabled"`);
      }
    } else {
      const inline = verdict.read(() => {
        const list = resource.props.versionings as unknown;
        return [
          resource.props.versioning as unknown,
          ...(Array.isArray(list) ? (list as unknown[]) : [list]),
        ];
      });
      const enabled =
        inline === UNKNOWN
          ? []
          : inline
              .filter((v) => v !== undefined && v !== null)
              .map((v) => verdict.read(() => field(v, "enabled")));
      if (enabled.some((e) => e !== UNKNOWN && e !== true)) {
        report("deprecated inline versioning is not enabled");
      }
    }
    verdict.finish();
  },
});
