/**
 * What a bucket's lifecycle rules delete, and whether that comes before a retention ends: only
 * enabled rules, found through their `bucket` dependency, each expiration as a message names it.
 */
import { earlyExpiry, expiries } from "../../../policy-pack/lib/lifecycle";
import { StackIndex } from "../../../policy-pack/lib/stackIndex";
import { Verdict } from "../../../policy-pack/lib/unknowns";
import { type Fixture, UNKNOWN } from "../support/analyze";
import { resourcesOf } from "../support/stack";

const lifecycle = (
  name: string,
  rules: unknown,
  type = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
): Fixture => ({
  type,
  name,
  props: { bucket: UNKNOWN, rules },
  deps: { bucket: ["logs"] },
});

async function expiriesOf(...configs: Fixture[]) {
  const resources = await resourcesOf([{ type: "aws:s3/bucket:Bucket", name: "logs" }, ...configs]);
  const verdict = new Verdict();
  const found = expiries(new StackIndex(resources), resources[0], verdict);
  return { found, complete: verdict.complete };
}

test("each expiration of each enabled rule, named by its id or position", async () => {
  const { found, complete } = await expiriesOf(
    lifecycle("a", [
      { id: "objects", status: "Enabled", expiration: { days: 400 } },
      {
        status: "Enabled",
        expiration: { date: "2030-01-01" },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
      { id: "off", status: "Disabled", expiration: { days: 1 } },
      { id: 7, status: "Enabled", expiration: { days: "ten" } },
      {
        id: "none",
        status: "Enabled",
        expiration: {},
        noncurrentVersionExpiration: { noncurrentDays: null },
      },
      { id: "forever", status: "Enabled", expiration: { days: Infinity } },
    ]),
    lifecycle(
      "b",
      [{ id: "v2", status: "Enabled", expiration: { days: 10 } }],
      "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    ),
  );
  expect(found).toEqual([
    { rule: 'lifecycle rule "objects"', what: "objects", when: "after 400 days", days: 400 },
    { rule: "lifecycle rule #2", what: "objects", when: 'on "2030-01-01"' },
    { rule: "lifecycle rule #2", what: "noncurrent versions", when: "after 30 days", days: 30 },
    { rule: "lifecycle rule #4", what: "objects", when: 'after an invalid number of days ("ten")' },
    {
      rule: 'lifecycle rule "none"',
      what: "noncurrent versions",
      when: "after an invalid number of days (null)",
    },
    {
      rule: 'lifecycle rule "forever"',
      what: "objects",
      when: "after an invalid number of days (null)",
    },
    { rule: 'lifecycle rule "v2"', what: "objects", when: "after 10 days", days: 10 },
  ]);
  expect(complete).toBe(true);
});

test("unknown rules, statuses and values are recorded and left out", async () => {
  expect(await expiriesOf(lifecycle("a", UNKNOWN))).toEqual({ found: [], complete: false });
  expect(
    await expiriesOf(lifecycle("a", [{ id: "x", status: UNKNOWN, expiration: { days: 1 } }])),
  ).toEqual({ found: [], complete: false });
  expect(
    await expiriesOf(
      lifecycle("a", [{ id: "x", status: "Enabled", expiration: { days: UNKNOWN } }]),
    ),
  ).toEqual({ found: [], complete: false });
  expect(await expiriesOf(lifecycle("a", "malformed"))).toEqual({ found: [], complete: true });
});

test("an expiry is early unless it waits at least the retention", () => {
  const rule = 'lifecycle rule "objects"';
  expect(
    earlyExpiry({ rule, what: "objects", when: "after 365 days", days: 365 }, 365),
  ).toBeUndefined();
  expect(earlyExpiry({ rule, what: "objects", when: "after 364 days", days: 364 }, 365)).toBe(
    'expires objects after 364 days (lifecycle rule "objects"), before their 365-day retention ends',
  );
  expect(earlyExpiry({ rule, what: "noncurrent versions", when: 'on "2030-01-01"' }, 30)).toBe(
    'expires noncurrent versions on "2030-01-01" (lifecycle rule "objects"), before their 30-day retention ends',
  );
});
