import { readFileSync } from "node:fs";
import { OUTPUT, renderTaggableTypes, taggableTypes } from "../../../pipelines/docs/taggableTypes";

const committed = readFileSync(OUTPUT, "utf8");
const fresh = taggableTypes();

test("the committed list is current (run `npm run docs` after an SDK upgrade)", () => {
  expect(committed).toBe(renderTaggableTypes(fresh));
});

test("the list holds resources that take tags, and not those that do not", () => {
  expect(fresh).toEqual(
    expect.arrayContaining([
      "aws:s3/bucket:Bucket",
      "aws:kms/key:Key",
      "aws:cloudtrail/trail:Trail",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:iam/role:Role",
    ]),
  );
  for (const untaggable of [
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:kms/alias:Alias",
  ]) {
    expect(fresh).not.toContain(untaggable);
  }
});

test("the list is sorted, without duplicates or providers", () => {
  expect([...new Set(fresh)].sort()).toEqual(fresh);
  expect(fresh.every((t) => t.startsWith("aws:"))).toBe(true);
});
