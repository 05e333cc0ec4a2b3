import { missingAuditTrail } from "../../../../../../policy-pack/policies/aws/cloudtrail/trail/missingAuditTrail";
import {
  analyzeStack,
  type Fixture,
  notApplicableToStack,
  rows,
  UNKNOWN,
} from "../../../../support/analyze";
import { auditTrail, auditTrailStack, TRAIL_DEPS } from "../../../../support/auditFixtures";

const NAME = "aws-cloudtrail-trail-missing-audit-trail";
const T = {
  key: "aws:kms/key:Key",
  bucket: "aws:s3/bucket:Bucket",
  objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  trail: "aws:cloudtrail/trail:Trail",
};

const trail = (name: string, props: Record<string, unknown> = {}): Fixture => ({
  ...auditTrail(name, props),
  deps: TRAIL_DEPS,
});

/** The audit archive as the baseline registers it, in a first preview. */
const baseline = auditTrailStack;

const changed = (fixtures: Fixture[], name: string, change: Partial<Fixture>): Fixture[] =>
  fixtures.map((f) => (f.name === name ? { ...f, ...change } : f));
const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([missingAuditTrail], fixtures, config));
const lacking = (why: string) => [
  [NAME, "mandatory", "", `no trail records the account as the audit trail must: ${why}`],
];

test("the baseline passes in a first preview, every id and ARN unknown", async () => {
  expect(await check(baseline())).toEqual([]);
});

test("a stack without a trail is reported", async () => {
  expect(await check(baseline().filter((f) => f.type !== T.trail))).toEqual([
    [NAME, "mandatory", "", "the stack has no CloudTrail trail"],
  ]);
});

test("an unprotected trail does not count", async () => {
  expect(await check(changed(baseline(), "audit-trail", { protect: false }))).toEqual(
    lacking("Trail audit-trail is not protected"),
  );
});

test("a trail without a logging setting does not count", async () => {
  const fixtures = changed(baseline(), "audit-trail", {
    props: trail("audit-trail", { enableLogFileValidation: false }).props,
  });
  expect(await check(fixtures)).toEqual(lacking("Trail audit-trail has no log-file validation"));
});

test("a trail that delivers to no log group does not count", async () => {
  const fixtures = changed(baseline(), "audit-trail", {
    props: trail("audit-trail", { cloudWatchLogsGroupArn: undefined }).props,
  });
  expect(await check(fixtures)).toEqual(
    lacking("Trail audit-trail delivers to no CloudWatch log group"),
  );
});

test("an unprotected bucket does not count", async () => {
  expect(await check(changed(baseline(), "audit-logs", { protect: false }))).toEqual(
    lacking("Trail audit-trail writes to Bucket audit-logs, which is not protected"),
  );
});

test("a bucket without Object Lock does not count", async () => {
  expect(await check(baseline().filter((f) => f.type !== T.objectLock))).toEqual(
    lacking(
      "Trail audit-trail writes to Bucket audit-logs, which has no Object Lock configuration",
    ),
  );
});

test("a bucket outside the stack does not count", async () => {
  const fixtures = changed(baseline(), "audit-trail", {
    props: trail("audit-trail", { s3BucketName: "someone-elses-bucket" }).props,
    deps: { kmsKeyId: ["audit-key"], cloudWatchLogsGroupArn: ["audit-trail-log-group"] },
  });
  expect(await check(fixtures)).toEqual(
    lacking("Trail audit-trail writes to no bucket of this stack"),
  );
});

test("a bucket named literally by the trail counts", async () => {
  const fixtures = changed(baseline(), "audit-trail", {
    props: trail("audit-trail", { s3BucketName: "example-audit-logs" }).props,
    deps: { kmsKeyId: ["audit-key"], cloudWatchLogsGroupArn: ["audit-trail-log-group"] },
  });
  expect(await check(fixtures)).toEqual([]);
});

test("a log group outside the stack does not count", async () => {
  const fixtures = changed(baseline(), "audit-trail", {
    props: trail("audit-trail", {
      cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:/other:*",
    }).props,
    deps: { s3BucketName: ["audit-logs"], kmsKeyId: ["audit-key"] },
  });
  expect(await check(fixtures)).toEqual(
    lacking("Trail audit-trail delivers to no log group of this stack"),
  );
});

test("a log group that keeps events too briefly does not count", async () => {
  const fixtures = changed(baseline(), "audit-trail-log-group", {
    props: { name: "/example/audit-trail", retentionInDays: 30, kmsKeyId: UNKNOWN },
  });
  expect(await check(fixtures)).toEqual(
    lacking(
      "Trail audit-trail delivers to LogGroup audit-trail-log-group, which keeps events only 30 days (minimum 365)",
    ),
  );
});

test("a log group without a KMS key does not count", async () => {
  const fixtures = changed(baseline(), "audit-trail-log-group", {
    props: { name: "/example/audit-trail", retentionInDays: 400 },
    deps: {},
  });
  expect(await check(fixtures)).toEqual(
    lacking(
      "Trail audit-trail delivers to LogGroup audit-trail-log-group, which is not encrypted with a KMS key",
    ),
  );
});

test("every trail's gaps are listed when none qualifies", async () => {
  const fixtures = [
    ...changed(baseline(), "audit-trail", { protect: false }),
    {
      ...trail("app-trail", { isMultiRegionTrail: false, kmsKeyId: undefined }),
      deps: { s3BucketName: ["audit-logs"], cloudWatchLogsGroupArn: ["audit-trail-log-group"] },
    },
  ];
  expect(await check(fixtures)).toEqual(
    lacking(
      "Trail audit-trail is not protected; Trail app-trail is not multi-region, has no KMS key for its log files",
    ),
  );
});

test("one qualifying trail is enough", async () => {
  const fixtures = [...baseline(), { ...trail("app-trail"), protect: false }];
  expect(await check(fixtures)).toEqual([]);
});

test("an empty stack is not judged: its project cannot be read", async () => {
  expect(await check([])).toEqual([]);
  expect(await notApplicableToStack([missingAuditTrail], [])).toEqual([
    [NAME, "project (none) is not a baseline project"],
  ]);
});

test("stacks of other projects are not judged", async () => {
  const others = { [NAME]: { baselineProjects: ["other"] } };
  const fixtures = baseline().filter((f) => f.type !== T.trail);
  expect(await check(fixtures, others)).toEqual([]);
  expect(await notApplicableToStack([missingAuditTrail], fixtures, others)).toEqual([
    [NAME, "project soc2-baseline is not a baseline project"],
  ]);
  expect(await notApplicableToStack([missingAuditTrail], fixtures)).toEqual([]);
});

test("minLogRetentionDays raises the log group's minimum", async () => {
  expect(await check(baseline(), { [NAME]: { minLogRetentionDays: 731 } })).toEqual(
    lacking(
      "Trail audit-trail delivers to LogGroup audit-trail-log-group, which keeps events only 400 days (minimum 731)",
    ),
  );
});

const UNKNOWN_RETENTION =
  "can't run policy 'aws-cloudtrail-trail-missing-audit-trail' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .retentionInDays can't be known during preview";

test("a trail that may qualify once values are known: the SDK's advisory", async () => {
  const fixtures = changed(baseline(), "audit-trail-log-group", {
    props: { name: "/example/audit-trail", retentionInDays: UNKNOWN, kmsKeyId: UNKNOWN },
  });
  expect(await check(fixtures)).toEqual([[NAME, "advisory", "", UNKNOWN_RETENTION]]);
  expect(await check([...fixtures, { ...trail("app-trail"), protect: false }])).toEqual([
    [NAME, "advisory", "", UNKNOWN_RETENTION],
  ]);
});

test("an unknown value of a trail that cannot qualify anyway does not matter", async () => {
  const fixtures = changed(baseline(), "audit-trail-log-group", {
    props: { name: "/example/audit-trail", retentionInDays: UNKNOWN },
    deps: {},
  });
  expect(await check(fixtures)).toEqual(
    lacking(
      "Trail audit-trail delivers to LogGroup audit-trail-log-group, which is not encrypted with a KMS key",
    ),
  );
});

describe("what a trail writes to and delivers to", () => {
  const deps = (d: Record<string, string[]>) => (f: Fixture) =>
    f.name === "audit-trail" ? { ...f, deps: d } : f;
  const groupDep = { cloudWatchLogsGroupArn: ["audit-trail-log-group"] };

  test("one good bucket among those a trail writes to is enough", async () => {
    const fixtures = [
      ...baseline(),
      { type: T.bucket, name: "plain", props: { bucket: "example-plain" }, protect: true },
    ].map(deps({ s3BucketName: ["audit-logs", "plain"], ...groupDep }));
    expect(await check(fixtures)).toEqual([]);
  });

  test("every gap of a bucket is listed", async () => {
    const fixtures = changed(baseline(), "audit-logs", { protect: false }).filter(
      (f) => f.type !== T.objectLock,
    );
    expect(await check(fixtures)).toEqual(
      lacking(
        "Trail audit-trail writes to Bucket audit-logs, which is not protected and has no Object Lock configuration",
      ),
    );
  });

  test("a resource the trail's bucket name comes from that is no bucket is not its bucket", async () => {
    const fixtures = baseline().map(deps({ s3BucketName: ["audit-key"], ...groupDep }));
    expect(await check(fixtures)).toEqual(
      lacking("Trail audit-trail writes to no bucket of this stack"),
    );
  });

  test("an unknown bucket name without a dependency matches no bucket, not even unnamed ones", async () => {
    const fixtures = changed(baseline(), "audit-logs", {
      props: { bucket: UNKNOWN, objectLockEnabled: true },
    }).map(deps(groupDep));
    expect(await check(fixtures)).toEqual(
      lacking("Trail audit-trail writes to no bucket of this stack"),
    );
  });

  test("a trail with no CloudWatch log group at all has that one gap", async () => {
    const fixtures = changed(baseline(), "audit-trail", {
      props: trail("audit-trail", { cloudWatchLogsGroupArn: undefined }).props,
      deps: { s3BucketName: ["audit-logs"] },
    });
    expect(await check(fixtures)).toEqual(
      lacking("Trail audit-trail delivers to no CloudWatch log group"),
    );
  });

  test("a resource the log group ARN comes from that is no log group is not its log group", async () => {
    const fixtures = baseline().map(
      deps({ s3BucketName: ["audit-logs"], cloudWatchLogsGroupArn: ["audit-key"] }),
    );
    expect(await check(fixtures)).toEqual(
      lacking("Trail audit-trail delivers to no log group of this stack"),
    );
  });
});
