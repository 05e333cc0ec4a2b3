/**
 * The conventions every policy is built with: metadata in a fixed order with its SOC 2 framework
 * and criterion tags from the catalogue, enforcement from severity, config defaults applied when
 * the engine sends none, types a policy does not judge skipped unread, and exceptions honoured.
 */
import type { ResourceValidationArgs, Severity, StackValidationArgs } from "@pulumi/policy";
import { criteriaOf, FRAMEWORK } from "../../../policy-pack/controls/catalogue";
import { resourcePolicy, stackPolicy } from "../../../policy-pack/lib/definePolicy";
import { exceptionsSchema } from "../../../policy-pack/lib/exceptions";
import { policies } from "../../../policy-pack/policies";
import { analyzeResource, analyzeStack, rows } from "../support/analyze";

/** A name the catalogue lists under CC9.1 and then A1.2. */
const NAME = "aws-kms-key-configure-deletion-window";
const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";
const EXCEPTION = {
  reason: "Imported HSM-backed key; rotation is done by re-keying yearly",
  approver: "ciso@example.com",
  expires: "2999-01-31",
};

const spec = {
  name: NAME,
  description: "Keys wait before deletion.",
  severity: "medium" as Severity,
  tags: ["cis-aws:3.7"],
  remediationSteps: "Set deletionWindowInDays.",
  validate: () => undefined,
};

test("metadata comes in the fixed order, framework and criterion tags from the catalogue", () => {
  const policy = resourcePolicy(spec);
  expect(Object.keys(policy)).toEqual([
    "name",
    "description",
    "severity",
    "framework",
    "tags",
    "remediationSteps",
    "enforcementLevel",
    "configSchema",
    "validateResource",
  ]);
  expect(policy).toMatchObject({
    name: NAME,
    description: "Keys wait before deletion.",
    severity: "medium",
    framework: {
      name: "SOC 2",
      version: "2017 Trust Services Criteria (revised points of focus, 2022)",
      reference: "CC9.1",
      specification: "Risks of business disruption are mitigated",
    },
    tags: ["soc2:A1.2", "cis-aws:3.7"],
    remediationSteps: "Set deletionWindowInDays.",
    configSchema: { properties: { exceptions: exceptionsSchema } },
  });
  expect(resourcePolicy({ ...spec, tags: undefined }).tags).toEqual(["soc2:A1.2"]);
});

test("every policy of the pack takes its first criterion as framework, the others as tags", () => {
  for (const policy of policies) {
    const [primary, ...further] = criteriaOf(policy.name);
    expect([policy.name, policy.framework]).toEqual([
      policy.name,
      { ...FRAMEWORK, reference: primary.id, specification: primary.title },
    ]);
    expect(policy.tags?.filter((t) => t.startsWith("soc2:"))).toEqual(
      further.map((c) => `soc2:${c.id}`),
    );
  }
});

test("high and critical policies are mandatory, the others advisory", () => {
  const levels = (["low", "medium", "high", "critical"] as const).map((severity) => [
    severity,
    resourcePolicy({ ...spec, severity }).enforcementLevel,
    stackPolicy({ ...spec, severity }).enforcementLevel,
  ]);
  expect(levels).toEqual([
    ["low", "advisory", "advisory"],
    ["medium", "advisory", "advisory"],
    ["high", "mandatory", "mandatory"],
    ["critical", "mandatory", "mandatory"],
  ]);
});

test("a policy the catalogue does not list is refused by name", () => {
  expect(() => resourcePolicy({ ...spec, name: "aws-kms-key-enforce-nothing" })).toThrow(
    new Error(
      "policy aws-kms-key-enforce-nothing is not listed in the control catalogue (controls/catalogue.ts)",
    ),
  );
});

test("config defaults apply when the engine sends none, and the engine's values win", async () => {
  const seen: unknown[] = [];
  const policy = resourcePolicy<{ minDays: number; modes: string[] }>({
    ...spec,
    config: {
      minDays: { type: "integer", default: 30, description: "Days." },
      modes: {
        type: "array",
        items: { type: "string" },
        default: ["COMPLIANCE"],
        description: "Modes.",
      },
    },
    validate: (_resource, _report, config) => void seen.push(config),
  });
  expect(Object.keys(policy.configSchema?.properties ?? {})).toEqual([
    "minDays",
    "modes",
    "exceptions",
  ]);
  await analyzeResource([policy], { type: KEY, name: "key" });
  await analyzeResource([policy], { type: KEY, name: "key" }, { [NAME]: { minDays: 7 } });
  expect(seen).toEqual([
    { minDays: 30, modes: ["COMPLIANCE"], exceptions: [] },
    { minDays: 7, modes: ["COMPLIANCE"], exceptions: [] },
  ]);
});

describe("resource types", () => {
  const judged: string[] = [];
  const judging = (types: string[]) =>
    resourcePolicy({
      ...spec,
      types,
      validate: (resource: ResourceValidationArgs) => void judged.push(resource.name),
    });
  beforeEach(() => judged.splice(0));

  test("a policy judges only its types, and says it does not apply to the others", async () => {
    const policy = judging([KEY, BUCKET]);
    expect(await analyzeResource([policy], { type: KEY, name: "key" })).toEqual([]);
    expect(await analyzeResource([policy], { type: BUCKET, name: "bucket" })).toEqual([]);
    expect(await analyzeResource([policy], { type: "aws:iam/role:Role", name: "role" })).toEqual(
      [],
    );
    expect(judged).toEqual(["key", "bucket"]);
    expect(policy.validateResource).not.toHaveProperty("__pulumiType");
  });

  test("a policy of one type carries it, so the analyzer skips the others without calling it", async () => {
    const policy = judging([KEY]);
    expect(policy.validateResource).toHaveProperty("__pulumiType", KEY);
    await analyzeResource([policy], { type: BUCKET, name: "bucket" });
    expect(judged).toEqual([]);
  });

  test("saying so leaves Error.stackTraceLimit as it was", () => {
    const policy = judging([KEY, BUCKET]);
    // A value of its own: an earlier test that left the limit at 0 must not make this one pass.
    const before = Error.stackTraceLimit;
    const limit = 17;
    Error.stackTraceLimit = limit;
    const notApplicable = jest.fn((reason: string) => {
      expect(Error.stackTraceLimit).toBe(0);
      throw new Error(reason);
    });
    const validate = policy.validateResource as (a: unknown, r: unknown) => void;
    expect(() => validate({ type: "aws:iam/role:Role", notApplicable }, jest.fn())).toThrow(
      "not a resource type this policy judges",
    );
    const after = Error.stackTraceLimit;
    Error.stackTraceLimit = before;
    expect(after).toBe(limit);
    expect(judged).toEqual([]);
  });

  test("a policy without types judges every resource", async () => {
    const policy = resourcePolicy({
      ...spec,
      validate: (resource: ResourceValidationArgs) => void judged.push(resource.type),
    });
    await analyzeResource([policy], { type: "aws:iam/role:Role", name: "role" });
    expect(judged).toEqual(["aws:iam/role:Role"]);
  });
});

describe("exceptions", () => {
  const failing = resourcePolicy({
    ...spec,
    validate: (_resource, report) => report("deletion window too short"),
  });
  const failingStack = stackPolicy({
    ...spec,
    validate: (stack: StackValidationArgs, report) => {
      report("the stack has no key");
      for (const r of stack.resources) report(`${r.name} is too short`, r.urn);
    },
  });
  const covering = (urn: string, expires = EXCEPTION.expires) => ({
    [NAME]: { exceptions: [{ ...EXCEPTION, urn, expires }] },
  });

  test("an applying exception suppresses the violation of the resource it names", async () => {
    const key = { type: KEY, name: "legacy" };
    expect(rows(await analyzeResource([failing], key))).toEqual([
      [NAME, "advisory", "", "deletion window too short"],
    ]);
    expect(rows(await analyzeResource([failing], key, covering("*::legacy")))).toEqual([]);
    expect(rows(await analyzeResource([failing], key, covering("*::other")))).toEqual([
      [NAME, "advisory", "", "deletion window too short"],
    ]);
  });

  test("an expired exception lets the violation through", async () => {
    const key = { type: KEY, name: "legacy" };
    expect(rows(await analyzeResource([failing], key, covering("*", "2020-01-01")))).toEqual([
      [NAME, "advisory", "", "deletion window too short"],
    ]);
  });

  test("in a stack policy an exception covers the resource a violation names, never the stack", async () => {
    const fixtures = [
      { type: KEY, name: "legacy" },
      { type: KEY, name: "current" },
    ];
    expect(rows(await analyzeStack([failingStack], fixtures, covering("*::legacy")))).toEqual([
      [NAME, "advisory", "", "the stack has no key"],
      [NAME, "advisory", "current", "current is too short"],
    ]);
    expect(rows(await analyzeStack([failingStack], fixtures, covering("*")))).toEqual([
      [NAME, "advisory", "", "the stack has no key"],
    ]);
  });
});
