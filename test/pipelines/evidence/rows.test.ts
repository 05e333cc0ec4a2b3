/**
 * How the matrix reads a gate result, on a small hand-made one: where each policy applied (from
 * the not-applicable lists), what a first-preview finding adds, what a disabled policy leaves out,
 * and each criterion's status from its rows.
 */
import { criteria } from "../../../policy-pack/controls/catalogue";
import type { Diagnostic } from "../../../pipelines/gate/analyzerMessages";
import type { GateResult, ViewVerdict } from "../../../pipelines/gate/gate";
import type { PolicyInfo } from "../../../pipelines/gate/policyPack";
import type { MatrixRow } from "../../../pipelines/evidence/model";
import {
  appliedException,
  criteriaEvidence,
  criterionStatus,
  matrixRows,
} from "../../../pipelines/evidence/rows";
import { analyzed } from "../../support/analyzed";

const PREFIX = "urn:pulumi:test::soc2-baseline::";
const KEY = `${PREFIX}aws:kms/key:Key::audit-key`;
const OTHER_KEY = `${PREFIX}aws:kms/key:Key::spare-key`;
const BUCKET = `${PREFIX}aws:s3/bucket:Bucket::logs`;
const ROTATION = "aws-kms-key-enable-rotation";
const TRAIL = "aws-cloudtrail-trail-missing-audit-trail";
const TAGS = "aws-any-missing-required-tags";

const policy = (name: string, policyType: "resource" | "stack", severity: "high" | "critical") =>
  ({
    name,
    displayName: "",
    description: `${name} holds`,
    enforcementLevel: "mandatory",
    severity,
    policyType,
    tags: [],
    remediationSteps: "",
  }) satisfies PolicyInfo;

const diagnostic = (policyName: string, urn: string, detail: string, level = "mandatory") =>
  ({
    policyName,
    policyPackName: "soc2-baseline",
    policyPackVersion: "0.1.0",
    description: "",
    message: detail,
    detail,
    enforcementLevel: level,
    urn,
    severity: "high",
  }) as Diagnostic;

function view(view: "first" | "update", diagnostics: Diagnostic[]): ViewVerdict {
  return {
    view,
    resources: [KEY, OTHER_KEY, BUCKET].map((urn) => analyzed(urn)),
    diagnostics,
    notApplicable: new Map([
      [KEY, []],
      [OTHER_KEY, []],
      [BUCKET, [ROTATION]],
      ["", []],
    ]),
  };
}

function gate(first: Diagnostic[], update: Diagnostic[]): GateResult {
  return {
    project: "soc2-baseline",
    projectDir: "/nowhere",
    stack: "test",
    pack: {
      name: "soc2-baseline",
      version: "0.1.0",
      displayName: "",
      description: "",
      policies: [
        policy(ROTATION, "resource", "high"),
        policy(TRAIL, "stack", "critical"),
        policy(TAGS, "resource", "high"),
      ],
    },
    policyConfig: { [TAGS]: "disabled" },
    views: [view("first", first), view("update", update)],
    mandatory: 0,
    passed: true,
    seconds: 1,
  };
}

const row = (change: Partial<MatrixRow>): MatrixRow => ({
  criterion: "CC6.1",
  policy: ROTATION,
  urn: KEY,
  resourceType: "aws:kms/key:Key",
  resourceName: "audit-key",
  result: "pass",
  enforcementLevel: "mandatory",
  severity: "high",
  message: "",
  ...change,
});

test("a resource policy has a row where it applied, a stack policy one for the stack; a disabled one none", () => {
  expect(matrixRows(gate([], []))).toEqual([
    row({}),
    row({ urn: OTHER_KEY, resourceName: "spare-key" }),
    ...["CC7.2", "CC7.3"].map((criterion) =>
      row({
        criterion,
        policy: TRAIL,
        urn: "",
        resourceType: "",
        resourceName: "",
        severity: "critical",
      }),
    ),
  ]);
});

test("findings of either view: a first-preview one that could not run leaves the row not verified", () => {
  const unverified = `can't run policy '${ROTATION}' from policy pack 'soc2-baseline@v0.1.0' during preview: can't know value of 'enableKeyRotation' during preview`;
  const rows = matrixRows(
    gate(
      [diagnostic(ROTATION, OTHER_KEY, unverified, "advisory")],
      [diagnostic(TRAIL, BUCKET, "Bucket logs is not protected")],
    ),
  );
  expect(rows.map((r) => [r.criterion, r.policy, r.resourceName, r.result, r.message])).toEqual([
    ["CC6.1", ROTATION, "audit-key", "pass", ""],
    ["CC6.1", ROTATION, "spare-key", "not-verified", unverified],
    ["CC7.2", TRAIL, "", "pass", ""],
    ["CC7.2", TRAIL, "logs", "fail", "Bucket logs is not protected"],
    ["CC7.3", TRAIL, "", "pass", ""],
    ["CC7.3", TRAIL, "logs", "fail", "Bucket logs is not protected"],
  ]);
  const status = Object.fromEntries(criteriaEvidence(rows).map((c) => [c.id, c.status]));
  expect(status).toMatchObject({ "CC6.1": "not-verified", "CC7.2": "not-met", "CC5.2": "manual" });
});

test("a criterion whose policies judged nothing here is not verified; an advisory finding leaves it not met", () => {
  const cc61 = criteria.find((c) => c.id === "CC6.1")!;
  expect(criterionStatus(cc61, [])).toBe("not-verified");
  expect(criterionStatus(cc61, [row({}), row({ result: "advisory" })])).toBe("not-met");
  expect(criterionStatus(cc61, [row({}), row({ result: "exception" })])).toBe(
    "met-with-exceptions",
  );
  expect(criterionStatus(cc61, [row({})])).toBe("met");
});

test.each<[string, ReturnType<typeof appliedException>]>([
  [
    "exception to aws-s3-bucket-enable-versioning applied (approved by jane.doe@example.com, expires 2027-03-31, RISK-142): Scratch data regenerated nightly — suppressed violation: versioning is off",
    {
      policy: "aws-s3-bucket-enable-versioning",
      approvedBy: "jane.doe@example.com",
      expires: "2027-03-31",
      reason: "Scratch data regenerated nightly",
    },
  ],
  [
    "exception to aws-kms-key-enable-rotation applied (approved by Jane Doe, CISO, expires 2027-01-01): Keys of the HSM-backed store, rotated by hand — suppressed violation: key does not rotate",
    {
      policy: "aws-kms-key-enable-rotation",
      approvedBy: "Jane Doe, CISO",
      expires: "2027-01-01",
      reason: "Keys of the HSM-backed store, rotated by hand",
    },
  ],
  [
    "exception to aws-s3-bucket-enable-versioning expired on 2025-01-31 and no longer applies: versioning is off",
    undefined,
  ],
])("the exception in %j", (message, expected) => {
  expect(appliedException(message)).toEqual(expected);
});
