import { enforceKms } from "../../../../../../policy-pack/policies/aws/cloudwatch/logGroup/enforceKms";
import { analyzeResource, type Fixture, rows } from "../../../../support/analyze";
import { auditLogGroup } from "../../../../support/auditFixtures";

const NAME = "aws-cloudwatch-log-group-enforce-kms";

const group = auditLogGroup;

const check = async (fixture: Fixture) => rows(await analyzeResource([enforceKms], fixture));

test("the baseline's log group passes with its key's ARN unknown", async () => {
  expect(await check(group())).toEqual([]);
});

test("a known key ARN passes", async () => {
  expect(
    await check(group({ kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd" })),
  ).toEqual([]);
});

test("a log group without a key is reported", async () => {
  expect(await check(group({ kmsKeyId: undefined }))).toEqual([
    [NAME, "advisory", "", "log group is not encrypted with a KMS key"],
  ]);
});

test("an empty key is no key", async () => {
  expect(await check(group({ kmsKeyId: "" }))).toEqual([
    [NAME, "advisory", "", "log group is not encrypted with a KMS key"],
  ]);
});
