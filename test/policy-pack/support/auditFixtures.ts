/**
 * The audit trail, its log group and its key as the baseline registers them in a first preview
 * (every ARN unknown), for the trail, log-group and KMS policy tests. Each test changes one thing.
 */
import { type Fixture, UNKNOWN } from "./analyze";

type Props = Record<string, unknown>;

/** Props without the keys set to undefined, which the engine would not send. */
export const defined = (props: Props) =>
  Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));

export const auditTrail = (name = "audit-trail", props: Props = {}): Fixture => ({
  type: "aws:cloudtrail/trail:Trail",
  name,
  props: defined({
    name: "example-audit-trail",
    s3BucketName: UNKNOWN,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    enableLogging: true,
    kmsKeyId: UNKNOWN,
    cloudWatchLogsGroupArn: UNKNOWN,
    cloudWatchLogsRoleArn: UNKNOWN,
    ...props,
  }),
  protect: true,
});

export const auditLogGroup = (props: Props = {}): Fixture => ({
  type: "aws:cloudwatch/logGroup:LogGroup",
  name: "audit-trail-log-group",
  props: defined({
    name: "/example/audit-trail",
    retentionInDays: 400,
    kmsKeyId: UNKNOWN,
    ...props,
  }),
  protect: true,
});

export const auditKey = (props: Props = {}): Fixture => ({
  type: "aws:kms/key:Key",
  name: "audit-key",
  props: defined({
    description: "Encrypts the audit trail",
    enableKeyRotation: true,
    rotationPeriodInDays: 365,
    deletionWindowInDays: 30,
    policy: "{}",
    ...props,
  }),
  protect: true,
});

/** The trail's dependencies on its bucket, key and log group, known in a first preview. */
export const TRAIL_DEPS = {
  s3BucketName: ["audit-logs"],
  kmsKeyId: ["audit-key"],
  cloudWatchLogsGroupArn: ["audit-trail-log-group"],
};

/** The audit trail, writing to a protected, locked bucket and to its encrypted log group. */
export const auditTrailStack = (): Fixture[] => [
  auditKey(),
  {
    type: "aws:s3/bucket:Bucket",
    name: "audit-logs",
    props: { bucket: "example-audit-logs", objectLockEnabled: true },
    protect: true,
  },
  {
    type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    name: "audit-logs-object-lock",
    props: {
      bucket: UNKNOWN,
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 400 } },
    },
    deps: { bucket: ["audit-logs"] },
  },
  { ...auditLogGroup(), deps: { kmsKeyId: ["audit-key"] } },
  { ...auditTrail(), deps: TRAIL_DEPS },
];
