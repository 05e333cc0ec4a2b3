import type { PolicyResource } from "@pulumi/policy";
import { label } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { baselineProjects, carryUnknown, requireBaselineProject } from "../../../../lib/github";
import { field, isSet } from "../../../../lib/props";
import { StackIndex } from "../../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const SNS_TOPIC = "aws:sns/topic:Topic";
const CLOUDTRAIL_API_CALL = "AWS API Call via CloudTrail";

interface Config {
  baselineProjects: string[];
  requiredEvents: string[];
}

/** A rule on CloudTrail API calls: the event names it matches (undefined: all) and its gaps. */
interface CloudTrailRule {
  rule: PolicyResource;
  eventNames?: string[];
  /** Why its events reach no encrypted topic; none when they do. */
  gaps: string[];
  /** Holds what deciding its gaps could not know. */
  reading: Verdict;
}

/**
 * The event names a rule's pattern takes among CloudTrail API calls: undefined for every name, null
 * when it takes no CloudTrail API call or is unreadable.
 */
function eventNamesOf(pattern: unknown): string[] | undefined | null {
  let parsed: unknown;
  try {
    parsed = typeof pattern === "string" ? JSON.parse(pattern) : null;
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const types = field(parsed, "detail-type");
  if (types !== undefined && !(Array.isArray(types) && types.includes(CLOUDTRAIL_API_CALL))) {
    return null;
  }
  const names = field(field(parsed, "detail"), "eventName");
  if (names === undefined) return undefined;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

/** Whether resource `r` takes its `property` from `target`: by dependency, or by known name. */
function refersTo(r: PolicyResource, property: string, target: PolicyResource, peek: Verdict) {
  const sources = StackIndex.sources(r, property);
  if (sources.length > 0) return sources.includes(target);
  const value = peek.read(() => r.props[property] as unknown);
  return typeof value === "string" && value === peek.read(() => target.props.name as unknown);
}

/** Why `rule` notifies no KMS-encrypted SNS topic of the stack; unknown reads go to `reading`. */
function alarmGaps(rule: PolicyResource, index: StackIndex, reading: Verdict): string[] {
  const state = reading.read(() => rule.props.state as unknown);
  const enabled = reading.read(() => rule.props.isEnabled as unknown);
  if (state === "DISABLED" || enabled === false) return ["is disabled"];
  const bus = reading.read(() => rule.props.eventBusName as unknown);
  if (typeof bus === "string" && bus !== "default" && !bus.endsWith(":event-bus/default")) {
    return [`is on event bus ${JSON.stringify(bus)}, which receives no CloudTrail events`];
  }
  const peek = new Verdict();
  const targets = index.ofType(EVENT_TARGET).filter((t) => refersTo(t, "rule", rule, peek));
  if (targets.length === 0) return ["has no EventTarget"];
  const topics = targets.flatMap((t) =>
    StackIndex.sources(t, "arn").filter((s) => s.type === SNS_TOPIC),
  );
  if (topics.length === 0) return ["notifies no SNS topic of this stack"];
  if (topics.some((t) => isSet(t.props, "kmsMasterKeyId"))) return [];
  return topics.map((t) => `notifies ${label(t)}, which has no kmsMasterKeyId`);
}

/**
 * name: aws-cloudwatch-event-rule-missing-tamper-alarm
 * description: A baseline stack alarms on attempts to tamper with the audit trail and its guards.
 * severity: high
 * tags:
 *
 * Applies to the stacks of the baseline's projects (read from the URNs). Each required event name
 * must be matched by an enabled EventBridge rule on the default bus whose eventPattern takes
 * "AWS API Call via CloudTrail" events (detail-type, detail.eventName) and that has an EventTarget
 * on an SNS topic of the stack with kmsMasterKeyId set; the names may spread over several rules
 * (IAM's events reach EventBridge only in us-east-1). Object deletions are S3 data events, which
 * reach the rule only when the trail records data events, so they are not required by default.
 * The pattern's other filters (source, eventSource) are not judged.
 */
export const missingTamperAlarm = stackPolicy<Config>({
  name: "aws-cloudwatch-event-rule-missing-tamper-alarm",
  description: "A baseline stack alarms on attempts to tamper with the audit trail and its guards.",
  severity: "high",
  remediationSteps:
    "Deploy the TamperAlarms component, or aws.cloudwatch.EventRule resources whose eventPattern " +
    'has detail-type ["AWS API Call via CloudTrail"] and lists every one of requiredEvents under ' +
    "detail.eventName (IAM's on a rule in us-east-1), each with an aws.cloudwatch.EventTarget on " +
    "an aws.sns.Topic that sets kmsMasterKeyId.",
  config: {
    baselineProjects,
    requiredEvents: {
      type: "array",
      items: { type: "string" },
      default: [
        "StopLogging",
        "DeleteTrail",
        "UpdateTrail",
        "PutEventSelectors",
        "DeleteBucket",
        "DeleteBucketPolicy",
        "DisableKey",
        "ScheduleKeyDeletion",
        "PutKeyPolicy",
        "DisableKeyRotation",
        "DeleteLogGroup",
        "DeleteRolePermissionsBoundary",
        "PutRolePermissionsBoundary",
        "DeleteUserPermissionsBoundary",
        "PutUserPermissionsBoundary",
        "CreatePolicyVersion",
        "DeletePolicyVersion",
        "SetDefaultPolicyVersion",
        "DeletePolicy",
      ],
      description: "CloudTrail event names (management events) the tamper alarm must watch.",
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    requireBaselineProject(stack, index, config.baselineProjects);
    const verdict = new Verdict();
    const unknownPatterns = new Verdict();
    const rules = index.ofType(EVENT_RULE).flatMap((rule): CloudTrailRule[] => {
      const pattern = unknownPatterns.read(() => rule.props.eventPattern as unknown);
      const eventNames = pattern === UNKNOWN ? null : eventNamesOf(pattern);
      if (eventNames === null) return [];
      const reading = new Verdict();
      return [{ rule, eventNames, gaps: alarmGaps(rule, index, reading), reading }];
    });
    const watches = (r: CloudTrailRule, event: string) => r.eventNames?.includes(event) ?? true;
    const alarmed = (r: CloudTrailRule) => r.gaps.length === 0 && r.reading.complete;
    const missing = config.requiredEvents.filter(
      (e) => !rules.some((r) => alarmed(r) && watches(r, e)),
    );
    if (missing.length === 0) return;
    for (const r of rules.filter((r) => missing.some((e) => watches(r, e)))) {
      for (const gap of r.gaps) report(`${label(r.rule)} ${gap}`, r.rule.urn);
      if (r.gaps.length === 0) carryUnknown(r.reading, verdict);
    }
    const unwatched = missing.filter((e) => !rules.some((r) => watches(r, e)));
    if (unwatched.length > 0 && !unknownPatterns.complete) {
      carryUnknown(unknownPatterns, verdict);
    } else if (rules.length === 0) {
      report(`the stack has no EventBridge rule on "${CLOUDTRAIL_API_CALL}" events`);
    } else if (unwatched.length > 0) {
      report(`no EventBridge rule on CloudTrail API calls watches ${unwatched.join(", ")}`);
    }
    verdict.finish();
  },
});
