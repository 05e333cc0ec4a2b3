import { configureAccessLogTarget } from "../../../../../../policy-pack/policies/aws/s3/bucket/configureAccessLogTarget";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  ACCESS_LOG_LIFECYCLE_RULE,
  archive,
  changed,
  config,
  T,
  unknownAdvisory,
  withProps,
} from "../../../../support/archive";

const NAME = "aws-s3-bucket-configure-access-log-target";
const ARCHIVE = archive();
const RULE = 'lifecycle rule "retain-access-logs"';

const run = async (fixtures: Fixture[], policyConfig: Record<string, unknown> = {}) =>
  rows(await analyzeStack([configureAccessLogTarget], fixtures, { [NAME]: policyConfig }));
const lifecycle = (change: object) =>
  config(T.lifecycle, "audit-access-logs-lifecycle", "audit-access-logs", {
    rules: [{ ...ACCESS_LOG_LIFECYCLE_RULE, ...change }],
  });
const lock = (rule?: unknown) =>
  config(
    T.objectLock,
    "audit-access-logs-object-lock",
    "audit-access-logs",
    rule === undefined ? { objectLockEnabled: "Enabled" } : { objectLockEnabled: "Enabled", rule },
  );
const violation = (text: string) => [
  NAME,
  "mandatory",
  "audit-access-logs",
  `Bucket audit-access-logs ${text}`,
];

test("the archive passes in a first preview, with every id and target unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("a default retention, which stops log delivery, is reported", async () => {
  expect(
    await run(changed(ARCHIVE, lock({ defaultRetention: { mode: "GOVERNANCE", days: 1 } }))),
  ).toEqual([
    violation(
      "receives server access logs but has an Object Lock default retention, so AWS does not deliver them",
    ),
  ]);
});

test("an Object Lock configuration without a default retention passes", async () => {
  expect(await run(changed(ARCHIVE, lock()))).toEqual([]);
});

test("objects or noncurrent versions expiring before minRetentionDays are reported", async () => {
  expect(await run(changed(ARCHIVE, lifecycle({ expiration: { days: 90 } })))).toEqual([
    violation(`expires objects after 90 days (${RULE}), before their 365-day retention ends`),
  ]);
  expect(
    await run(changed(ARCHIVE, lifecycle({ noncurrentVersionExpiration: { noncurrentDays: 30 } }))),
  ).toEqual([
    violation(
      `expires noncurrent versions after 30 days (${RULE}), before their 365-day retention ends`,
    ),
  ]);
});

test("minRetentionDays is configurable", async () => {
  expect(await run(ARCHIVE, { minRetentionDays: 4000 })).toEqual([
    violation(`expires objects after 3653 days (${RULE}), before their 4000-day retention ends`),
    violation(
      `expires noncurrent versions after 3653 days (${RULE}), before their 4000-day retention ends`,
    ),
  ]);
});

test("only targets of server access logs are judged, recognized through the logging too", async () => {
  const untagged = withProps(ARCHIVE, "audit-access-logs", { tags: {} });
  const shortLived = lifecycle({ expiration: { days: 90 } });
  expect(await run(changed(ARCHIVE, untagged, shortLived))).toEqual([
    violation(`expires objects after 90 days (${RULE}), before their 365-day retention ends`),
  ]);
  const elsewhere = {
    ...withProps(ARCHIVE, "audit-logs-access-logging", { targetBucket: "central-logs" }),
    deps: { bucket: ["audit-logs"] },
  };
  expect(await run(changed(ARCHIVE, untagged, shortLived, elsewhere))).toEqual([]);
});

test("an unknown lock rule or expiration cannot be judged during preview", async () => {
  expect(await run(changed(ARCHIVE, lock(UNKNOWN)))).toEqual([unknownAdvisory(NAME, "rule")]);
  expect(
    await run(
      changed(ARCHIVE, lifecycle({ noncurrentVersionExpiration: { noncurrentDays: UNKNOWN } })),
    ),
  ).toEqual([unknownAdvisory(NAME, "rules.0.noncurrentVersionExpiration.noncurrentDays")]);
});

test("an Object Lock configuration with a null rule has no default retention", async () => {
  expect(await run(changed(ARCHIVE, lock(null)))).toEqual([]);
});
