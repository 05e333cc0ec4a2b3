import { configureRetention } from "../../../../../../policy-pack/policies/aws/cloudwatch/logGroup/configureRetention";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { auditLogGroup } from "../../../../support/auditFixtures";

const NAME = "aws-cloudwatch-log-group-configure-retention";

const group = auditLogGroup;

const check = async (fixture: Fixture, config = {}) =>
  rows(await analyzeResource([configureRetention], fixture, config));

test("the baseline's log group passes", async () => {
  expect(await check(group())).toEqual([]);
});

test("a log group that never expires passes, retention unset or 0", async () => {
  expect(await check(group({ retentionInDays: undefined }))).toEqual([]);
  expect(await check(group({ retentionInDays: 0 }))).toEqual([]);
});

test("a shorter retention is reported", async () => {
  expect(await check(group({ retentionInDays: 30 }))).toEqual([
    [NAME, "advisory", "", "log group keeps events only 30 days (minimum 365)"],
  ]);
});

test("a malformed retention is reported", async () => {
  expect(await check(group({ retentionInDays: "400" }))).toEqual([
    [NAME, "advisory", "", 'log group has retentionInDays "400", not a number of days'],
  ]);
});

test("minRetentionDays raises the minimum", async () => {
  expect(await check(group(), { [NAME]: { minRetentionDays: 731 } })).toEqual([
    [NAME, "advisory", "", "log group keeps events only 400 days (minimum 731)"],
  ]);
});

test("an unknown retention cannot pass: the SDK's advisory", async () => {
  expect(await check(group({ retentionInDays: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-cloudwatch-log-group-configure-retention' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .retentionInDays can't be known during preview",
    ],
  ]);
});

test("a retention of exactly the minimum passes", async () => {
  expect(await check(group({ retentionInDays: 365 }))).toEqual([]);
  expect(await check(group({ retentionInDays: 364 }))).toEqual([
    [NAME, "advisory", "", "log group keeps events only 364 days (minimum 365)"],
  ]);
});
