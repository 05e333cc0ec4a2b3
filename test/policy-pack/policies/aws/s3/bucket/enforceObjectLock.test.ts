import { enforceObjectLock } from "../../../../../../policy-pack/policies/aws/s3/bucket/enforceObjectLock";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  archive,
  changed,
  config,
  T,
  unknownAdvisory,
  without,
  withProps,
} from "../../../../support/archive";

const NAME = "aws-s3-bucket-enforce-object-lock";
const ARCHIVE = archive();

const run = async (fixtures: Fixture[], policyConfig: Record<string, unknown> = {}) =>
  rows(await analyzeStack([enforceObjectLock], fixtures, { [NAME]: policyConfig }));
const lock = (defaultRetention?: object) =>
  config(T.objectLock, "audit-logs-object-lock", "audit-logs", {
    objectLockEnabled: "Enabled",
    ...(defaultRetention ? { rule: { defaultRetention } } : {}),
  });
const violation = (text: string) => [
  NAME,
  "mandatory",
  "audit-logs",
  `Bucket audit-logs holds audit logs but ${text}`,
];

test("the archive passes in a first preview, with every id unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("a bucket created without Object Lock is reported", async () => {
  expect(
    await run(changed(ARCHIVE, withProps(ARCHIVE, "audit-logs", { objectLockEnabled: false }))),
  ).toEqual([violation("does not have Object Lock enabled")]);
});

test("a bucket without a default retention is reported", async () => {
  expect(await run(without(ARCHIVE, "audit-logs-object-lock"))).toEqual([
    violation("has no Object Lock default retention"),
  ]);
  expect(await run(changed(ARCHIVE, lock()))).toEqual([
    violation("has no Object Lock default retention"),
  ]);
});

test("a mode that is not allowed is reported", async () => {
  expect(await run(changed(ARCHIVE, lock({ mode: "GOVERNANCE", days: 400 })))).toEqual([
    violation('has Object Lock mode "GOVERNANCE", not COMPLIANCE'),
  ]);
});

test("a sandbox stack may allow GOVERNANCE", async () => {
  expect(
    await run(changed(ARCHIVE, lock({ mode: "GOVERNANCE", days: 400 })), {
      allowedModes: ["COMPLIANCE", "GOVERNANCE"],
    }),
  ).toEqual([]);
});

test("a retention shorter than minRetentionDays is reported", async () => {
  expect(await run(changed(ARCHIVE, lock({ mode: "COMPLIANCE", days: 30 })))).toEqual([
    violation("keeps objects locked 30 days, less than 365 days"),
  ]);
});

test("minRetentionDays is configurable, and a year counts 365 days", async () => {
  expect(await run(ARCHIVE, { minRetentionDays: 500 })).toEqual([
    violation("keeps objects locked 400 days, less than 500 days"),
  ]);
  expect(await run(changed(ARCHIVE, lock({ mode: "COMPLIANCE", years: 1 })))).toEqual([]);
  expect(
    await run(changed(ARCHIVE, lock({ mode: "COMPLIANCE", years: 1 })), { minRetentionDays: 366 }),
  ).toEqual([violation("keeps objects locked 1 year, less than 366 days")]);
});

test("a malformed retention is reported", async () => {
  expect(await run(changed(ARCHIVE, lock({ mode: "COMPLIANCE", days: "400" })))).toEqual([
    violation("has an Object Lock default retention without a valid number of days or years"),
  ]);
  expect(await run(changed(ARCHIVE, lock({ days: 400 })))).toEqual([
    violation("has Object Lock mode unset, not COMPLIANCE"),
  ]);
});

test("only audit-log buckets are judged, recognized through the trail too", async () => {
  const untagged = withProps(ARCHIVE, "audit-logs", { tags: {}, objectLockEnabled: false });
  expect(await run(changed(ARCHIVE, untagged))).toEqual([
    violation("does not have Object Lock enabled"),
  ]);
  const trailElsewhere = {
    ...withProps(ARCHIVE, "audit-trail", { s3BucketName: "elsewhere" }),
    deps: {},
  };
  expect(await run(changed(ARCHIVE, untagged, trailElsewhere))).toEqual([]);
});

test("an unknown retention or flag cannot be judged during preview", async () => {
  expect(await run(changed(ARCHIVE, lock({ mode: "COMPLIANCE", days: UNKNOWN })))).toEqual([
    unknownAdvisory(NAME, "rule.defaultRetention.days"),
  ]);
  expect(
    await run(changed(ARCHIVE, withProps(ARCHIVE, "audit-logs", { objectLockEnabled: UNKNOWN }))),
  ).toEqual([unknownAdvisory(NAME, "objectLockEnabled")]);
});

test("a retention of zero or fewer days is not a valid number", async () => {
  for (const days of [0, -30]) {
    expect(await run(changed(ARCHIVE, lock({ mode: "COMPLIANCE", days })))).toEqual([
      violation("has an Object Lock default retention without a valid number of days or years"),
    ]);
  }
});

test("every allowed mode is named", async () => {
  expect(
    await run(changed(ARCHIVE, lock({ mode: "LEGAL_HOLD", days: 400 })), {
      allowedModes: ["COMPLIANCE", "GOVERNANCE"],
    }),
  ).toEqual([violation('has Object Lock mode "LEGAL_HOLD", not COMPLIANCE or GOVERNANCE')]);
});

test("a null default retention is none", async () => {
  const nullRetention = config(T.objectLock, "audit-logs-object-lock", "audit-logs", {
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: null },
  });
  expect(await run(changed(ARCHIVE, nullRetention))).toEqual([
    violation("has no Object Lock default retention"),
  ]);
});

test("an unknown mode or default retention cannot be judged during preview", async () => {
  expect(await run(changed(ARCHIVE, lock({ mode: UNKNOWN, days: 400 })))).toEqual([
    unknownAdvisory(NAME, "rule.defaultRetention.mode"),
  ]);
  const unknownRetention = config(T.objectLock, "audit-logs-object-lock", "audit-logs", {
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: UNKNOWN },
  });
  expect(await run(changed(ARCHIVE, unknownRetention))).toEqual([
    unknownAdvisory(NAME, "rule.defaultRetention"),
  ]);
});
