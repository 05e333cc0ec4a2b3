import { missingTamperAlarm } from "../../../../../../policy-pack/policies/aws/cloudwatch/eventRule/missingTamperAlarm";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  alarm,
  cloudTrailPattern,
  deploymentIdentity,
  exampleStack,
  IAM_EVENTS,
  REGIONAL_EVENTS,
  tamperAlarms,
} from "../../../../support/identity";

const NAME = "aws-cloudwatch-event-rule-missing-tamper-alarm";

const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([missingTamperAlarm], fixtures, config));
const onStack = (text: string) => [NAME, "mandatory", "", text];
const onRule = (text: string) => [
  NAME,
  "mandatory",
  "tamper-alarms-rule",
  `EventRule tamper-alarms-rule ${text}`,
];
const unwatched = (...events: string[]) =>
  onStack(`no EventBridge rule on CloudTrail API calls watches ${events.join(", ")}`);
const regional = (changes: Parameters<typeof alarm>[2]) => tamperAlarms({ regional: changes });

test("the example stack passes: IAM's events on the us-east-1 rule, the rest on the regional one", async () => {
  expect(await check(exampleStack())).toEqual([]);
});

test("stacks of other projects are not judged", async () => {
  expect(await check(deploymentIdentity(), { [NAME]: { baselineProjects: ["other"] } })).toEqual(
    [],
  );
});

test("a stack without a rule on CloudTrail API calls is reported", async () => {
  expect(await check(deploymentIdentity())).toEqual([
    onStack('the stack has no EventBridge rule on "AWS API Call via CloudTrail" events'),
  ]);
  const otherEvents = JSON.stringify({
    source: ["aws.ec2"],
    "detail-type": ["EC2 Instance State-change Notification"],
  });
  expect(await check(alarm("tamper-alarms", otherEvents))).toEqual([
    onStack('the stack has no EventBridge rule on "AWS API Call via CloudTrail" events'),
  ]);
});

test("a required event no rule watches is reported by name", async () => {
  const fewer = cloudTrailPattern(
    ["cloudtrail", "s3", "kms", "logs"],
    REGIONAL_EVENTS.filter((e) => e !== "DeleteTrail"),
  );
  expect(await check(regional({ rule: { eventPattern: fewer } }))).toEqual([
    unwatched("DeleteTrail"),
  ]);
});

test("without the us-east-1 rule, IAM's events are unwatched", async () => {
  expect(
    await check(tamperAlarms().filter((f) => !f.name.startsWith("tamper-alarms-iam"))),
  ).toEqual([unwatched(...IAM_EVENTS)]);
});

test("a rule without a target is reported", async () => {
  expect(await check(tamperAlarms().filter((f) => f.name !== "tamper-alarms-target"))).toEqual([
    onRule("has no EventTarget"),
  ]);
});

test("a target that is no SNS topic of the stack is reported", async () => {
  const fixtures = regional({
    target: { arn: "arn:aws:sns:eu-west-1:111122223333:elsewhere" },
  }).map((f) =>
    f.name === "tamper-alarms-target" ? { ...f, deps: { rule: ["tamper-alarms-rule"] } } : f,
  );
  expect(await check(fixtures)).toEqual([onRule("notifies no SNS topic of this stack")]);
});

test("a topic not encrypted is reported", async () => {
  expect(await check(regional({ topic: { kmsMasterKeyId: undefined } }))).toEqual([
    onRule("notifies Topic tamper-alarms-topic, which has no kmsMasterKeyId"),
  ]);
});

test("a disabled rule or one on another event bus is reported", async () => {
  expect(await check(regional({ rule: { state: "DISABLED" } }))).toEqual([onRule("is disabled")]);
  expect(await check(regional({ rule: { isEnabled: false } }))).toEqual([onRule("is disabled")]);
  expect(await check(regional({ rule: { eventBusName: "audit" } }))).toEqual([
    onRule('is on event bus "audit", which receives no CloudTrail events'),
  ]);
  expect(await check(regional({ rule: { eventBusName: "default" } }))).toEqual([]);
});

test("a target naming the rule by its known name counts", async () => {
  const fixtures = regional({ target: { rule: "example-tamper-alarms" } }).map((f) =>
    f.name === "tamper-alarms-target" ? { ...f, deps: { arn: ["tamper-alarms-topic"] } } : f,
  );
  expect(await check(fixtures)).toEqual([]);
});

test("requiredEvents chooses the events; a rule on every API call watches them all", async () => {
  const config = { [NAME]: { requiredEvents: ["StopLogging"] } };
  expect(
    await check(alarm("tamper-alarms", cloudTrailPattern(["cloudtrail"], ["StopLogging"])), config),
  ).toEqual([]);
  const everyCall = JSON.stringify({ "detail-type": ["AWS API Call via CloudTrail"] });
  expect(await check(alarm("tamper-alarms", everyCall))).toEqual([]);
});

const cannotRun = (path: string) => [
  NAME,
  "advisory",
  "",
  `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
];

test("unknown values cannot pass: the SDK's advisory", async () => {
  expect(await check(regional({ rule: { eventPattern: UNKNOWN } }))).toEqual([
    cannotRun("eventPattern"),
  ]);
  expect(await check(regional({ rule: { state: UNKNOWN } }))).toEqual([cannotRun("state")]);
});

test("an unknown value no decision needs is not read", async () => {
  expect(await check([...tamperAlarms(), ...alarm("other-alarm", UNKNOWN)])).toEqual([]);
});

describe("which rules watch which events", () => {
  const config = { [NAME]: { requiredEvents: ["StopLogging", "DeleteTrail"] } };
  const both = cloudTrailPattern(["cloudtrail"], ["StopLogging", "DeleteTrail"]);
  const noTarget = (prefix: string, pattern: unknown) =>
    alarm(prefix, pattern).filter((f) => f.name !== `${prefix}-target`);
  const rule = (prefix: string, text: string) => [
    NAME,
    "mandatory",
    `${prefix}-rule`,
    `EventRule ${prefix}-rule ${text}`,
  ];
  const NONE = onStack('the stack has no EventBridge rule on "AWS API Call via CloudTrail" events');

  test("a pattern that is not a JSON object, or an event name that is not a list, takes no event", async () => {
    for (const pattern of ["null", "5", '"StopLogging"', [both]]) {
      expect(await check(alarm("a", pattern), config)).toEqual([NONE]);
    }
    const single = JSON.stringify({
      "detail-type": ["AWS API Call via CloudTrail"],
      detail: { eventName: "StopLogging" },
    });
    expect(await check(alarm("a", single), config)).toEqual([
      onStack("no EventBridge rule on CloudTrail API calls watches StopLogging, DeleteTrail"),
    ]);
  });

  test("a pattern without detail-type takes the CloudTrail calls its event names name", async () => {
    const bare = JSON.stringify({ detail: { eventName: ["StopLogging", "DeleteTrail"] } });
    expect(await check(alarm("a", bare), config)).toEqual([]);
  });

  test("a broken rule is not reported when another rule alarms on its events", async () => {
    expect(await check([...alarm("a", both), ...noTarget("b", both)], config)).toEqual([]);
  });

  test("a broken rule is reported for the missing events it watches, and only then", async () => {
    const stopOnly = cloudTrailPattern(["cloudtrail"], ["StopLogging"]);
    const deleteOnly = cloudTrailPattern(["cloudtrail"], ["DeleteTrail"]);
    expect(await check(noTarget("b", stopOnly), config)).toEqual([
      rule("b", "has no EventTarget"),
      onStack("no EventBridge rule on CloudTrail API calls watches DeleteTrail"),
    ]);
    expect(await check([...alarm("a", stopOnly), ...noTarget("b", stopOnly)], config)).toEqual([
      onStack("no EventBridge rule on CloudTrail API calls watches DeleteTrail"),
    ]);
    expect(await check([...noTarget("b", stopOnly), ...noTarget("c", deleteOnly)], config)).toEqual(
      [rule("b", "has no EventTarget"), rule("c", "has no EventTarget")],
    );
  });

  test("a pattern unknown in preview is not read when every missing event has a rule", async () => {
    expect(await check([...noTarget("b", both), ...alarm("c", UNKNOWN)], config)).toEqual([
      rule("b", "has no EventTarget"),
    ]);
  });

  test("a rule with a gap reports it, whatever else it could not read", async () => {
    expect(await check(regional({ rule: { state: "DISABLED", isEnabled: UNKNOWN } }))).toEqual([
      onRule("is disabled"),
    ]);
  });
});

describe("where a rule's events go", () => {
  test("the default bus, named by its ARN, receives CloudTrail events", async () => {
    const bus = "arn:aws:events:eu-west-1:111122223333:event-bus/default";
    expect(await check(regional({ rule: { eventBusName: bus } }))).toEqual([]);
  });

  test("a target naming another rule is not this rule's", async () => {
    const fixtures = regional({ target: { rule: "example-other" } }).map((f) =>
      f.name === "tamper-alarms-target" ? { ...f, deps: { arn: ["tamper-alarms-topic"] } } : f,
    );
    expect(await check(fixtures)).toEqual([onRule("has no EventTarget")]);
  });

  test("a target whose ARN comes from a resource that is not a topic notifies no topic", async () => {
    const fixtures = regional({}).map((f) =>
      f.name === "tamper-alarms-target"
        ? { ...f, deps: { rule: ["tamper-alarms-rule"], arn: ["tamper-alarms-key"] } }
        : f,
    );
    expect(await check(fixtures)).toEqual([onRule("notifies no SNS topic of this stack")]);
  });

  test("one encrypted topic among the rule's targets is enough", async () => {
    const plain = alarm("plain", "{}", { topic: { kmsMasterKeyId: undefined } });
    const fixtures = [
      ...tamperAlarms(),
      ...plain.filter((f) => f.name === "plain-topic").map((f) => ({ ...f, deps: {} })),
      {
        type: plain.find((f) => f.name === "plain-target")!.type,
        name: "second-target",
        props: { rule: UNKNOWN, arn: UNKNOWN },
        deps: { rule: ["tamper-alarms-rule"], arn: ["plain-topic"] },
      },
    ];
    expect(await check(fixtures)).toEqual([]);
  });
});

test("a target whose rule is unknown and depends on nothing is no rule's, even an unnamed one", async () => {
  const fixtures = regional({ rule: { name: UNKNOWN } }).map((f) =>
    f.name === "tamper-alarms-target" ? { ...f, deps: { arn: ["tamper-alarms-topic"] } } : f,
  );
  expect(await check(fixtures)).toEqual([onRule("has no EventTarget")]);
});
