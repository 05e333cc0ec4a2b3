import { enforceBucketOwnerEnforced } from "../../../../../../policy-pack/policies/aws/s3/bucket/enforceBucketOwnerEnforced";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { archive, changed, config, T, unknownAdvisory, without } from "../../../../support/archive";

const NAME = "aws-s3-bucket-enforce-bucket-owner-enforced";
const ARCHIVE = archive();

const run = async (fixtures: Fixture[]) =>
  rows(await analyzeStack([enforceBucketOwnerEnforced], fixtures));
const ownership = (rule?: unknown) =>
  config(T.ownership, "audit-logs-ownership", "audit-logs", rule === undefined ? {} : { rule });

test("the archive passes in a first preview, with every id unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("a bucket without ownership controls is reported", async () => {
  expect(await run(without(ARCHIVE, "audit-access-logs-ownership"))).toEqual([
    [NAME, "mandatory", "audit-access-logs", "Bucket audit-access-logs has no ownership controls"],
  ]);
});

test("ownership controls that keep ACLs are reported with their setting", async () => {
  expect(await run(changed(ARCHIVE, ownership({ objectOwnership: "ObjectWriter" })))).toEqual([
    [
      NAME,
      "mandatory",
      "audit-logs",
      'Bucket audit-logs has object ownership "ObjectWriter", not "BucketOwnerEnforced"',
    ],
  ]);
});

test("a missing rule is reported as unset", async () => {
  expect(await run(changed(ARCHIVE, ownership()))).toEqual([
    [
      NAME,
      "mandatory",
      "audit-logs",
      'Bucket audit-logs has object ownership unset, not "BucketOwnerEnforced"',
    ],
  ]);
});

test("an unknown setting cannot be judged during preview", async () => {
  expect(await run(changed(ARCHIVE, ownership({ objectOwnership: UNKNOWN })))).toEqual([
    unknownAdvisory(NAME, "rule.objectOwnership"),
  ]);
});
