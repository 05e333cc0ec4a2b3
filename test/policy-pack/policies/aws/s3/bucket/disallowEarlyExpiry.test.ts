import { disallowEarlyExpiry } from "../../../../../../policy-pack/policies/aws/s3/bucket/disallowEarlyExpiry";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  ACCESS_LOG_LIFECYCLE_RULE,
  ARCHIVE_LIFECYCLE_RULE,
  archive,
  changed,
  config,
  T,
  unknownAdvisory,
  without,
} from "../../../../support/archive";

const NAME = "aws-s3-bucket-disallow-early-expiry";
const ARCHIVE = archive();
const RULE = 'lifecycle rule "archive-audit-logs"';

const run = async (fixtures: Fixture[], policyConfig: Record<string, unknown> = {}) =>
  rows(await analyzeStack([disallowEarlyExpiry], fixtures, { [NAME]: policyConfig }));
const lifecycle = (change: object, of = "audit-logs", base: object = ARCHIVE_LIFECYCLE_RULE) =>
  config(T.lifecycle, `${of}-lifecycle`, of, { rules: [{ ...base, ...change }] });
const lockDays = (days: unknown) =>
  config(T.objectLock, "audit-logs-object-lock", "audit-logs", {
    rule: { defaultRetention: { mode: "COMPLIANCE", days } },
  });
const violation = (text: string) => [NAME, "mandatory", "audit-logs", `Bucket audit-logs ${text}`];

test("the archive passes in a first preview, with every id unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("objects expiring before the Object Lock retention are reported", async () => {
  expect(await run(changed(ARCHIVE, lifecycle({ expiration: { days: 380 } })))).toEqual([
    violation(`expires objects after 380 days (${RULE}), before their 400-day retention ends`),
  ]);
});

test("noncurrent versions expiring early are reported", async () => {
  expect(
    await run(changed(ARCHIVE, lifecycle({ noncurrentVersionExpiration: { noncurrentDays: 90 } }))),
  ).toEqual([
    violation(
      `expires noncurrent versions after 90 days (${RULE}), before their 400-day retention ends`,
    ),
  ]);
});

test("an expiration on a fixed date is reported", async () => {
  expect(
    await run(changed(ARCHIVE, lifecycle({ expiration: { date: "2030-01-01T00:00:00Z" } }))),
  ).toEqual([
    violation(
      `expires objects on "2030-01-01T00:00:00Z" (${RULE}), before their 400-day retention ends`,
    ),
  ]);
});

test("a malformed number of days is reported", async () => {
  expect(await run(changed(ARCHIVE, lifecycle({ expiration: { days: "400" } })))).toEqual([
    violation(
      `expires objects after an invalid number of days ("400") (${RULE}), before their 400-day retention ends`,
    ),
  ]);
});

test("expirations at or after the retention, delete markers and disabled rules pass", async () => {
  const expiring = {
    expiration: { days: 400 },
    noncurrentVersionExpiration: { noncurrentDays: 400 },
  };
  expect(await run(changed(ARCHIVE, lifecycle(expiring)))).toEqual([]);
  expect(
    await run(changed(ARCHIVE, lifecycle({ expiration: { expiredObjectDeleteMarker: true } }))),
  ).toEqual([]);
  expect(
    await run(changed(ARCHIVE, lifecycle({ status: "Disabled", expiration: { days: 1 } }))),
  ).toEqual([]);
});

test("without Object Lock the retention is minRetentionDays, which is configurable", async () => {
  const unlocked = without(ARCHIVE, "audit-logs-object-lock");
  expect(await run(changed(unlocked, lifecycle({ expiration: { days: 380 } })))).toEqual([]);
  expect(
    await run(changed(unlocked, lifecycle({ expiration: { days: 380 } })), {
      minRetentionDays: 500,
    }),
  ).toEqual([
    violation(`expires objects after 380 days (${RULE}), before their 500-day retention ends`),
  ]);
});

test("a rule without an id is named by its position", async () => {
  const rule = Object.fromEntries(
    Object.entries(ARCHIVE_LIFECYCLE_RULE).filter(([key]) => key !== "id"),
  );
  expect(
    await run(changed(ARCHIVE, lifecycle({ expiration: { days: 30 } }, "audit-logs", rule))),
  ).toEqual([
    violation(
      "expires objects after 30 days (lifecycle rule #1), before their 400-day retention ends",
    ),
  ]);
});

test("only audit-log buckets are judged", async () => {
  expect(
    await run(
      changed(
        ARCHIVE,
        lifecycle({ expiration: { days: 30 } }, "audit-access-logs", ACCESS_LOG_LIFECYCLE_RULE),
      ),
    ),
  ).toEqual([]);
});

test("an unknown expiration cannot be judged during preview", async () => {
  expect(await run(changed(ARCHIVE, lifecycle({ expiration: { days: UNKNOWN } })))).toEqual([
    unknownAdvisory(NAME, "rules.0.expiration.days"),
  ]);
});

test("an unknown Object Lock retention matters only when something expires", async () => {
  expect(await run(changed(ARCHIVE, lockDays(UNKNOWN)))).toEqual([]);
  expect(
    await run(changed(ARCHIVE, lockDays(UNKNOWN), lifecycle({ expiration: { days: 380 } }))),
  ).toEqual([unknownAdvisory(NAME, "rule.defaultRetention.days")]);
});

test("an Object Lock retention in years counts 365 days a year; a malformed one counts none", async () => {
  const lockYears = (years: unknown) =>
    config(T.objectLock, "audit-logs-object-lock", "audit-logs", {
      rule: { defaultRetention: { mode: "COMPLIANCE", years } },
    });
  const expiring = lifecycle({ expiration: { days: 700 } });
  expect(await run(changed(ARCHIVE, lockYears(2), expiring))).toEqual([
    violation(`expires objects after 700 days (${RULE}), before their 730-day retention ends`),
  ]);
  expect(await run(changed(ARCHIVE, lockYears("2"), expiring))).toEqual([]);
  expect(await run(changed(ARCHIVE, lockDays("800"), expiring))).toEqual([]);
});
