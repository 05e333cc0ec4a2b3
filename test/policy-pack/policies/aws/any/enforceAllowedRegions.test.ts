import { enforceAllowedRegions } from "../../../../../policy-pack/policies/aws/any/enforceAllowedRegions";
import type { PolicyPackConfig } from "@pulumi/policy";
import {
  analyzeResource,
  type Fixture,
  notApplicableTo,
  rows,
  UNKNOWN,
} from "../../../support/analyze";

const NAME = "aws-any-enforce-allowed-regions";
const ALLOWED = { [NAME]: { allowedRegions: ["eu-west-1", "eu-central-1"] } };

const provider = (properties: Record<string, unknown>) => ({
  urn: "urn:pulumi:test::soc2-baseline::pulumi:providers:aws::aws",
  type: "pulumi:providers:aws",
  name: "aws",
  properties,
});

/** The audit key as the baseline registers it, through its explicit provider. */
const key = (change: Partial<Fixture> = {}): Fixture => ({
  type: "aws:kms/key:Key",
  name: "audit-key",
  props: { enableKeyRotation: true, deletionWindowInDays: 30 },
  provider: provider({
    region: "eu-west-1",
    allowedAccountIds: '["111122223333"]',
    defaultTags: '{"tags":{"owner":"platform-team"}}',
  }),
  ...change,
});

const check = async (fixture: Fixture, config: PolicyPackConfig = ALLOWED) =>
  rows(await analyzeResource([enforceAllowedRegions], fixture, config));

test("the baseline's resources pass in its provider's region", async () => {
  expect(await check(key())).toEqual([]);
});

test("without allowedRegions the policy does not apply", async () => {
  expect(await check(key({ provider: provider({ region: "us-east-1" }) }), {})).toEqual([]);
});

test("a provider in another region is reported", async () => {
  expect(await check(key({ provider: provider({ region: "us-east-1" }) }))).toEqual([
    [NAME, "advisory", "", "region us-east-1 is not allowed (allowed: eu-west-1, eu-central-1)"],
  ]);
});

test("the resource's own region wins over its provider's", async () => {
  expect(
    await check(key({ props: { enableKeyRotation: true, region: "ap-southeast-2" } })),
  ).toEqual([
    [
      NAME,
      "advisory",
      "",
      "region ap-southeast-2 is not allowed (allowed: eu-west-1, eu-central-1)",
    ],
  ]);
  expect(
    await check(
      key({
        props: { enableKeyRotation: true, region: "eu-central-1" },
        provider: provider({ region: "us-east-1" }),
      }),
    ),
  ).toEqual([]);
});

test("a resource whose region cannot be told is reported", async () => {
  expect(await check(key({ provider: provider({}) }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "no region is set on the resource or its provider (allowed: eu-west-1, eu-central-1)",
    ],
  ]);
  expect(await check(key({ provider: undefined }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "no region is set on the resource or its provider (allowed: eu-west-1, eu-central-1)",
    ],
  ]);
});

test("a malformed region is reported", async () => {
  expect(await check(key({ props: { region: 42 } }))).toEqual([
    [NAME, "advisory", "", "region 42 is not allowed (allowed: eu-west-1, eu-central-1)"],
  ]);
  expect(await check(key({ props: { region: { name: "eu-west-1" } } }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      'region {"name":"eu-west-1"} is not allowed (allowed: eu-west-1, eu-central-1)',
    ],
  ]);
});

test("a region set to null or empty is no region", async () => {
  for (const region of [null, ""]) {
    expect(await check(key({ props: { region } }))).toEqual([
      [
        NAME,
        "advisory",
        "",
        "no region is set on the resource or its provider (allowed: eu-west-1, eu-central-1)",
      ],
    ]);
  }
});

test("why the policy does not apply: another provider's resource, or no allowedRegions", async () => {
  const github = { type: "github:index/repository:Repository", name: "repo" };
  expect(await notApplicableTo([enforceAllowedRegions], github, ALLOWED)).toEqual([
    [NAME, "applies to AWS resources only"],
  ]);
  expect(await notApplicableTo([enforceAllowedRegions], key(), {})).toEqual([
    [NAME, "no allowedRegions configured"],
  ]);
  expect(await notApplicableTo([enforceAllowedRegions], key(), ALLOWED)).toEqual([]);
});

test("resources of other providers are not judged", async () => {
  expect(
    await check({
      type: "github:index/repository:Repository",
      name: "repo",
      props: { name: "infra" },
      provider: provider({ region: "us-east-1" }),
    }),
  ).toEqual([]);
});

test("an unknown region cannot pass: the SDK's advisory", async () => {
  expect(await check(key({ props: { region: UNKNOWN } }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-any-enforce-allowed-regions' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .region can't be known during preview",
    ],
  ]);
});
