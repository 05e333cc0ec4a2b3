/**
 * How the pack recognizes the audit archive's buckets in a stack: by what a trail writes to and
 * what access logs go to (through property dependencies, or equal known names), or by an explicit
 * `soc2:audit-role` tag — never by a bucket's name alone.
 */
import type { PolicyResource } from "@pulumi/policy";
import {
  accessLogTargets,
  AUDIT_ROLE_TAG,
  auditLogBuckets,
  bucketConfigs,
  label,
  S3,
} from "../../../policy-pack/lib/aws";
import { StackIndex } from "../../../policy-pack/lib/stackIndex";
import { Verdict } from "../../../policy-pack/lib/unknowns";
import { type Fixture, UNKNOWN } from "../support/analyze";
import { resourcesOf } from "../support/stack";

const BUCKET = "aws:s3/bucket:Bucket";
const TRAIL = "aws:cloudtrail/trail:Trail";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";

const bucket = (name: string, props: Record<string, unknown> = {}): Fixture => ({
  type: BUCKET,
  name,
  props: { bucket: `${name}-bucket`, ...props },
});

async function judged(fixtures: Fixture[]) {
  const index = new StackIndex(await resourcesOf(fixtures));
  const verdict = new Verdict();
  const names = (list: PolicyResource[]) => list.map((r) => r.name);
  return {
    audit: names(auditLogBuckets(index, verdict)),
    access: names(accessLogTargets(index, verdict)),
    complete: verdict.complete,
  };
}

test("the buckets a trail writes to, through its dependency or by equal known name", async () => {
  expect(
    await judged([
      bucket("by-dependency", { bucket: UNKNOWN }),
      bucket("by-name"),
      bucket("other"),
      {
        type: TRAIL,
        name: "t1",
        props: { s3BucketName: UNKNOWN },
        deps: { s3BucketName: ["by-dependency"] },
      },
      { type: TRAIL, name: "t2", props: { s3BucketName: "by-name-bucket" } },
    ]),
  ).toEqual({ audit: ["by-dependency", "by-name"], access: [], complete: true });
});

test("a trail depending on another resource writes there, whatever its value", async () => {
  expect(
    await judged([
      bucket("same-name"),
      bucket("target"),
      { type: "random:index/randomPet:RandomPet", name: "other" },
      {
        type: TRAIL,
        name: "t",
        props: { s3BucketName: "same-name-bucket" },
        deps: { s3BucketName: ["target", "other"] },
      },
    ]),
  ).toEqual({ audit: ["target"], access: [], complete: true });
});

test("an unset or unknown name refers to nothing; an unknown one is recorded", async () => {
  const trail = (props: Record<string, unknown>): Fixture => ({ type: TRAIL, name: "t", props });
  expect(await judged([bucket("named"), { type: BUCKET, name: "unnamed" }, trail({})])).toEqual({
    audit: [],
    access: [],
    complete: true,
  });
  expect(await judged([bucket("named"), trail({ s3BucketName: UNKNOWN })])).toEqual({
    audit: [],
    access: [],
    complete: false,
  });
  expect(
    await judged([bucket("unknown-name", { bucket: UNKNOWN }), trail({ s3BucketName: "x" })]),
  ).toEqual({ audit: [], access: [], complete: false });
  expect(
    await judged([bucket("unknown-name", { bucket: UNKNOWN }), trail({ s3BucketName: UNKNOWN })]),
  ).toEqual({ audit: [], access: [], complete: false });
});

test("the buckets access logs go to, through the logging's dependency or by name", async () => {
  expect(
    await judged([
      bucket("data"),
      bucket("access", { bucket: UNKNOWN }),
      bucket("access-by-name"),
      {
        type: LOGGING,
        name: "data-logging",
        props: { bucket: "data-bucket", targetBucket: UNKNOWN },
        deps: { bucket: ["data"], targetBucket: ["access"] },
      },
      { type: LOGGING, name: "other-logging", props: { targetBucket: "access-by-name-bucket" } },
    ]),
  ).toEqual({ audit: [], access: ["access", "access-by-name"], complete: true });
});

test("the audit-role tag declares a bucket's part; other values, unset or malformed tags do not", async () => {
  expect(
    await judged([
      bucket("tagged-audit", { tags: { [AUDIT_ROLE_TAG]: "audit-logs" } }),
      bucket("tagged-access", { tags: { [AUDIT_ROLE_TAG]: "access-logs" } }),
      bucket("tagged-other", { tags: { [AUDIT_ROLE_TAG]: "data" } }),
      bucket("malformed-tag", { tags: { [AUDIT_ROLE_TAG]: ["audit-logs"] } }),
      bucket("other-key", { tags: { role: "audit-logs" } }),
      bucket("no-tags"),
    ]),
  ).toEqual({ audit: ["tagged-audit"], access: ["tagged-access"], complete: true });
});

test("unknown tags are recorded and decide nothing", async () => {
  expect(await judged([bucket("unknown-tags", { tags: UNKNOWN })])).toEqual({
    audit: [],
    access: [],
    complete: false,
  });
  expect(await judged([bucket("unknown-tag", { tags: { [AUDIT_ROLE_TAG]: UNKNOWN } })])).toEqual({
    audit: [],
    access: [],
    complete: false,
  });
});

test("a bucket's configurations, and how violations name a resource", async () => {
  const resources = await resourcesOf([
    bucket("logs"),
    {
      type: "aws:s3/bucketVersioningV2:BucketVersioningV2",
      name: "logs-versioning",
      deps: { bucket: ["logs"] },
    },
    {
      type: "aws:s3/bucketVersioning:BucketVersioning",
      name: "elsewhere",
      props: { bucket: "logs-bucket" },
    },
  ]);
  const index = new StackIndex(resources);
  expect(bucketConfigs(index, resources[0], S3.versioning).map((r) => r.name)).toEqual([
    "logs-versioning",
  ]);
  expect(resources.map(label)).toEqual([
    "Bucket logs",
    "BucketVersioningV2 logs-versioning",
    "BucketVersioning elsewhere",
  ]);
});
