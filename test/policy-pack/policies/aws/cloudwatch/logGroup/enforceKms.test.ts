import { enforceKms } from "../../../../../../policy-pack/policies/aws/cloudwatch/logGroup/enforceKms";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";

const NAME = "aws-cloudwatch-log-group-enforce-kms";

/** Props without the keys set to undefined, which the engine would not send. */
const defined = (props: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));

/** The trail's log group as the baseline registers it, in a first preview. */
const group = (props: Record<string, unknown> = {}): Fixture => ({
  type: "aws:cloudwatch/logGroup:LogGroup",
  name: "audit-trail-log-group",
  props: defined({
    name: "/example/audit-trail",
    retentionInDays: 400,
    kmsKeyId: UNKNOWN,
    ...props,
  }),
  protect: true,
});

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
