import { configureLogs } from "../../../../../../policy-pack/policies/aws/codebuild/project/configureLogs";
import { analyzeStack, type Fixture, rows, UNKNOWN, unknownRow } from "../../../../support/analyze";
import { runner } from "../../../../support/runners";

const NAME = "aws-codebuild-project-configure-logs";

const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([configureLogs], fixtures, config));
const violation = (text: string) => [NAME, "mandatory", "runner-small", text];
const cloudwatch = (cloudwatchLogs: Record<string, unknown>) => ({
  logsConfig: { cloudwatchLogs },
});
/** The runner with its project's logsConfig depending on no resource (a literal group name). */
const byName = (groupName: unknown) =>
  runner({ project: cloudwatch({ status: "ENABLED", groupName }) }).map((f) =>
    f.name === "runner-small" ? { ...f, deps: { ...f.deps, logsConfig: [] } } : f,
  );

test("the runner passes in a first preview, its log group found by dependency", async () => {
  expect(await check(runner())).toEqual([]);
});

test("a never-expiring log group passes", async () => {
  expect(await check(runner({ logGroup: { retentionInDays: undefined } }))).toEqual([]);
  expect(await check(runner({ logGroup: { retentionInDays: 0 } }))).toEqual([]);
});

test("a literal group name finds the stack's log group of that name", async () => {
  expect(await check(byName("/ci/runners/small"))).toEqual([]);
  expect(
    await check(
      byName("/ci/runners/small").map((f) =>
        f.name === "runner-small-logs" ? { ...f, props: { ...f.props, retentionInDays: 7 } } : f,
      ),
    ),
  ).toEqual([
    violation(
      "Project runner-small logs to LogGroup runner-small-logs, which keeps events only 7 days (minimum 365)",
    ),
  ]);
});

test("a group name outside the stack is reported", async () => {
  expect(await check(byName("/aws/codebuild/ci-runner-small"))).toEqual([
    violation(
      'Project runner-small logs to "/aws/codebuild/ci-runner-small", which is no log group of this stack',
    ),
  ]);
});

test("disabled CloudWatch logs are reported", async () => {
  expect(await check(runner({ project: cloudwatch({ status: "DISABLED" }) }))).toEqual([
    violation("Project runner-small has CloudWatch build logs disabled"),
  ]);
});

test("a malformed status is reported", async () => {
  expect(
    await check(runner({ project: cloudwatch({ status: "ON", groupName: UNKNOWN }) })),
  ).toEqual([violation('Project runner-small has CloudWatch build-log status "ON"')]);
});

test("a project naming no log group is reported", async () => {
  const text =
    "Project runner-small names no log group, so CodeBuild logs to an unencrypted, never-expiring one";
  expect(await check(runner({ project: { logsConfig: undefined } }))).toEqual([violation(text)]);
  expect(await check(runner({ project: cloudwatch({ status: "ENABLED" }) }))).toEqual([
    violation(text),
  ]);
  expect(
    await check(runner({ project: cloudwatch({ status: "ENABLED", groupName: "" }) })),
  ).toEqual([violation(text)]);
});

test("a log group with a short retention is reported", async () => {
  expect(await check(runner({ logGroup: { retentionInDays: 30 } }))).toEqual([
    violation(
      "Project runner-small logs to LogGroup runner-small-logs, which keeps events only 30 days (minimum 365)",
    ),
  ]);
});

test("a malformed retention is reported", async () => {
  expect(await check(runner({ logGroup: { retentionInDays: "400" } }))).toEqual([
    violation(
      'Project runner-small logs to LogGroup runner-small-logs, whose retentionInDays "400" is not a number of days',
    ),
  ]);
});

test("an unencrypted log group is reported", async () => {
  expect(await check(runner({ logGroup: { kmsKeyId: undefined } }))).toEqual([
    violation(
      "Project runner-small logs to LogGroup runner-small-logs, which is not encrypted with a KMS key",
    ),
  ]);
});

test("minRetentionDays raises the minimum", async () => {
  expect(await check(runner(), { [NAME]: { minRetentionDays: 731 } })).toEqual([
    violation(
      "Project runner-small logs to LogGroup runner-small-logs, which keeps events only 400 days (minimum 731)",
    ),
  ]);
});

test("an unknown group name without a dependency cannot pass: the SDK's advisory", async () => {
  expect(await check(byName(UNKNOWN))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-codebuild-project-configure-logs' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .logsConfig.cloudwatchLogs.groupName can't be known during preview",
    ],
  ]);
});

test("a retention of exactly the minimum passes; a null one never expires", async () => {
  expect(await check(runner({ logGroup: { retentionInDays: 365 } }))).toEqual([]);
  expect(await check(runner({ logGroup: { retentionInDays: null } }))).toEqual([]);
});

test("a status left null is CodeBuild's default, enabled", async () => {
  const nullStatus = runner({
    project: cloudwatch({ status: null, groupName: "/ci/runners/small" }),
  });
  expect(await check(nullStatus)).toEqual([]);
});

test("cloudwatchLogs set to null names no log group", async () => {
  expect(await check(runner({ project: { logsConfig: { cloudwatchLogs: null } } }))).toEqual([
    violation(
      "Project runner-small names no log group, so CodeBuild logs to an unencrypted, never-expiring one",
    ),
  ]);
});

test("only the log groups among the logsConfig's sources are judged", async () => {
  const fixtures = runner().map((f) =>
    f.name === "runner-small"
      ? { ...f, deps: { ...f.deps, logsConfig: ["runner-small-logs", "runner-key"] } }
      : f,
  );
  expect(await check(fixtures)).toEqual([]);
});

test("unknown logs settings or retention cannot pass: the SDK's advisory alone", async () => {
  expect(await check(runner({ project: { logsConfig: { cloudwatchLogs: UNKNOWN } } }))).toEqual([
    unknownRow(NAME, ".logsConfig.cloudwatchLogs"),
  ]);
  expect(await check(runner({ project: cloudwatch({ status: UNKNOWN }) }))).toEqual([
    unknownRow(NAME, ".logsConfig.cloudwatchLogs.status"),
  ]);
  expect(await check(runner({ logGroup: { retentionInDays: UNKNOWN } }))).toEqual([
    unknownRow(NAME, ".retentionInDays"),
  ]);
});
