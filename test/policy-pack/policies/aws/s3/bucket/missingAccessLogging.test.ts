import { missingAccessLogging } from "../../../../../../policy-pack/policies/aws/s3/bucket/missingAccessLogging";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  archive,
  changed,
  NAMES,
  unknownAdvisory,
  without,
  withProps,
} from "../../../../support/archive";

const NAME = "aws-s3-bucket-missing-access-logging";
const ARCHIVE = archive();

const run = async (fixtures: Fixture[]) =>
  rows(await analyzeStack([missingAccessLogging], fixtures));
const logging = (targetBucket: unknown, deps: string[] = []): Fixture => ({
  ...withProps(ARCHIVE, "audit-logs-access-logging", { targetBucket }),
  deps: { bucket: ["audit-logs"], ...(deps.length > 0 ? { targetBucket: deps } : {}) },
});
const SELF = [
  NAME,
  "mandatory",
  "audit-logs",
  "Bucket audit-logs sends its server access logs to itself",
];

test("the archive passes in a first preview, with every id and target unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("the archive passes once created, with known target names", async () => {
  expect(
    await run(changed(ARCHIVE, logging(NAMES.accessLogBucket, ["audit-access-logs"]))),
  ).toEqual([]);
});

test("an audit-log bucket without server access logging is reported", async () => {
  expect(await run(without(ARCHIVE, "audit-logs-access-logging"))).toEqual([
    [
      NAME,
      "mandatory",
      "audit-logs",
      "Bucket audit-logs holds audit logs but has no server access logging",
    ],
  ]);
});

test("logs sent to the bucket itself are reported, by dependency or by name", async () => {
  expect(await run(changed(ARCHIVE, logging(UNKNOWN, ["audit-logs"])))).toEqual([SELF]);
  expect(await run(changed(ARCHIVE, logging(NAMES.logBucket)))).toEqual([SELF]);
});

test("a known target of another name passes without a dependency", async () => {
  expect(await run(changed(ARCHIVE, logging("central-access-logs")))).toEqual([]);
});

test("a target that is unknown and depends on nothing cannot be judged during preview", async () => {
  expect(await run(changed(ARCHIVE, logging(UNKNOWN)))).toEqual([
    unknownAdvisory(NAME, "targetBucket"),
  ]);
});

test("a known target cannot be told from a bucket whose name is unknown", async () => {
  expect(
    await run(
      changed(
        ARCHIVE,
        withProps(ARCHIVE, "audit-logs", { bucket: UNKNOWN }),
        logging("central-access-logs"),
      ),
    ),
  ).toEqual([unknownAdvisory(NAME, "bucket")]);
});

test("a target depending on the bucket itself among others is the bucket itself", async () => {
  expect(
    await run(changed(ARCHIVE, logging(UNKNOWN, ["audit-access-logs", "audit-logs"]))),
  ).toEqual([SELF]);
});

test("a malformed known target is another bucket", async () => {
  expect(await run(changed(ARCHIVE, logging(5)))).toEqual([]);
});

test("one logging to another bucket is enough", async () => {
  const second = { ...logging(NAMES.logBucket), name: "audit-logs-access-logging-2" };
  expect(await run([...ARCHIVE, second])).toEqual([]);
});
