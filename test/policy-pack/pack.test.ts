/**
 * The built pack, launched as the Pulumi CLI launches it and spoken to over its real gRPC analyzer
 * service: GetAnalyzerInfo, Configure, Analyze and AnalyzeStack.
 */
import * as path from "node:path";
import { criteriaOf } from "../../policy-pack/controls/catalogue";
import { policies } from "../../policy-pack/policies";
import { RunningPack } from "../../pipelines/gate/policyPack";
import type { AnalyzedResource } from "../../pipelines/gate/analyzerMessages";
import { analyzed } from "../support/analyzed";
import { ROOT } from "../support/baseline";
import { UNKNOWN, urnOf } from "./support/analyze";

const PACK_DIR = path.join(ROOT, "policy-pack");
const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

function resource(
  type: string,
  name: string,
  properties: Record<string, unknown>,
  deps: Record<string, string[]> = {},
): AnalyzedResource {
  return analyzed(urnOf(type, name), properties, deps);
}

let pack: RunningPack;
beforeAll(async () => {
  pack = await RunningPack.launch(PACK_DIR);
});
afterAll(async () => {
  await pack?.close();
});

test("GetAnalyzerInfo lists every policy with its SOC 2 metadata", async () => {
  const info = await pack.info();
  expect(info).toMatchObject({ name: "soc2-baseline", version: "0.1.0" });
  expect(info.policies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
  for (const p of info.policies) {
    const [primary, ...further] = criteriaOf(p.name);
    expect(p.framework).toEqual({
      name: "SOC 2",
      version: "2017 Trust Services Criteria (revised points of focus, 2022)",
      reference: primary.id,
      specification: primary.title,
    });
    expect(p.tags.filter((t) => t.startsWith("soc2:"))).toEqual(further.map((c) => `soc2:${c.id}`));
    expect(["low", "medium", "high", "critical"]).toContain(p.severity);
    expect(p.enforcementLevel).toBe(
      p.severity === "high" || p.severity === "critical" ? "mandatory" : "advisory",
    );
    expect(p.remediationSteps.length).toBeGreaterThan(40);
    expect(Object.keys(p.configSchema?.properties ?? {})).toContain("exceptions");
  }
});

describe("with the pack's defaults", () => {
  beforeAll(async () => {
    await pack.configure((await pack.info()).policies);
  });

  test("AnalyzeStack with every id unknown flags the bucket without a public-access block, and only it", async () => {
    const { diagnostics } = await pack.stackAnalysis([
      resource(BUCKET, "guarded", { bucket: UNKNOWN }),
      resource(
        PAB,
        "guarded-pab",
        {
          bucket: UNKNOWN,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
        { bucket: [urnOf(BUCKET, "guarded")] },
      ),
      resource(BUCKET, "exposed", { bucket: UNKNOWN }),
    ]);
    expect(
      diagnostics.filter((d) => d.policyName === "aws-s3-bucket-missing-public-access-block"),
    ).toEqual([
      {
        policyName: "aws-s3-bucket-missing-public-access-block",
        policyPackName: "soc2-baseline",
        policyPackVersion: "0.1.0",
        description: "Every S3 bucket has its own public-access block.",
        message:
          "Every S3 bucket has its own public-access block.\nBucket exposed has no public-access block",
        detail: "Bucket exposed has no public-access block",
        enforcementLevel: "mandatory",
        urn: urnOf(BUCKET, "exposed"),
        severity: "critical",
      },
    ]);
  });

  test("Analyze of a bucket without versioning returns the exact mandatory diagnostic", async () => {
    const { diagnostics } = await pack.analysis(
      resource(BUCKET, "unversioned", { bucket: "unversioned", versioning: { enabled: false } }),
    );
    expect(diagnostics.filter((d) => d.enforcementLevel === "mandatory")).toEqual([
      {
        policyName: "aws-s3-bucket-enable-versioning",
        policyPackName: "soc2-baseline",
        policyPackVersion: "0.1.0",
        description: "A bucket's versioning is enabled, never suspended or disabled.",
        message:
          "A bucket's versioning is enabled, never suspended or disabled.\ndeprecated inline versioning is not enabled",
        detail: "deprecated inline versioning is not enabled",
        enforcementLevel: "mandatory",
        urn: "",
        severity: "high",
      },
    ]);
    const { diagnostics: suspended } = await pack.analysis(
      resource("aws:s3/bucketVersioning:BucketVersioning", "unversioned-versioning", {
        bucket: UNKNOWN,
        versioningConfiguration: { status: "Suspended" },
      }),
    );
    expect(suspended.map((d) => [d.policyName, d.enforcementLevel, d.detail])).toEqual([
      ["aws-s3-bucket-enable-versioning", "mandatory", 'versioning is "Suspended", not "Enabled"'],
    ]);
  });

  test("Analyze of a public-access block with a setting off returns the exact mandatory diagnostic", async () => {
    const { diagnostics } = await pack.analysis(
      resource(PAB, "weak", {
        bucket: UNKNOWN,
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
    );
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.detail])).toEqual([
      [
        "aws-s3-bucket-public-access-block-enable-all-blocks",
        "mandatory",
        "public-access block leaves blockPublicPolicy off",
      ],
    ]);
  });
});

test("Configure applies the level from a policy config file", async () => {
  const info = await pack.info();
  await pack.configure(info.policies, { "aws-s3-bucket-missing-public-access-block": "advisory" });
  const { diagnostics } = await pack.stackAnalysis([
    resource(BUCKET, "exposed", { bucket: UNKNOWN }),
  ]);
  expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toContainEqual([
    "aws-s3-bucket-missing-public-access-block",
    "advisory",
  ]);
});
