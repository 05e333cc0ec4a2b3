/**
 * Control drops of the audit-trail policies — CloudTrail, its CloudWatch log group, the KMS keys
 * and the tamper alarms — on the trail stack, the audit archive and the example stack.
 */
import { configureLogging } from "../../../../policy-pack/policies/aws/cloudtrail/trail/configureLogging";
import { missingAuditTrail } from "../../../../policy-pack/policies/aws/cloudtrail/trail/missingAuditTrail";
import { missingTamperAlarm } from "../../../../policy-pack/policies/aws/cloudwatch/eventRule/missingTamperAlarm";
import { configureRetention } from "../../../../policy-pack/policies/aws/cloudwatch/logGroup/configureRetention";
import { enforceKms } from "../../../../policy-pack/policies/aws/cloudwatch/logGroup/enforceKms";
import { configureDeletionWindow } from "../../../../policy-pack/policies/aws/kms/key/configureDeletionWindow";
import { enableRotation } from "../../../../policy-pack/policies/aws/kms/key/enableRotation";
import { enforceAuditProtection } from "../../../../policy-pack/policies/aws/kms/key/enforceAuditProtection";
import { cloudTrailPattern, REGIONAL_EVENTS } from "../../support/identity";
import { REMOVE } from "../edit";
import { archiveStack, everywhereBut, identityStack, only, trailStack } from "./bases";
import { all, cutDep, drop, type Entry, remove, set, unprotect } from "./entry";

const trail = only(trailStack, "audit-trail", "audit-key");
const logGroup = only(trailStack, "audit-trail-log-group", "audit-key");
const key = only(trailStack, "audit-key", "audit-trail");

/** What keeps the trail from being the audit trail, as missing-audit-trail says it. */
const notTheAuditTrail = (why: string) =>
  new RegExp(`^no trail records the account as the audit trail must: Trail audit-trail ${why}$`);

export const auditTrail: Entry[] = [
  {
    policy: configureLogging,
    base: trail,
    drops: [
      drop(
        "multi-region logging",
        /^trail is not multi-region$/,
        set("audit-trail", "isMultiRegionTrail", false),
      ),
      drop(
        "global service events",
        /^trail leaves out global service events$/,
        set("audit-trail", "includeGlobalServiceEvents", false),
      ),
      drop(
        "log-file validation",
        /^trail has no log-file validation$/,
        set("audit-trail", "enableLogFileValidation", REMOVE),
      ),
      drop("logging", /^trail has logging stopped$/, set("audit-trail", "enableLogging", false)),
      drop(
        "the KMS key",
        /^trail has no KMS key for its log files$/,
        set("audit-trail", "kmsKeyId", REMOVE),
      ),
      drop(
        "delivery to CloudWatch Logs",
        /^trail delivers to no CloudWatch log group$/,
        set("audit-trail", "cloudWatchLogsGroupArn", ""),
      ),
    ],
    irrelevant: everywhereBut(trail, {
      "audit-trail": ["name", "s3BucketName", "cloudWatchLogsRoleArn"],
    }),
  },
  {
    policy: missingAuditTrail,
    base: trailStack,
    drops: [
      drop("the trail", /^the stack has no CloudTrail trail$/, remove("audit-trail")),
      drop(
        "the trail's protection",
        notTheAuditTrail("is not protected"),
        unprotect("audit-trail"),
      ),
      drop(
        "multi-region logging",
        notTheAuditTrail("is not multi-region"),
        set("audit-trail", "isMultiRegionTrail", false),
      ),
      drop(
        "the bucket's Object Lock",
        notTheAuditTrail("writes to Bucket audit-logs, which has no Object Lock configuration"),
        remove("audit-logs-object-lock"),
      ),
      drop(
        "the bucket's protection",
        notTheAuditTrail("writes to Bucket audit-logs, which is not protected"),
        unprotect("audit-logs"),
      ),
      drop(
        "the log group's retention",
        notTheAuditTrail(
          "delivers to LogGroup audit-trail-log-group, which keeps events only 30 days \\(minimum 365\\)",
        ),
        set("audit-trail-log-group", "retentionInDays", 30),
      ),
      drop(
        "the log group's encryption",
        notTheAuditTrail(
          "delivers to LogGroup audit-trail-log-group, which is not encrypted with a KMS key",
        ),
        set("audit-trail-log-group", "kmsKeyId", REMOVE),
      ),
      drop(
        "the trail's bucket and log group of this stack",
        notTheAuditTrail(
          "writes to no bucket of this stack, delivers to no log group of this stack",
        ),
        all(cutDep("audit-trail", "s3BucketName"), cutDep("audit-trail", "cloudWatchLogsGroupArn")),
      ),
    ],
    irrelevant: everywhereBut(trailStack, {
      "audit-logs": ["bucket", "objectLockEnabled"],
      "audit-logs-object-lock": ["bucket", "objectLockEnabled", "rule"],
      "audit-trail-log-group": ["name"],
      "audit-trail": ["name", "s3BucketName", "cloudWatchLogsRoleArn"],
    }),
  },
  {
    policy: configureRetention,
    base: logGroup,
    drops: [
      drop(
        "the retention's length",
        /^log group keeps events only 30 days \(minimum 365\)$/,
        set("audit-trail-log-group", "retentionInDays", 30),
      ),
      drop(
        "a retention in days",
        /^log group has retentionInDays "400", not a number of days$/,
        set("audit-trail-log-group", "retentionInDays", "400"),
      ),
    ],
    irrelevant: everywhereBut(logGroup, { "audit-trail-log-group": ["name", "kmsKeyId"] }),
  },
  {
    policy: enforceKms,
    base: logGroup,
    drops: [
      drop(
        "the KMS key",
        /^log group is not encrypted with a KMS key$/,
        set("audit-trail-log-group", "kmsKeyId", REMOVE),
      ),
      drop(
        "a KMS key's ARN",
        /^log group is not encrypted with a KMS key$/,
        set("audit-trail-log-group", "kmsKeyId", ""),
      ),
    ],
    irrelevant: everywhereBut(logGroup, { "audit-trail-log-group": ["name", "retentionInDays"] }),
  },
  {
    policy: configureDeletionWindow,
    base: key,
    drops: [
      drop(
        "the window's length",
        /^deletion window of 7 days is shorter than the minimum of 30$/,
        set("audit-key", "deletionWindowInDays", 7),
      ),
      drop(
        "a window in days",
        /^deletionWindowInDays "30" is not a number of days$/,
        set("audit-key", "deletionWindowInDays", "30"),
      ),
    ],
    irrelevant: everywhereBut(key, {
      "audit-key": ["description", "policy", "enableKeyRotation", "rotationPeriodInDays"],
    }),
  },
  {
    policy: enableRotation,
    base: key,
    drops: [
      drop(
        "rotation",
        /^key rotation is not enabled$/,
        set("audit-key", "enableKeyRotation", false),
      ),
      drop(
        "the rotation setting",
        /^key rotation is not enabled$/,
        set("audit-key", "enableKeyRotation", REMOVE),
      ),
      drop(
        "a yearly rotation",
        /^key rotation period of 730 days exceeds the maximum of 365$/,
        set("audit-key", "rotationPeriodInDays", 730),
      ),
    ],
    irrelevant: everywhereBut(key, {
      "audit-key": ["description", "policy", "deletionWindowInDays"],
    }),
  },
  {
    policy: enforceAuditProtection,
    base: archiveStack,
    drops: [
      drop(
        "the audit key's protection",
        /^Key audit-key encrypts the audit record \(Trail audit-trail, Bucket audit-logs\) but is not protected$/,
        unprotect("audit-key"),
      ),
    ],
    irrelevant: everywhereBut(archiveStack, {
      "audit-logs": ["bucket", "forceDestroy", "objectLockEnabled"],
      "audit-access-logs": ["bucket", "forceDestroy", "objectLockEnabled"],
    }),
  },
  {
    policy: missingTamperAlarm,
    base: identityStack,
    drops: [
      drop(
        "the regional rule",
        /^EventRule tamper-alarms-rule is disabled$/,
        set("tamper-alarms-rule", "state", "DISABLED"),
      ),
      drop(
        "the regional rule's target",
        /^EventRule tamper-alarms-rule has no EventTarget$/,
        remove("tamper-alarms-target"),
      ),
      drop(
        "the regional topic's encryption",
        /^EventRule tamper-alarms-rule notifies Topic tamper-alarms-topic, which has no kmsMasterKeyId$/,
        set("tamper-alarms-topic", "kmsMasterKeyId", REMOVE),
      ),
      drop(
        "the default event bus",
        /^EventRule tamper-alarms-rule is on event bus "audit", which receives no CloudTrail events$/,
        set("tamper-alarms-rule", "eventBusName", "audit"),
      ),
      drop(
        "an alarm on DeleteTrail",
        /^no EventBridge rule on CloudTrail API calls watches DeleteTrail$/,
        set(
          "tamper-alarms-rule",
          "eventPattern",
          cloudTrailPattern(
            ["cloudtrail", "s3", "kms", "logs"],
            REGIONAL_EVENTS.filter((e) => e !== "DeleteTrail"),
          ),
        ),
      ),
      drop(
        "every alarm",
        /^the stack has no EventBridge rule on "AWS API Call via CloudTrail" events$/,
        all(remove("tamper-alarms-rule"), remove("tamper-alarms-iam-rule")),
      ),
    ],
    irrelevant: everywhereBut(identityStack, {
      "tamper-alarms-topic": ["name"],
      "tamper-alarms-iam-topic": ["name"],
      "tamper-alarms-rule": ["name", "description"],
      "tamper-alarms-iam-rule": ["name", "description"],
      "tamper-alarms-target": ["rule", "arn"],
      "tamper-alarms-iam-target": ["rule", "arn"],
    }),
  },
];
