/**
 * Exceptions to stack policies are reported, once, by soc2-exception-report-stack-uses on the
 * resource each suppressed (or expired, or malformed) exception concerns.
 */
import { missingVersioning } from "../../../../../policy-pack/policies/aws/s3/bucket/missingVersioning";
import { reportStackUses } from "../../../../../policy-pack/policies/soc2/exception/reportStackUses";
import { analyzeStack, rows } from "../../../support/analyze";

const VERSIONING = "aws-s3-bucket-missing-versioning";
const REPORT = "soc2-exception-report-stack-uses";
const SCRATCH_URN = "urn:pulumi:test::soc2-baseline::aws:s3/bucket:Bucket::scratch";
const buckets = [
  { type: "aws:s3/bucket:Bucket", name: "scratch" },
  { type: "aws:s3/bucket:Bucket", name: "data" },
];
const exception = (fields: Record<string, string> = {}) => ({
  [VERSIONING]: {
    exceptions: [
      {
        urn: SCRATCH_URN,
        reason: "Scratch data regenerated nightly; versions would only cost money",
        approver: "jane.doe@example.com",
        expires: "2999-01-31",
        ...fields,
      },
    ],
  },
});
const check = async (config = {}) =>
  rows(await analyzeStack([missingVersioning, reportStackUses], buckets, config));

test("without exceptions there is nothing to report", async () => {
  expect(await check()).toEqual([
    [VERSIONING, "mandatory", "scratch", "Bucket scratch has no versioning configuration"],
    [VERSIONING, "mandatory", "data", "Bucket data has no versioning configuration"],
  ]);
});

test("an applied exception is reported as an advisory on its resource instead", async () => {
  expect(await check(exception({ ticket: "RISK-9" }))).toEqual([
    [VERSIONING, "mandatory", "data", "Bucket data has no versioning configuration"],
    [
      REPORT,
      "advisory",
      "scratch",
      `exception to ${VERSIONING} applied (approved by jane.doe@example.com, expires 2999-01-31, ` +
        "RISK-9): Scratch data regenerated nightly; versions would only cost money — suppressed " +
        "violation: Bucket scratch has no versioning configuration",
    ],
  ]);
});

test("an expired exception is reported next to the violation it no longer covers", async () => {
  expect(await check(exception({ expires: "2020-01-31" }))).toEqual([
    [VERSIONING, "mandatory", "scratch", "Bucket scratch has no versioning configuration"],
    [VERSIONING, "mandatory", "data", "Bucket data has no versioning configuration"],
    [
      REPORT,
      "advisory",
      "scratch",
      `exception to ${VERSIONING} expired on 2020-01-31 and no longer applies: ` +
        "Bucket scratch has no versioning configuration",
    ],
  ]);
});

test("each use is reported by the analysis that recorded it, and by no later one", async () => {
  await check(exception());
  expect(rows(await analyzeStack([reportStackUses], buckets))).toEqual([]);
});
