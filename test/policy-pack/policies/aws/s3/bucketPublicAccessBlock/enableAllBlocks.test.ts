import { enableAllBlocks } from "../../../../../../policy-pack/policies/aws/s3/bucketPublicAccessBlock/enableAllBlocks";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";

const NAME = "aws-s3-bucket-public-access-block-enable-all-blocks";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

const ALL_ON = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};
// Analyze diagnostics carry no URN (the engine files them under the resource it asked about), so
// rows name no resource.
const block = (settings: Record<string, unknown>): Fixture => ({
  type: PAB,
  name: "logs-pab",
  props: { bucket: UNKNOWN, ...settings },
});

test("a block with all four settings on passes, with the bucket id unknown", async () => {
  expect(await analyzeResource([enableAllBlocks], block(ALL_ON))).toEqual([]);
});

test("a setting turned off is named", async () => {
  expect(
    rows(await analyzeResource([enableAllBlocks], block({ ...ALL_ON, blockPublicPolicy: false }))),
  ).toEqual([[NAME, "mandatory", "", "public-access block leaves blockPublicPolicy off"]]);
});

test("absent and non-boolean settings count as off, listed in one violation", async () => {
  const three = { blockPublicPolicy: true, restrictPublicBuckets: true };
  expect(
    rows(await analyzeResource([enableAllBlocks], block({ ...three, blockPublicAcls: "true" }))),
  ).toEqual([
    [NAME, "mandatory", "", "public-access block leaves blockPublicAcls, ignorePublicAcls off"],
  ]);
});

test("an unknown setting cannot be judged during preview", async () => {
  expect(
    rows(
      await analyzeResource(
        [enableAllBlocks],
        block({ ...ALL_ON, restrictPublicBuckets: UNKNOWN }),
      ),
    ),
  ).toEqual([
    [
      NAME,
      "advisory",
      "",
      `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .restrictPublicBuckets can't be known during preview`,
    ],
  ]);
});

test("settings known to be off are reported even when another is unknown", async () => {
  expect(
    rows(
      await analyzeResource(
        [enableAllBlocks],
        block({ ...ALL_ON, blockPublicAcls: false, restrictPublicBuckets: UNKNOWN }),
      ),
    ),
  ).toEqual([
    [NAME, "mandatory", "", "public-access block leaves blockPublicAcls off"],
    [
      NAME,
      "advisory",
      "",
      `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .restrictPublicBuckets can't be known during preview`,
    ],
  ]);
});

test("other resource types are not judged", async () => {
  expect(
    await analyzeResource([enableAllBlocks], {
      type: "aws:s3/bucket:Bucket",
      name: "logs",
      props: { bucket: "logs", blockPublicAcls: false },
    }),
  ).toEqual([]);
});
