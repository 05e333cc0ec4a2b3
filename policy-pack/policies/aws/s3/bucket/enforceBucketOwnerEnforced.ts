import { bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";
import { field, shown } from "../../../../lib/props";

/**
 * name: aws-s3-bucket-enforce-bucket-owner-enforced
 * description: Every S3 bucket disables ACLs with BucketOwnerEnforced object ownership.
 * severity: high
 * tags: aws-fsbp:S3.12
 *
 * The ownership controls are found through their `bucket` dependency on the bucket's URN, known in
 * a first preview.
 */
export const enforceBucketOwnerEnforced = stackPolicy({
  name: "aws-s3-bucket-enforce-bucket-owner-enforced",
  description: "Every S3 bucket disables ACLs with BucketOwnerEnforced object ownership.",
  severity: "high",
  tags: ["aws-fsbp:S3.12"],
  remediationSteps:
    "Create an aws.s3.BucketOwnershipControls whose bucket is the bucket's id (bucket: bucket.id), " +
    'with rule: { objectOwnership: "BucketOwnerEnforced" }, and grant access through policies ' +
    "instead of ACLs.",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const bucket of index.ofType(...S3.bucket)) {
      const controls = bucketConfigs(index, bucket, S3.ownership);
      if (controls.length === 0) {
        report(`${label(bucket)} has no ownership controls`, bucket.urn);
        continue;
      }
      for (const control of controls) {
        const ownership = verdict.read(() => field(control.props.rule, "objectOwnership"));
        if (ownership !== UNKNOWN && ownership !== "BucketOwnerEnforced") {
          report(
            `${label(bucket)} has object ownership ${shown(ownership)}, not "BucketOwnerEnforced"`,
            bucket.urn,
          );
        }
      }
    }
    verdict.finish();
  },
});
