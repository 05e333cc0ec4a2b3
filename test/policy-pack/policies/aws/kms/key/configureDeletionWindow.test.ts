import { configureDeletionWindow } from "../../../../../../policy-pack/policies/aws/kms/key/configureDeletionWindow";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { auditKey } from "../../../../support/auditFixtures";

const NAME = "aws-kms-key-configure-deletion-window";

const key = auditKey;

const check = async (fixture: Fixture, config = {}) =>
  rows(await analyzeResource([configureDeletionWindow], fixture, config));

test("a 30-day window passes, set or left to AWS's default", async () => {
  expect(await check(key())).toEqual([]);
  expect(await check(key({ deletionWindowInDays: undefined }))).toEqual([]);
});

test("a shorter window is reported", async () => {
  expect(await check(key({ deletionWindowInDays: 7 }))).toEqual([
    [NAME, "mandatory", "", "deletion window of 7 days is shorter than the minimum of 30"],
  ]);
});

test("a malformed window is reported", async () => {
  expect(await check(key({ deletionWindowInDays: null }))).toEqual([
    [NAME, "mandatory", "", "deletionWindowInDays null is not a number of days"],
  ]);
});

test("minDeletionWindowDays relaxes the minimum", async () => {
  expect(
    await check(key({ deletionWindowInDays: 14 }), { [NAME]: { minDeletionWindowDays: 14 } }),
  ).toEqual([]);
});

test("an unknown window cannot pass: the SDK's advisory", async () => {
  expect(await check(key({ deletionWindowInDays: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-kms-key-configure-deletion-window' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .deletionWindowInDays can't be known during preview",
    ],
  ]);
});
