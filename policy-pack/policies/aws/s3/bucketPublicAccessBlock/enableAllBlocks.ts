import { S3 } from "../../../../lib/aws";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

const SETTINGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

/**
 * name: aws-s3-bucket-public-access-block-enable-all-blocks
 * description: A bucket's public-access block turns on all four settings.
 * severity: critical
 * tags: aws-fsbp:S3.8, cis-aws:2.1.4
 */
export const enableAllBlocks = resourcePolicy({
  name: "aws-s3-bucket-public-access-block-enable-all-blocks",
  description: "A bucket's public-access block turns on all four settings.",
  severity: "critical",
  tags: ["aws-fsbp:S3.8", "cis-aws:2.1.4"],
  remediationSteps:
    "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true on " +
    "the aws.s3.BucketPublicAccessBlock. Share data through signed URLs or a CDN with origin access " +
    "control, never through a public bucket.",
  types: S3.publicAccessBlock,
  validate: (resource, report) => {
    const verdict = new Verdict();
    const off = SETTINGS.filter((s) => {
      const value = verdict.read(() => resource.props[s] as unknown);
      return value !== UNKNOWN && value !== true;
    });
    if (off.length > 0) report(`public-access block leaves ${off.join(", ")} off`);
    verdict.finish();
  },
});
