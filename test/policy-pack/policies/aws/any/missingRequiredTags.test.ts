import { missingRequiredTags } from "../../../../../policy-pack/policies/aws/any/missingRequiredTags";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../support/analyze";

const NAME = "aws-any-missing-required-tags";

const provider = (properties: Record<string, unknown>) => ({
  urn: "urn:pulumi:test::soc2-baseline::pulumi:providers:aws::aws",
  type: "pulumi:providers:aws",
  name: "aws",
  properties,
});

/** The baseline's explicit provider: the stack's tags, owner included, are its default tags. */
const BASELINE_PROVIDER = provider({
  region: "eu-west-1",
  allowedAccountIds: '["111122223333"]',
  defaultTags:
    '{"tags":{"cost-center":"security","owner":"platform-team","pulumi:project":"soc2-baseline","pulumi:stack":"test"}}',
});

/** The audit-log bucket as the baseline registers it, through its explicit provider. */
const bucket = (change: Partial<Fixture> = {}): Fixture => ({
  type: "aws:s3/bucket:Bucket",
  name: "audit-logs",
  props: {
    bucket: "example-audit-logs",
    objectLockEnabled: true,
    forceDestroy: false,
    tags: { "soc2:audit-role": "audit-logs" },
  },
  provider: BASELINE_PROVIDER,
  ...change,
});

const check = async (fixture: Fixture, config = {}) =>
  rows(await analyzeResource([missingRequiredTags], fixture, config));

test("the baseline's resources carry the owner tag through the provider's defaults", async () => {
  expect(await check(bucket())).toEqual([]);
  expect(
    await check({
      type: "aws:kms/key:Key",
      name: "audit-key",
      props: { enableKeyRotation: true },
      provider: BASELINE_PROVIDER,
    }),
  ).toEqual([]);
});

test("a resource's own tag counts", async () => {
  expect(
    await check(bucket({ props: { tags: { owner: "data-team" } }, provider: provider({}) })),
  ).toEqual([]);
});

test("default tags given as an object count", async () => {
  expect(
    await check(bucket({ provider: provider({ defaultTags: { tags: { owner: "platform" } } }) })),
  ).toEqual([]);
});

test("a resource without the tag is reported", async () => {
  expect(await check(bucket({ provider: provider({ region: "eu-west-1" }) }))).toEqual([
    [NAME, "advisory", "", "missing required tags: owner"],
  ]);
  expect(await check(bucket({ provider: undefined }))).toEqual([
    [NAME, "advisory", "", "missing required tags: owner"],
  ]);
});

test("malformed tags and default tags count as none", async () => {
  expect(
    await check(bucket({ props: { tags: ["owner"] }, provider: provider({ defaultTags: "{" }) })),
  ).toEqual([[NAME, "advisory", "", "missing required tags: owner"]]);
});

test("requiredTags lists every missing key", async () => {
  expect(
    await check(bucket(), { [NAME]: { requiredTags: ["owner", "data-class", "service"] } }),
  ).toEqual([[NAME, "advisory", "", "missing required tags: data-class, service"]]);
});

test("types that take no tags are not judged", async () => {
  expect(
    await check({
      type: "aws:s3/bucketPolicy:BucketPolicy",
      name: "audit-logs-policy",
      props: { bucket: UNKNOWN, policy: "{}" },
    }),
  ).toEqual([]);
});

test("a tag whose value is unknown is present", async () => {
  expect(await check(bucket({ props: { tags: { owner: UNKNOWN } }, provider: undefined }))).toEqual(
    [],
  );
});

test("unknown default tags matter only when the own tags lack a key", async () => {
  const unknownDefaults = provider({ defaultTags: UNKNOWN });
  expect(
    await check(bucket({ props: { tags: { owner: "x" } }, provider: unknownDefaults })),
  ).toEqual([]);
  expect(await check(bucket({ provider: unknownDefaults }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-any-missing-required-tags' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .defaultTags can't be known during preview",
    ],
  ]);
});

test("unknown own tags cannot pass when the defaults lack a key", async () => {
  expect(await check(bucket({ props: { tags: UNKNOWN }, provider: undefined }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-any-missing-required-tags' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .tags can't be known during preview",
    ],
  ]);
});

test("tags that are not a map have no keys, not even their indices", async () => {
  const config = { [NAME]: { requiredTags: ["0"] } };
  for (const tags of [null, ["x"], "x"]) {
    expect(await check(bucket({ props: { tags }, provider: undefined }), config)).toEqual([
      [NAME, "advisory", "", "missing required tags: 0"],
    ]);
  }
});

test("default tags that are JSON but not an object count as none", async () => {
  for (const defaultTags of ["null", "5", '"owner"']) {
    expect(await check(bucket({ provider: provider({ defaultTags }) }))).toEqual([
      [NAME, "advisory", "", "missing required tags: owner"],
    ]);
  }
});
