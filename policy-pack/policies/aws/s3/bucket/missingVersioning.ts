import { bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";
import { field } from "../../../../lib/props";

/**
 * name: aws-s3-bucket-missing-versioning
 * description: Every S3 bucket has versioning.
 * severity: high
 * tags:
 *
 * A bucket passes with its own BucketVersioning, found through the `bucket` property's dependency
 * on the bucket's URN (known in a first preview), or with the deprecated inline versioning enabled.
 * The configuration's status is judged by aws-s3-bucket-enable-versioning.
 */
export const missingVersioning = stackPolicy({
  name: "aws-s3-bucket-missing-versioning",
  description: "Every S3 bucket has versioning.",
  severity: "high",
  remediationSteps:
    "Create an aws.s3.BucketVersioning whose bucket is the bucket's id (bucket: bucket.id), with " +
    'versioningConfiguration: { status: "Enabled" }.',
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const bucket of index.ofType(...S3.bucket)) {
      if (bucketConfigs(index, bucket, S3.versioning).length > 0) continue;
      const inline = verdict.read(() => {
        const list = bucket.props.versionings as unknown;
        return [
          bucket.props.versioning as unknown,
          ...(Array.isArray(list) ? (list as unknown[]) : [list]),
        ];
      });
      if (inline === UNKNOWN) continue;
      const enabled = inline.map((v) => verdict.read(() => field(v, "enabled")));
      if (enabled.includes(true) || enabled.includes(UNKNOWN)) continue;
      report(`${label(bucket)} has no versioning configuration`, bucket.urn);
    }
    verdict.finish();
  },
});
