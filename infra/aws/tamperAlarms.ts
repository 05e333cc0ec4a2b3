import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  accountAdministersKey,
  partitionOf,
  policyDocument,
  type PolicyDocument,
} from "./policyDocument";
import {
  iamEventsRegion,
  isIamEvent,
  TAMPER_ACTIONS,
  tamperEventPattern,
  type TamperAction,
} from "./tamperActions";

/** Who is told of a tamper attempt: one SNS subscription. */
export interface AlarmSubscriber {
  /** `email` and `https` endpoints confirm the subscription before SNS delivers to them. */
  protocol: "email" | "https" | "sqs" | "lambda";
  /**
   * An address, an https URL, or the ARN of a queue or function in the topic's region that lets
   * SNS deliver to it (a queue policy or a Lambda permission, created with it).
   */
  endpoint: string;
}

export interface TamperAlarmsArgs {
  /** Prefix of every physical name (`soc2-baseline:namePrefix`). */
  namePrefix: string;
  /** The AWS account watched (`soc2-baseline:accountId`). */
  accountId: string;
  /** The stack's region (`aws:region`): the audit trail, buckets, key and log group live there. */
  region: string;
  /**
   * Who is notified, once each (SOC 2 CC7.3: someone is told of every attempt). Subscriptions are
   * named by position: append new ones, since reordering re-creates them (and e-mail addresses
   * confirm again). An empty list leaves the alarm with nobody to tell.
   */
  subscribers: AlarmSubscriber[];
  /**
   * A provider for the region where CloudTrail delivers IAM's events to EventBridge (us-east-1 in
   * the aws partition), required when `region` is another one: the IAM tamper events (boundary and
   * role or user changes) are watched there by a second rule, topic and key (SOC 2 CC7.2).
   * @default undefined — allowed only when `region` is that region.
   */
  iamEventsProvider?: aws.Provider;
}

/** One alarm channel: a rule on CloudTrail's events, its target topic, and the topic's key. */
export interface TamperAlarmChannel {
  key: aws.kms.Key;
  topic: aws.sns.Topic;
  topicPolicy: aws.sns.TopicPolicy;
  rule: aws.cloudwatch.EventRule;
  target: aws.cloudwatch.EventTarget;
  subscriptions: aws.sns.TopicSubscription[];
}

/**
 * The alarm topic's key: the account administers it through IAM; EventBridge may use it to publish
 * to the encrypted topic, as AWS documents for EventBridge targets. (CC6.1, CC7.3)
 */
export function alarmKeyPolicy(partition: string, accountId: string): PolicyDocument {
  return policyDocument(accountAdministersKey(partition, accountId), {
    Sid: "EventBridgePublishesEncryptedAlarms",
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
  });
}

/** The alarm topic's policy: EventBridge may publish to it, and only from the tamper rule. (CC7.3) */
export function alarmTopicPolicy(topicArn: string, ruleArn: string): PolicyDocument {
  return policyDocument({
    Sid: "EventBridgePublishesFromTheTamperRule",
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: { StringEquals: { "aws:SourceArn": ruleArn } },
  });
}

/**
 * Alarms on tampering with the audit archive (SOC 2 CC7.2, CC7.3): an EventBridge rule on the
 * CloudTrail events of every tamper action (tamperActions.ts) — attempted or denied, by anyone,
 * deploy role and administrators alike — publishing to a KMS-encrypted SNS topic whose subscribers
 * come from config. IAM's events reach EventBridge only in one region, so a stack elsewhere gets a
 * second channel there through `iamEventsProvider`. The object deletions are S3 data events: they
 * reach the rule only if the trail records data events for the audit buckets, which it does not
 * by default; the boundary denies them to the deployment roles regardless, and Object Lock to all.
 */
export class TamperAlarms extends pulumi.ComponentResource {
  /** The channel in the stack's region (with IAM's events too when that is IAM's region). */
  public readonly alarm: TamperAlarmChannel;
  /** The channel for IAM's events in their region, when the stack's region is another one. */
  public readonly iamAlarm?: TamperAlarmChannel;

  constructor(name: string, args: TamperAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("soc2:aws:TamperAlarms", name, {}, opts);
    const { partition } = partitionOf(args.region);
    const iamRegion = iamEventsRegion(partition);
    checkArgs(args, iamRegion);
    const channel = (
      prefix: string,
      region: string,
      physicalName: string,
      actions: readonly TamperAction[],
      provider?: aws.Provider,
    ): TamperAlarmChannel => {
      const child = { parent: this, ...(provider ? { provider } : {}) };
      const topicArn = `arn:${partition}:sns:${region}:${args.accountId}:${physicalName}`;
      const ruleArn = `arn:${partition}:events:${region}:${args.accountId}:rule/${physicalName}`;
      const key = new aws.kms.Key(
        `${prefix}-key`,
        {
          description: `Encrypts the tamper alarms of topic ${physicalName}`,
          enableKeyRotation: true,
          rotationPeriodInDays: 365,
          deletionWindowInDays: 30,
          policy: JSON.stringify(alarmKeyPolicy(partition, args.accountId)),
        },
        child,
      );
      const topic = new aws.sns.Topic(
        `${prefix}-topic`,
        { name: physicalName, kmsMasterKeyId: key.arn },
        child,
      );
      const topicPolicy = new aws.sns.TopicPolicy(
        `${prefix}-topic-policy`,
        { arn: topic.arn, policy: JSON.stringify(alarmTopicPolicy(topicArn, ruleArn)) },
        child,
      );
      const rule = new aws.cloudwatch.EventRule(
        `${prefix}-rule`,
        {
          name: physicalName,
          description: "Tampering with the audit archive, attempted or denied",
          eventPattern: JSON.stringify(tamperEventPattern(actions)),
        },
        child,
      );
      // The first alarm can be delivered only once the topic lets the rule publish.
      const target = new aws.cloudwatch.EventTarget(
        `${prefix}-target`,
        { rule: rule.name, arn: topic.arn },
        { ...child, dependsOn: [topicPolicy] },
      );
      const subscriptions = args.subscribers.map(
        (subscriber, index) =>
          new aws.sns.TopicSubscription(
            `${prefix}-subscription-${index}`,
            { topic: topic.arn, protocol: subscriber.protocol, endpoint: subscriber.endpoint },
            child,
          ),
      );
      return { key, topic, topicPolicy, rule, target, subscriptions };
    };

    const physicalName = `${args.namePrefix}-tamper-alarms`;
    const inIamRegion = args.region === iamRegion;
    this.alarm = channel(
      name,
      args.region,
      physicalName,
      inIamRegion ? TAMPER_ACTIONS : TAMPER_ACTIONS.filter((a) => !isIamEvent(a)),
    );
    if (!inIamRegion) {
      this.iamAlarm = channel(
        `${name}-iam`,
        iamRegion,
        `${physicalName}-iam`,
        TAMPER_ACTIONS.filter(isIamEvent),
        args.iamEventsProvider,
      );
    }

    this.registerOutputs({
      topicArn: this.alarm.topic.arn,
      ruleArn: this.alarm.rule.arn,
      iamTopicArn: this.iamAlarm?.topic.arn,
      iamRuleArn: this.iamAlarm?.rule.arn,
    });
  }
}

/** What each protocol's endpoint must look like. */
const ENDPOINTS: Record<AlarmSubscriber["protocol"], [RegExp, string]> = {
  email: [/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an e-mail address"],
  https: [/^https:\/\/[^\s/]+/, "an https URL"],
  sqs: [/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]+(\.fifo)?$/, "an SQS queue ARN"],
  lambda: [
    /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w-]+)?$/,
    "a Lambda function ARN",
  ],
};

/** Rejects contradictory or impossible args before anything is registered, naming what conflicts. */
function checkArgs(args: TamperAlarmsArgs, iamRegion: string): void {
  const fail = (message: string): never => {
    throw new Error(`TamperAlarms: ${message}`);
  };
  if (args.region !== iamRegion && args.iamEventsProvider === undefined) {
    fail(
      `region "${args.region}" is not ${iamRegion} and iamEventsProvider is not set: IAM's ` +
        `events reach EventBridge only in ${iamRegion}, so IAM tampering would raise no alarm`,
    );
  }
  if (args.region === iamRegion && args.iamEventsProvider !== undefined) {
    fail(
      `region is ${iamRegion} and iamEventsProvider is set: the stack's own rule receives IAM's ` +
        "events, so a second one would only repeat every alarm",
    );
  }
  const seen = new Map<string, number>();
  for (const [index, { protocol, endpoint }] of args.subscribers.entries()) {
    const [pattern, kind] = ENDPOINTS[protocol];
    if (!pattern.test(endpoint)) {
      fail(`subscribers[${index}].endpoint "${endpoint}" is not ${kind} (protocol ${protocol})`);
    }
    const earlier = seen.get(`${protocol} ${endpoint}`);
    if (earlier !== undefined) {
      fail(`subscribers[${earlier}] and subscribers[${index}] are both ${protocol} "${endpoint}"`);
    }
    seen.set(`${protocol} ${endpoint}`, index);
  }
}
