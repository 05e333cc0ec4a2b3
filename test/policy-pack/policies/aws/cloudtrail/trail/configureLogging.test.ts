import { configureLogging } from "../../../../../../policy-pack/policies/aws/cloudtrail/trail/configureLogging";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { auditTrail } from "../../../../support/auditFixtures";

const NAME = "aws-cloudtrail-trail-configure-logging";

const trail = (props: Record<string, unknown> = {}) => auditTrail("audit-trail", props);

const check = async (fixture: Fixture) => rows(await analyzeResource([configureLogging], fixture));
const violation = (text: string) => [NAME, "mandatory", "", text];

test("the baseline's trail passes in a first preview, its ARNs unknown", async () => {
  expect(await check(trail())).toEqual([]);
});

test("settings AWS turns on by default may be left unset", async () => {
  expect(
    await check(trail({ includeGlobalServiceEvents: undefined, enableLogging: undefined })),
  ).toEqual([]);
});

test.each([
  ["isMultiRegionTrail unset", { isMultiRegionTrail: undefined }, "trail is not multi-region"],
  ["isMultiRegionTrail false", { isMultiRegionTrail: false }, "trail is not multi-region"],
  [
    "enableLogFileValidation unset",
    { enableLogFileValidation: undefined },
    "trail has no log-file validation",
  ],
  [
    "includeGlobalServiceEvents false",
    { includeGlobalServiceEvents: false },
    "trail leaves out global service events",
  ],
  ["enableLogging false", { enableLogging: false }, "trail has logging stopped"],
  ['enableLogging "false"', { enableLogging: "false" }, "trail has logging stopped"],
  ["kmsKeyId unset", { kmsKeyId: undefined }, "trail has no KMS key for its log files"],
  ["kmsKeyId empty", { kmsKeyId: "" }, "trail has no KMS key for its log files"],
  [
    "cloudWatchLogsGroupArn unset",
    { cloudWatchLogsGroupArn: undefined },
    "trail delivers to no CloudWatch log group",
  ],
])("%s is reported", async (_, change, text) => {
  expect(await check(trail(change))).toEqual([violation(text)]);
});

test("each missing setting is its own violation", async () => {
  expect(await check(trail({ isMultiRegionTrail: false, kmsKeyId: undefined }))).toEqual([
    violation("trail is not multi-region"),
    violation("trail has no KMS key for its log files"),
  ]);
});

test("an unknown flag cannot pass: the SDK's advisory, after the known violations", async () => {
  expect(await check(trail({ enableLogFileValidation: UNKNOWN, kmsKeyId: undefined }))).toEqual([
    violation("trail has no KMS key for its log files"),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-cloudtrail-trail-configure-logging' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .enableLogFileValidation can't be known during preview",
    ],
  ]);
});
