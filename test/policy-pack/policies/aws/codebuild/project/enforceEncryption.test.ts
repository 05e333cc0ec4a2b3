import { enforceEncryption } from "../../../../../../policy-pack/policies/aws/codebuild/project/enforceEncryption";
import { analyzeResource, rows, UNKNOWN, unknownRow } from "../../../../support/analyze";
import { projectProps, R } from "../../../../support/runners";

const NAME = "aws-codebuild-project-enforce-encryption";

const check = async (changes: Record<string, unknown> = {}) =>
  rows(
    await analyzeResource([enforceEncryption], {
      type: R.project,
      name: "runner-small",
      props: projectProps(changes),
    }),
  );
const violation = (text: string) => [NAME, "mandatory", "", text];
const s3Logs = (s3: Record<string, unknown>) => ({
  logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: UNKNOWN }, s3Logs: s3 },
});

test("the runner project passes in a first preview, its key ARN unknown", async () => {
  expect(await check()).toEqual([]);
});

test("without a KMS key the project is reported", async () => {
  expect(await check({ encryptionKey: undefined })).toEqual([
    violation("build output is not encrypted with a customer-managed KMS key"),
  ]);
  expect(await check({ encryptionKey: "" })).toEqual([
    violation("build output is not encrypted with a customer-managed KMS key"),
  ]);
});

test("enabled S3 logs with encryption disabled are reported", async () => {
  expect(
    await check(s3Logs({ status: "ENABLED", location: "ci-logs/small", encryptionDisabled: true })),
  ).toEqual([violation("S3 build logs are written unencrypted")]);
});

test("a malformed encryptionDisabled on enabled S3 logs is reported", async () => {
  expect(await check(s3Logs({ status: "ENABLED", encryptionDisabled: "yes" }))).toEqual([
    violation('S3 build logs have encryptionDisabled "yes", not a boolean'),
  ]);
});

test("encryptionDisabled on S3 logs that are off, or unset status, passes", async () => {
  expect(await check(s3Logs({ status: "DISABLED", encryptionDisabled: true }))).toEqual([]);
  expect(await check(s3Logs({ encryptionDisabled: true }))).toEqual([]);
  expect(await check({ logsConfig: undefined })).toEqual([]);
});

test("an unknown S3 log status is needed only when encryption is disabled", async () => {
  expect(await check(s3Logs({ status: UNKNOWN, encryptionDisabled: false }))).toEqual([]);
  expect(
    await check({
      encryptionKey: undefined,
      ...s3Logs({ status: UNKNOWN, encryptionDisabled: true }),
    }),
  ).toEqual([
    violation("build output is not encrypted with a customer-managed KMS key"),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-codebuild-project-enforce-encryption' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .logsConfig.s3Logs.status can't be known during preview",
    ],
  ]);
});

test("enabled S3 logs pass when encryptionDisabled is false, null or unset", async () => {
  for (const encryptionDisabled of [false, null]) {
    expect(await check(s3Logs({ status: "ENABLED", encryptionDisabled }))).toEqual([]);
  }
  expect(await check(s3Logs({ status: "ENABLED" }))).toEqual([]);
});

test("an unknown encryptionDisabled on enabled S3 logs cannot pass: the SDK's advisory alone", async () => {
  expect(await check(s3Logs({ status: "ENABLED", encryptionDisabled: UNKNOWN }))).toEqual([
    unknownRow(NAME, ".logsConfig.s3Logs.encryptionDisabled"),
  ]);
});
