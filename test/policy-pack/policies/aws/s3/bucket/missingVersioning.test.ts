import { missingVersioning } from "../../../../../../policy-pack/policies/aws/s3/bucket/missingVersioning";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { archive, changed, config, T, unknownAdvisory, without } from "../../../../support/archive";

const NAME = "aws-s3-bucket-missing-versioning";
const ARCHIVE = archive();

const run = async (fixtures: Fixture[]) => rows(await analyzeStack([missingVersioning], fixtures));
const bucket = (props: Record<string, unknown> = {}, type: string = T.bucket): Fixture => ({
  type,
  name: "data",
  props: { bucket: "example-data", ...props },
});

test("the archive passes in a first preview, with every id unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("a bucket without versioning is reported by name", async () => {
  expect(await run(without(ARCHIVE, "audit-logs-versioning"))).toEqual([
    [NAME, "mandatory", "audit-logs", "Bucket audit-logs has no versioning configuration"],
  ]);
});

test("a versioning configuration of another bucket does not count", async () => {
  expect(
    await run([...ARCHIVE, bucket(), config(T.versioning, "data-versioning", "audit-logs", {})]),
  ).toEqual([[NAME, "mandatory", "data", "Bucket data has no versioning configuration"]]);
});

test("deprecated inline versioning counts only when enabled", async () => {
  expect(await run([bucket({ versioning: { enabled: true } })])).toEqual([]);
  expect(
    await run([bucket({ versionings: [{ enabled: true }] }, "aws:s3/bucketV2:BucketV2")]),
  ).toEqual([]);
  expect(await run([bucket({ versioning: { enabled: false } })])).toEqual([
    [NAME, "mandatory", "data", "Bucket data has no versioning configuration"],
  ]);
});

test("an unknown inline setting cannot be judged during preview", async () => {
  expect(await run(changed(ARCHIVE, bucket({ versioning: { enabled: UNKNOWN } })))).toEqual([
    unknownAdvisory(NAME, "versioning.enabled"),
  ]);
});

test("inline versioning given as one object counts; an unknown block cannot be judged", async () => {
  expect(
    await run([bucket({ versionings: { enabled: true } }, "aws:s3/bucketV2:BucketV2")]),
  ).toEqual([]);
  expect(await run(changed(ARCHIVE, bucket({ versioning: UNKNOWN })))).toEqual([
    unknownAdvisory(NAME, "versioning"),
  ]);
});
