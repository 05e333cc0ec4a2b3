/**
 * Instantiates only TamperAlarms, behind explicit AWS providers (the stack's region and us-east-1),
 * under the SDK's mocks (as ciRunners.test.ts does) and checks what it registers.
 */
import type { RegisteredResource } from "../../../pipelines/gate/capture";
import { type ComponentRun, registered, runComponent } from "../../support/components";
import type { TamperAlarms, TamperAlarmsArgs } from "../../../infra/aws/tamperAlarms";
import { TAMPER_ACTIONS } from "../../../infra/aws/tamperActions";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const ACCOUNT_ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const SUBSCRIBERS: TamperAlarmsArgs["subscribers"] = [
  { protocol: "email", endpoint: "security@example.org" },
  { protocol: "https", endpoint: "https://alerts.example.org/aws" },
  { protocol: "sqs", endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:security-alerts` },
  { protocol: "lambda", endpoint: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:page-on-call` },
];

/** The stack's region and whether to hand the component a us-east-1 provider. */
interface Setup {
  region: string;
  iamProvider: boolean;
}
const EU: Setup = { region: REGION, iamProvider: true };

type Run = ComponentRun<TamperAlarms>;

/** Only TamperAlarms, behind a provider for the stack's region and, if asked, one for us-east-1. */
const runAlarms = (change: Partial<TamperAlarmsArgs> = {}, setup: Setup = EU): Promise<Run> =>
  runComponent(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const { TamperAlarms: Component } =
      require("../../../infra/aws/tamperAlarms") as typeof import("../../../infra/aws/tamperAlarms");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const provider = new aws.Provider("aws", {
      region: setup.region as import("@pulumi/aws").Region,
      allowedAccountIds: [ACCOUNT],
    });
    const iamEventsProvider = setup.iamProvider
      ? new aws.Provider("aws-us-east-1", { region: "us-east-1", allowedAccountIds: [ACCOUNT] })
      : undefined;
    const args: TamperAlarmsArgs = {
      namePrefix: "example",
      accountId: ACCOUNT,
      region: setup.region,
      subscribers: SUBSCRIBERS,
      iamEventsProvider,
      ...change,
    };
    return new Component("tamper-alarms", args, { providers: [provider] });
  });

const T = {
  alarms: "soc2:aws:TamperAlarms",
  provider: "pulumi:providers:aws",
  key: "aws:kms/key:Key",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
};

let run: Run;
beforeAll(async () => {
  run = await runAlarms();
});

const get = (type: string, name: string, from: Run = run) => registered(from, type, name);
const inputs = (type: string, name: string, from: Run = run) => get(type, name, from).inputs;
const document = (type: string, name: string, key: string, from: Run = run) =>
  JSON.parse(inputs(type, name, from)[key] as string) as Record<string, unknown>;
const providerRef = (name: string, from: Run = run) => {
  const provider = get(T.provider, name, from);
  return `${provider.urn}::${provider.id}`;
};

/** The children of one alarm channel, named from `prefix`. */
const channel = (prefix: string) => [
  `${T.key} ${prefix}-key`,
  `${T.topic} ${prefix}-topic`,
  `${T.topicPolicy} ${prefix}-topic-policy`,
  `${T.rule} ${prefix}-rule`,
  `${T.target} ${prefix}-target`,
  ...SUBSCRIBERS.map((_, i) => `${T.subscription} ${prefix}-subscription-${i}`),
];

const REGIONAL_EVENTS = {
  source: ["aws.cloudtrail", "aws.s3", "aws.kms", "aws.logs"],
  "detail-type": ["AWS API Call via CloudTrail"],
  detail: {
    eventSource: [
      "cloudtrail.amazonaws.com",
      "s3.amazonaws.com",
      "kms.amazonaws.com",
      "logs.amazonaws.com",
    ],
    eventName: [
      "StopLogging",
      "DeleteTrail",
      "UpdateTrail",
      "PutEventSelectors",
      "DeleteBucket",
      "DeleteBucketPolicy",
      "DeleteObject",
      "DeleteObjects",
      "PutObjectRetention",
      "DisableKey",
      "ScheduleKeyDeletion",
      "PutKeyPolicy",
      "DisableKeyRotation",
      "DeleteLogGroup",
    ],
  },
};
const IAM_EVENTS = {
  source: ["aws.iam"],
  "detail-type": ["AWS API Call via CloudTrail"],
  detail: {
    eventSource: ["iam.amazonaws.com"],
    eventName: [
      "CreatePolicyVersion",
      "DeletePolicy",
      "DeletePolicyVersion",
      "SetDefaultPolicyVersion",
      "DeleteRolePermissionsBoundary",
      "DeleteUserPermissionsBoundary",
      "CreateRole",
      "CreateUser",
      "PutRolePermissionsBoundary",
      "PutUserPermissionsBoundary",
    ],
  },
};

test("constructs without error", () => {
  expect(run.error).toBeUndefined();
});

test("has one channel in the stack's region and one for IAM's events in us-east-1", () => {
  const parent = get(T.alarms, "tamper-alarms").urn;
  const children = run.resources.filter((r) => r.parent === parent);
  expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
    [...channel("tamper-alarms"), ...channel("tamper-alarms-iam")].sort(),
  );
  const iam = (r: RegisteredResource) => r.name.startsWith("tamper-alarms-iam-");
  expect(new Set(children.filter((r) => !iam(r)).map((r) => r.provider))).toEqual(
    new Set([providerRef("aws")]),
  );
  expect(new Set(children.filter(iam).map((r) => r.provider))).toEqual(
    new Set([providerRef("aws-us-east-1")]),
  );
  expect(run.resources).toHaveLength(children.length + 3);
  expect(run.resources.filter((r) => r.protect || r.retainOnDelete)).toEqual([]);
});

test("between them, the two rules watch every tamper action's events", () => {
  const watched = [REGIONAL_EVENTS, IAM_EVENTS].flatMap((p) => p.detail.eventName);
  expect(new Set(watched)).toEqual(new Set(TAMPER_ACTIONS.flatMap((a) => a.eventNames)));
  expect(new Set([REGIONAL_EVENTS, IAM_EVENTS].flatMap((p) => p.detail.eventSource))).toEqual(
    new Set(TAMPER_ACTIONS.map((a) => a.eventSource)),
  );
});

describe.each([
  ["tamper-alarms", REGION, "example-tamper-alarms", REGIONAL_EVENTS],
  ["tamper-alarms-iam", "us-east-1", "example-tamper-alarms-iam", IAM_EVENTS],
])("channel %s", (prefix, region, physicalName, pattern) => {
  const topicArn = `arn:aws:sns:${region}:${ACCOUNT}:${physicalName}`;
  const ruleArn = `arn:aws:events:${region}:${ACCOUNT}:rule/${physicalName}`;

  test("its rule matches the tamper actions' CloudTrail events, whatever their outcome", () => {
    expect(inputs(T.rule, `${prefix}-rule`)).toEqual({
      name: physicalName,
      description: "Tampering with the audit archive, attempted or denied",
      eventPattern: JSON.stringify(pattern),
    });
  });

  test("its key rotates yearly and lets only the account and EventBridge use it", () => {
    expect(inputs(T.key, `${prefix}-key`)).toMatchObject({
      description: `Encrypts the tamper alarms of topic ${physicalName}`,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
    });
    expect(document(T.key, `${prefix}-key`, "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministersKeyThroughIam",
          Effect: "Allow",
          Principal: { AWS: ACCOUNT_ROOT },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "EventBridgePublishesEncryptedAlarms",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
        },
      ],
    });
  });

  test("its topic is encrypted with that key and takes messages only from the rule", () => {
    const topic = get(T.topic, `${prefix}-topic`);
    expect(topic.inputs).toEqual({
      name: physicalName,
      kmsMasterKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${prefix}-key-id`,
    });
    expect(topic.propertyDependencies.kmsMasterKeyId).toEqual([get(T.key, `${prefix}-key`).urn]);
    const policy = get(T.topicPolicy, `${prefix}-topic-policy`);
    expect(policy.propertyDependencies.arn).toEqual([topic.urn]);
    expect(document(T.topicPolicy, `${prefix}-topic-policy`, "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EventBridgePublishesFromTheTamperRule",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: { StringEquals: { "aws:SourceArn": ruleArn } },
        },
      ],
    });
  });

  test("its target sends the rule's events to the topic, once the topic admits them", () => {
    const target = get(T.target, `${prefix}-target`);
    expect(target.inputs).toEqual({
      rule: physicalName,
      arn: `arn:aws:mock:::aws:sns/topic:Topic/${prefix}-topic`,
    });
    expect(target.propertyDependencies).toMatchObject({
      rule: [get(T.rule, `${prefix}-rule`).urn],
      arn: [get(T.topic, `${prefix}-topic`).urn],
    });
    expect(target.dependencies).toContain(get(T.topicPolicy, `${prefix}-topic-policy`).urn);
  });

  test("its topic has one subscription per configured subscriber, in order", () => {
    SUBSCRIBERS.forEach((subscriber, i) => {
      expect(inputs(T.subscription, `${prefix}-subscription-${i}`)).toEqual({
        topic: `arn:aws:mock:::aws:sns/topic:Topic/${prefix}-topic`,
        protocol: subscriber.protocol,
        endpoint: subscriber.endpoint,
      });
    });
  });
});

test("a stack in us-east-1 watches IAM's events with its own rule, in one channel", async () => {
  const east = await runAlarms({}, { region: "us-east-1", iamProvider: false });
  expect(east.error).toBeUndefined();
  const parent = get(T.alarms, "tamper-alarms", east).urn;
  expect(
    east.resources
      .filter((r) => r.parent === parent)
      .map((r) => `${r.type} ${r.name}`)
      .sort(),
  ).toEqual(channel("tamper-alarms").sort());
  expect(JSON.parse(inputs(T.rule, "tamper-alarms-rule", east).eventPattern as string)).toEqual({
    source: [...REGIONAL_EVENTS.source, ...IAM_EVENTS.source],
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: {
      eventSource: [...REGIONAL_EVENTS.detail.eventSource, ...IAM_EVENTS.detail.eventSource],
      eventName: [...REGIONAL_EVENTS.detail.eventName, ...IAM_EVENTS.detail.eventName],
    },
  });
  expect(east.component!.iamAlarm).toBeUndefined();
});

test("no subscriber leaves the topic without subscriptions", async () => {
  const none = await runAlarms({ subscribers: [] });
  expect(none.error).toBeUndefined();
  expect(none.resources.filter((r) => r.type === T.subscription)).toEqual([]);
});

describe("contradictory args fail at construction, before any child is registered", () => {
  test.each<[string, Partial<TamperAlarmsArgs>, Setup, string]>([
    [
      "a region without IAM's events and no provider for them",
      {},
      { region: REGION, iamProvider: false },
      'TamperAlarms: region "eu-west-1" is not us-east-1 and iamEventsProvider is not set: ' +
        "IAM's events reach EventBridge only in us-east-1, so IAM tampering would raise no alarm",
    ],
    [
      "a second provider for IAM's own region",
      {},
      { region: "us-east-1", iamProvider: true },
      "TamperAlarms: region is us-east-1 and iamEventsProvider is set: the stack's own rule " +
        "receives IAM's events, so a second one would only repeat every alarm",
    ],
    [
      "an e-mail subscriber without an address",
      { subscribers: [{ protocol: "email", endpoint: "security" }] },
      EU,
      'TamperAlarms: subscribers[0].endpoint "security" is not an e-mail address (protocol email)',
    ],
    [
      "an https subscriber on plain http",
      { subscribers: [{ protocol: "https", endpoint: "http://alerts.example.org" }] },
      EU,
      'TamperAlarms: subscribers[0].endpoint "http://alerts.example.org" is not an https URL ' +
        "(protocol https)",
    ],
    [
      "an sqs subscriber given by URL",
      {
        subscribers: [
          { protocol: "sqs", endpoint: "https://sqs.eu-west-1.amazonaws.com/111122223333/q" },
        ],
      },
      EU,
      'TamperAlarms: subscribers[0].endpoint "https://sqs.eu-west-1.amazonaws.com/111122223333/q" ' +
        "is not an SQS queue ARN (protocol sqs)",
    ],
    [
      "a lambda subscriber given by name",
      { subscribers: [{ protocol: "lambda", endpoint: "page-on-call" }] },
      EU,
      'TamperAlarms: subscribers[0].endpoint "page-on-call" is not a Lambda function ARN ' +
        "(protocol lambda)",
    ],
    [
      "a subscriber listed twice",
      { subscribers: [SUBSCRIBERS[0], SUBSCRIBERS[1], SUBSCRIBERS[0]] },
      EU,
      'TamperAlarms: subscribers[0] and subscribers[2] are both email "security@example.org"',
    ],
  ])("%s", async (_case, change, setup, message) => {
    const failed = await runAlarms(change, setup);
    expect(failed.error?.message).toBe(message);
    const providers = setup.iamProvider ? [T.provider, T.provider] : [T.provider];
    expect(failed.resources.map((r) => r.type).sort()).toEqual([T.alarms, ...providers].sort());
  });
});
