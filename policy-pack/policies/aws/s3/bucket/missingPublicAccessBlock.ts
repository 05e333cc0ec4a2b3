import { bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";

/**
 * name: aws-s3-bucket-missing-public-access-block
 * description: Every S3 bucket has its own public-access block.
 * severity: critical
 * tags: aws-fsbp:S3.8, cis-aws:2.1.4
 *
 * The block is found through the `bucket` property's dependency on the bucket's URN, which is known
 * in a first preview; the block's settings are judged by
 * aws-s3-bucket-public-access-block-enable-all-blocks.
 */
export const missingPublicAccessBlock = stackPolicy({
  name: "aws-s3-bucket-missing-public-access-block",
  description: "Every S3 bucket has its own public-access block.",
  severity: "critical",
  tags: ["aws-fsbp:S3.8", "cis-aws:2.1.4"],
  remediationSteps:
    "Create an aws.s3.BucketPublicAccessBlock whose bucket is the bucket's id (bucket: bucket.id), " +
    "with all four settings true.",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    for (const bucket of index.ofType(...S3.bucket)) {
      if (bucketConfigs(index, bucket, S3.publicAccessBlock).length === 0) {
        report(`${label(bucket)} has no public-access block`, bucket.urn);
      }
    }
  },
});
