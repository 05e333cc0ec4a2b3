import { enableVersioning } from "../../../../../../policy-pack/policies/aws/s3/bucket/enableVersioning";
import {
  analyzeResource,
  type Fixture,
  rows,
  UNKNOWN,
  unknownRow,
} from "../../../../support/analyze";
import { archive, T } from "../../../../support/archive";

const NAME = "aws-s3-bucket-enable-versioning";

// Analyze diagnostics carry no URN (the engine files them under the resource it asked about), so
// rows name no resource.
const violation = (text: string) => [NAME, "mandatory", "", text];
const run = async (fixture: Fixture) => rows(await analyzeResource([enableVersioning], fixture));

const versioning = (configuration: unknown): Fixture => ({
  type: T.versioning,
  name: "audit-logs-versioning",
  props: { bucket: UNKNOWN, versioningConfiguration: configuration },
});
const bucket = (props: Record<string, unknown>, type: string = T.bucket): Fixture => ({
  type,
  name: "data",
  props: { bucket: "example-data", ...props },
});

test("every resource of the archive passes in a first preview", async () => {
  // Analyze sees one resource alone, without the others its dependencies name.
  for (const fixture of archive()) expect(await run({ ...fixture, deps: {} })).toEqual([]);
});

test("suspended versioning is reported", async () => {
  expect(await run(versioning({ status: "Suspended" }))).toEqual([
    violation('versioning is "Suspended", not "Enabled"'),
  ]);
});

test("the V2 alias is judged alike", async () => {
  expect(
    await run({
      ...versioning({ status: "Disabled" }),
      type: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    }),
  ).toEqual([violation('versioning is "Disabled", not "Enabled"')]);
});

test("a missing or malformed status is reported", async () => {
  expect(await run(versioning({ mfaDelete: "Disabled" }))).toEqual([
    violation('versioning is unset, not "Enabled"'),
  ]);
  expect(await run(versioning({ status: { value: "Enabled" } }))).toEqual([
    violation('versioning is malformed, not "Enabled"'),
  ]);
});

test("an unknown status cannot be judged during preview", async () => {
  expect(await run(versioning({ status: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .versioningConfiguration.status can't be known during preview`,
    ],
  ]);
});

test("a bucket with deprecated inline versioning disabled is reported", async () => {
  expect(await run(bucket({ versioning: { enabled: false } }))).toEqual([
    violation("deprecated inline versioning is not enabled"),
  ]);
  expect(
    await run(bucket({ versionings: [{ enabled: false }] }, "aws:s3/bucketV2:BucketV2")),
  ).toEqual([violation("deprecated inline versioning is not enabled")]);
});

test("a bucket with inline versioning enabled, or without it, passes", async () => {
  expect(await run(bucket({ versioning: { enabled: true } }))).toEqual([]);
  expect(await run(bucket({}))).toEqual([]);
});

test("an unknown inline setting cannot be judged during preview", async () => {
  expect(await run(bucket({ versioning: { enabled: UNKNOWN } }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .versioning.enabled can't be known during preview`,
    ],
  ]);
});

test("inline versioning given as one object is read; null is none", async () => {
  expect(
    await run(bucket({ versionings: { enabled: false } }, "aws:s3/bucketV2:BucketV2")),
  ).toEqual([violation("deprecated inline versioning is not enabled")]);
  expect(await run(bucket({ versioning: null }))).toEqual([]);
});

test("an unknown inline versioning block cannot be judged during preview", async () => {
  expect(await run(bucket({ versioning: UNKNOWN }))).toEqual([unknownRow(NAME, ".versioning")]);
});
