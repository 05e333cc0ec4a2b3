import { missingPublicAccessBlock } from "../../../../../../policy-pack/policies/aws/s3/bucket/missingPublicAccessBlock";
import { reportStackUses } from "../../../../../../policy-pack/policies/soc2/exception/reportStackUses";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";

const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

const bucket = (name: string): Fixture => ({ type: BUCKET, name, props: { bucket: UNKNOWN } });
const block = (name: string, of: string): Fixture => ({
  type: PAB,
  name,
  props: {
    bucket: UNKNOWN,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  },
  deps: { bucket: [of] },
});

test("a bucket with its own block passes, even with every id unknown", async () => {
  expect(
    await analyzeStack([missingPublicAccessBlock], [bucket("logs"), block("logs-pab", "logs")]),
  ).toEqual([]);
});

test("a bucket without a block is reported by name", async () => {
  expect(
    rows(
      await analyzeStack(
        [missingPublicAccessBlock],
        [bucket("logs"), bucket("data"), block("logs-pab", "logs")],
      ),
    ),
  ).toEqual([
    [
      "aws-s3-bucket-missing-public-access-block",
      "mandatory",
      "data",
      "Bucket data has no public-access block",
    ],
  ]);
});

test("a block of another bucket does not count", async () => {
  expect(
    rows(
      await analyzeStack(
        [missingPublicAccessBlock],
        [bucket("logs"), bucket("data"), block("pab", "logs")],
      ),
    ).map((r) => r[2]),
  ).toEqual(["data"]);
});

test("an approved exception silences the violation and is reported as an advisory", async () => {
  const config = {
    "aws-s3-bucket-missing-public-access-block": {
      exceptions: [
        {
          urn: "*::data",
          reason: "Public website assets served through CloudFront",
          approver: "ciso@example.com",
          expires: "2999-12-31",
        },
      ],
    },
  };
  expect(
    rows(await analyzeStack([missingPublicAccessBlock, reportStackUses], [bucket("data")], config)),
  ).toEqual([
    [
      "soc2-exception-report-stack-uses",
      "advisory",
      "data",
      "exception to aws-s3-bucket-missing-public-access-block applied (approved by ciso@example.com, expires 2999-12-31): Public website assets served through CloudFront — suppressed violation: Bucket data has no public-access block",
    ],
  ]);
});

test("an expired exception no longer applies", async () => {
  const config = {
    "aws-s3-bucket-missing-public-access-block": {
      exceptions: [
        {
          urn: "*::data",
          reason: "Public website assets served through CloudFront",
          approver: "ciso@example.com",
          expires: "2020-01-31",
        },
      ],
    },
  };
  expect(
    rows(await analyzeStack([missingPublicAccessBlock, reportStackUses], [bucket("data")], config)),
  ).toEqual([
    [
      "aws-s3-bucket-missing-public-access-block",
      "mandatory",
      "data",
      "Bucket data has no public-access block",
    ],
    [
      "soc2-exception-report-stack-uses",
      "advisory",
      "data",
      "exception to aws-s3-bucket-missing-public-access-block expired on 2020-01-31 and no longer applies: Bucket data has no public-access block",
    ],
  ]);
});
