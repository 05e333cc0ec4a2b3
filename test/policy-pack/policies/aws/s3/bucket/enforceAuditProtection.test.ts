import { enforceAuditProtection } from "../../../../../../policy-pack/policies/aws/s3/bucket/enforceAuditProtection";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { archive, changed, T, withProps } from "../../../../support/archive";

const NAME = "aws-s3-bucket-enforce-audit-protection";
const ARCHIVE = archive();

const run = async (fixtures: Fixture[]) =>
  rows(await analyzeStack([enforceAuditProtection], fixtures));
const unprotected = (name: string, props: Record<string, unknown> = {}) => ({
  ...withProps(ARCHIVE, name, props),
  protect: false,
});

test("the archive passes in a first preview, with every id unknown", async () => {
  expect(await run(ARCHIVE)).toEqual([]);
});

test("an unprotected audit-log bucket is reported", async () => {
  expect(await run(changed(ARCHIVE, unprotected("audit-logs")))).toEqual([
    [
      NAME,
      "mandatory",
      "audit-logs",
      "Bucket audit-logs holds audit logs but is not protected (protect: true)",
    ],
  ]);
});

test("an unprotected access-log bucket is reported, recognized through the logging too", async () => {
  const expected = [
    [
      NAME,
      "mandatory",
      "audit-access-logs",
      "Bucket audit-access-logs holds server access logs but is not protected (protect: true)",
    ],
  ];
  expect(await run(changed(ARCHIVE, unprotected("audit-access-logs")))).toEqual(expected);
  expect(await run(changed(ARCHIVE, unprotected("audit-access-logs", { tags: {} })))).toEqual(
    expected,
  );
});

test("a bucket whose tags are unknown is still recognized through the trail", async () => {
  expect(await run(changed(ARCHIVE, unprotected("audit-logs", { tags: UNKNOWN })))).toEqual([
    [
      NAME,
      "mandatory",
      "audit-logs",
      "Bucket audit-logs holds audit logs but is not protected (protect: true)",
    ],
  ]);
});

test("other buckets need no protection", async () => {
  expect(
    await run([...ARCHIVE, { type: T.bucket, name: "data", props: { bucket: "example-data" } }]),
  ).toEqual([]);
});
