/**
 * The index stack policies pair resources with: by type in stack order, by the URNs their
 * properties depend on (known in a first preview), and by known property values.
 */
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex } from "../../../policy-pack/lib/stackIndex";
import { type Fixture, UNKNOWN } from "../support/analyze";
import { resourcesOf } from "../support/stack";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";

const fixtures: Fixture[] = [
  { type: BUCKET, name: "logs", props: { bucket: "logs-bucket" } },
  { type: BUCKET_V2, name: "data", props: { bucket: UNKNOWN } },
  { type: BUCKET, name: "access", props: { bucket: "access-bucket" } },
  {
    type: VERSIONING,
    name: "logs-versioning",
    props: { bucket: UNKNOWN },
    deps: { bucket: ["logs"] },
  },
  {
    type: LOGGING,
    name: "data-logging",
    props: { bucket: "data-bucket", targetBucket: "access-bucket" },
    deps: { bucket: ["data"] },
  },
  { type: LOGGING, name: "logs-logging", props: { bucket: "logs-bucket", targetBucket: UNKNOWN } },
];

let resources: PolicyResource[];
let index: StackIndex;
const named = (name: string) => resources.find((r) => r.name === name)!;
const names = (list: readonly PolicyResource[]) => list.map((r) => r.name);

beforeAll(async () => {
  resources = await resourcesOf(fixtures);
  index = new StackIndex(resources);
});

test("resources of any of the given types, in stack order per type", () => {
  expect(names(index.ofType(BUCKET, BUCKET_V2))).toEqual(["logs", "access", "data"]);
  expect(names(index.ofType(BUCKET_V2))).toEqual(["data"]);
  expect(index.ofType("aws:s3/bucketPolicy:BucketPolicy")).toEqual([]);
  expect(index.resources).toBe(resources);
});

test("resources whose property depends on a target, by type and property", () => {
  expect(names(index.attached(named("logs"), [VERSIONING, LOGGING], "bucket"))).toEqual([
    "logs-versioning",
  ]);
  expect(names(index.attached(named("data"), [VERSIONING, LOGGING], "bucket"))).toEqual([
    "data-logging",
  ]);
  expect(index.attached(named("data"), [LOGGING], "targetBucket")).toEqual([]);
  expect(index.attached(named("data"), [VERSIONING], "bucket")).toEqual([]);
  expect(index.attached(named("access"), [VERSIONING, LOGGING], "bucket")).toEqual([]);
});

test("resources whose property has a known string value; an unknown value matches nothing", () => {
  expect(names(index.withValue([LOGGING], "targetBucket", "access-bucket"))).toEqual([
    "data-logging",
  ]);
  expect(names(index.withValue([LOGGING, VERSIONING], "bucket", "logs-bucket"))).toEqual([
    "logs-logging",
  ]);
  expect(index.withValue([VERSIONING], "bucket", UNKNOWN)).toEqual([]);
  expect(index.withValue([LOGGING], "targetBucket", UNKNOWN)).toEqual([]);
  expect(index.withValue([BUCKET], "bucket", "other")).toEqual([]);
  expect(names(index.withValue([BUCKET, BUCKET_V2], "bucket", "access-bucket"))).toEqual([
    "access",
  ]);
});

test("the sources of a property, and the stack's project from its URNs", () => {
  expect(names(StackIndex.sources(named("data-logging"), "bucket"))).toEqual(["data"]);
  expect(StackIndex.sources(named("data-logging"), "targetBucket")).toEqual([]);
  expect(index.project()).toBe("soc2-baseline");
  expect(new StackIndex([]).project()).toBeUndefined();
});
