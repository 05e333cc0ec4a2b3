import { enforceTls } from "../../../../../../policy-pack/policies/aws/s3/bucket/enforceTls";
import { denyInsecureTransport } from "../../../../../../infra/aws/policyDocument";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  archive,
  changed,
  config,
  NAMES,
  T,
  unknownAdvisory,
  without,
  withProps,
} from "../../../../support/archive";

const NAME = "aws-s3-bucket-enforce-tls";
const ARCHIVE = archive();
const ARN = NAMES.logBucketArn;
const DENY = denyInsecureTransport(ARN);

const run = async (fixtures: Fixture[]) => rows(await analyzeStack([enforceTls], fixtures));
const withPolicy = (policy: unknown, fixtures: Fixture[] = ARCHIVE) =>
  changed(fixtures, config(T.policy, "audit-logs-policy", "audit-logs", { policy }));
const withStatement = (statement: object, fixtures?: Fixture[]) =>
  withPolicy(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }), fixtures);
const violation = (text: string) => [NAME, "mandatory", "audit-logs", `Bucket audit-logs ${text}`];
const NO_DENY = violation("has a bucket policy that does not deny requests without TLS");

test("the archive passes in a first preview, with every id unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("a bucket without a policy is reported", async () => {
  expect(await run(without(ARCHIVE, "audit-logs-policy"))).toEqual([
    violation("has no bucket policy"),
  ]);
});

test("a policy that is not a readable document is reported", async () => {
  expect(await run(withPolicy("{ not json"))).toEqual([
    violation("has a bucket policy that is not a readable IAM policy document"),
  ]);
  expect(await run(withPolicy(JSON.stringify({ Statement: [{ Effect: "Maybe" }] })))).toEqual([
    violation("has a bucket policy that is not a readable IAM policy document"),
  ]);
});

test.each([
  ["allows instead of denying", { Effect: "Allow" }],
  ["exempts principals", { Principal: { AWS: "arn:aws:iam::111122223333:root" } }],
  ["denies only some actions", { Action: ["s3:GetObject", "s3:PutObject"] }],
  ["denies requests that do use TLS", { Condition: { Bool: { "aws:SecureTransport": "true" } } }],
  ["has no condition", { Condition: undefined }],
  [
    "narrows the deny with a further condition",
    {
      Condition: {
        Bool: { "aws:SecureTransport": "false" },
        StringEquals: { "aws:SourceVpc": "vpc-1" },
      },
    },
  ],
  ["leaves the objects out", { Resource: ARN }],
  ["leaves the bucket out", { Resource: `${ARN}/*` }],
  ["covers only some objects", { Resource: [ARN, `${ARN}/AWSLogs/*`] }],
  ["covers keys of one character only", { Resource: [ARN, `${ARN}/?`] }],
  ["denies only the actions a wildcard starts", { Action: "s3:Get*" }],
  ["denies only the actions a wildcard ends", { Action: "s3:*Object" }],
  [
    "also requires another key",
    { Condition: { Bool: { "aws:SecureTransport": "false", "aws:ViaAWSService": "false" } } },
  ],
  ["conditions on another key", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }],
  [
    "names another bucket",
    { Resource: ["arn:aws:s3:::other-bucket", "arn:aws:s3:::other-bucket/*"] },
  ],
])("a deny statement that %s does not count", async (_, change) => {
  expect(await run(withStatement({ ...DENY, ...change }))).toEqual([NO_DENY]);
});

test.each([
  ["Resource *", { Resource: "*" }],
  ["a wildcard bucket ARN", { Resource: `${ARN}*` }],
  ["Principal AWS *", { Principal: { AWS: "*" } }],
  ["Action *", { Action: "*" }],
  ["s3:* among other actions", { Action: ["s3:GetObject", "s3:*"] }],
  ["BoolIfExists and a boolean", { Condition: { BoolIfExists: { "aws:securetransport": false } } }],
  [
    "another partition",
    {
      Resource: ["arn:aws-cn:s3:::" + NAMES.logBucket, "arn:aws-cn:s3:::" + NAMES.logBucket + "/*"],
    },
  ],
])("a deny statement with %s counts", async (_, change) => {
  expect(await run(withStatement({ ...DENY, ...change }))).toEqual([]);
});

test("a bucket with several policies passes when one of them denies requests without TLS", async () => {
  const allowing = {
    Effect: "Allow",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: `${ARN}/*`,
  };
  const second = config(T.policy, "audit-logs-policy-2", "audit-logs", {
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [allowing] }),
  });
  expect(await run(changed(ARCHIVE, second))).toEqual([]);
  expect(await run(changed(withStatement(allowing), second))).toEqual([NO_DENY]);
});

test("a policy given as an object is read too", async () => {
  expect(await run(withPolicy({ Version: "2012-10-17", Statement: [DENY] }))).toEqual([]);
});

describe("while the bucket's name is unknown", () => {
  const unnamed = changed(ARCHIVE, withProps(ARCHIVE, "audit-logs", { bucket: UNKNOWN }));

  test("any one bucket's ARN and objects count, as AWS admits only the bucket's own", async () => {
    expect(
      await run(withStatement(denyInsecureTransport("arn:aws:s3:::generated"), unnamed)),
    ).toEqual([]);
  });

  test("the ARN and objects must still be of one bucket", async () => {
    expect(
      await run(
        withStatement({ ...DENY, Resource: ["arn:aws:s3:::one", "arn:aws:s3:::other/*"] }, unnamed),
      ),
    ).toEqual([NO_DENY]);
  });
});

test("an unknown policy document cannot be judged during preview", async () => {
  expect(await run(withPolicy(UNKNOWN))).toEqual([unknownAdvisory(NAME, "policy")]);
});
