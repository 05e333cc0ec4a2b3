/**
 * The tamper actions: the requests that would silence, rewrite or unprotect the audit record. One
 * list serves two controls, so they cannot drift apart: the deployment roles' permissions boundary
 * denies each action on the audit resource it targets (deploymentDocuments.ts; SOC 2 CC6.1, CC7.2),
 * and the tamper alarm watches the CloudTrail events of every one, attempted or denied, by anyone
 * (tamperAlarms.ts; CC7.2, CC7.3).
 */

/** The audit resource a tamper action is denied on. */
export type AuditTarget =
  /** The audit trail. */
  | "trail"
  /** The log bucket and the access-log bucket. */
  | "buckets"
  /** Every object version of both buckets. */
  | "objects"
  /** The audit KMS key. */
  | "key"
  /** The trail's CloudWatch log group. */
  | "logGroup"
  /** The permissions boundary policy itself. */
  | "boundary"
  /** The permissions boundary of any role or user: none may be removed. */
  | "anyBoundary"
  /** A role or user created, or given a boundary, other than with this boundary. */
  | "principalWithoutBoundary";

export interface TamperAction {
  /** The IAM action the boundary denies, e.g. `cloudtrail:StopLogging`. */
  action: string;
  target: AuditTarget;
  /** The service that records the call in CloudTrail, e.g. `cloudtrail.amazonaws.com`. */
  eventSource: string;
  /**
   * The CloudTrail event names of the calls that need the action. An IAM action is not always an
   * API: `s3:DeleteObjectVersion` is a `DeleteObject` with a version id, and
   * `s3:BypassGovernanceRetention` is a header on `DeleteObject(s)` and `PutObjectRetention`.
   */
  eventNames: string[];
  /**
   * An S3 data event: the trail records it only when it has data-event selectors for the audit
   * buckets, which the audit trail does not have. The alarm lists these events, but without such
   * selectors they never reach it; the boundary denies them regardless.
   */
  dataEvent: boolean;
}

/** Actions whose API and CloudTrail event share the action's name. */
function sameName(service: string, target: AuditTarget, names: string[]): TamperAction[] {
  return names.map((name) => ({
    action: `${service}:${name}`,
    target,
    eventSource: `${service}.amazonaws.com`,
    eventNames: [name],
    dataEvent: false,
  }));
}

/** An object-level S3 action: a data event, recorded under the APIs that need it. */
function objectAction(name: string, eventNames: string[]): TamperAction {
  return {
    action: `s3:${name}`,
    target: "objects",
    eventSource: "s3.amazonaws.com",
    eventNames,
    dataEvent: true,
  };
}

export const TAMPER_ACTIONS: readonly TamperAction[] = [
  ...sameName("cloudtrail", "trail", [
    "StopLogging",
    "DeleteTrail",
    "UpdateTrail",
    "PutEventSelectors",
  ]),
  ...sameName("s3", "buckets", ["DeleteBucket", "DeleteBucketPolicy"]),
  objectAction("DeleteObject", ["DeleteObject", "DeleteObjects"]),
  objectAction("DeleteObjectVersion", ["DeleteObject", "DeleteObjects"]),
  objectAction("BypassGovernanceRetention", [
    "DeleteObject",
    "DeleteObjects",
    "PutObjectRetention",
  ]),
  ...sameName("kms", "key", [
    "DisableKey",
    "ScheduleKeyDeletion",
    "PutKeyPolicy",
    "DisableKeyRotation",
  ]),
  ...sameName("logs", "logGroup", ["DeleteLogGroup"]),
  ...sameName("iam", "boundary", [
    "CreatePolicyVersion",
    "DeletePolicy",
    "DeletePolicyVersion",
    "SetDefaultPolicyVersion",
  ]),
  ...sameName("iam", "anyBoundary", [
    "DeleteRolePermissionsBoundary",
    "DeleteUserPermissionsBoundary",
  ]),
  ...sameName("iam", "principalWithoutBoundary", [
    "CreateRole",
    "CreateUser",
    "PutRolePermissionsBoundary",
    "PutUserPermissionsBoundary",
  ]),
];

/** The IAM actions of the tamper actions on one target, in list order. */
export function tamperActionsOn(target: AuditTarget): string[] {
  return TAMPER_ACTIONS.filter((t) => t.target === target).map((t) => t.action);
}

/** IAM is a global service: CloudTrail delivers its events to EventBridge in one region only. */
export function iamEventsRegion(partition: string): string {
  if (partition === "aws-cn") return "cn-north-1";
  if (partition === "aws-us-gov") return "us-gov-west-1";
  return "us-east-1";
}

/** Whether CloudTrail records the action's calls as a global (IAM) event. */
export function isIamEvent(action: TamperAction): boolean {
  return action.eventSource === "iam.amazonaws.com";
}

/** An EventBridge pattern for CloudTrail-recorded calls of the given services and event names. */
export interface TamperEventPattern {
  source: string[];
  "detail-type": ["AWS API Call via CloudTrail"];
  detail: { eventSource: string[]; eventName: string[] };
}

/**
 * The event pattern that matches every call of `actions`, whatever its outcome (a denied call is
 * recorded with an `errorCode`) and whatever resource it names: a request may name the trail by
 * name or ARN and the key by id, ARN or alias, so a pattern scoped to one spelling could be stepped
 * around. A call on another trail, bucket or key of the same kind raises the alarm too.
 */
export function tamperEventPattern(actions: readonly TamperAction[]): TamperEventPattern {
  const unique = (values: string[]) => [...new Set(values)];
  const sources = unique(actions.map((a) => a.eventSource));
  return {
    source: sources.map((s) => `aws.${s.replace(/\.amazonaws\.com$/, "")}`),
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: {
      eventSource: sources,
      eventName: unique(actions.flatMap((a) => a.eventNames)),
    },
  };
}
