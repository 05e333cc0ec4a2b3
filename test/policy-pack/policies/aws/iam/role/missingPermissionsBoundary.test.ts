import { missingPermissionsBoundary } from "../../../../../../policy-pack/policies/aws/iam/role/missingPermissionsBoundary";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  BOUNDARY_ARN,
  deploymentIdentity,
  exampleStack,
  I,
  PREVIEW_POLICY,
  rolePolicy,
} from "../../../../support/identity";

const NAME = "aws-iam-role-missing-permissions-boundary";
const DEPLOY_WRITES =
  "RolePolicy deployment-deploy-baseline allows s3:*, kms:*, cloudtrail:* and 5 more";

const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([missingPermissionsBoundary], fixtures, config));
const violation = (role: string, text: string) => [NAME, "mandatory", role, `Role ${role} ${text}`];
const unbounded = { permissionsBoundary: undefined };
/** The identity, its preview role without a boundary, and `extra`. */
const previewWith = (extra: Fixture) => [...deploymentIdentity({ previewRole: unbounded }), extra];
const attachment = (policyArn: unknown, deps?: Record<string, string[]>): Fixture => ({
  type: I.attachment,
  name: "preview-extra",
  props: { role: UNKNOWN, policyArn },
  deps: { role: ["deployment-preview-role"], ...deps },
});

test("the example stack passes: both roles carry the boundary", async () => {
  expect(await check(exampleStack())).toEqual([]);
});

test("a role that can write without a boundary is reported with what it can write", async () => {
  expect(await check(deploymentIdentity({ deployRole: unbounded }))).toEqual([
    violation(
      "deployment-deploy-role",
      `has no permissions boundary but can write: ${DEPLOY_WRITES}`,
    ),
  ]);
});

test("a role that can only read needs no boundary", async () => {
  expect(await check(deploymentIdentity({ previewRole: unbounded }))).toEqual([]);
});

test("service roles count too", async () => {
  const trail: Fixture[] = [
    {
      type: I.role,
      name: "audit-trail-role",
      props: {
        name: "example-audit-trail-to-logs",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "sts:AssumeRole",
            },
          ],
        }),
      },
    },
    rolePolicy(
      "audit-trail-role-policy",
      "audit-trail-role",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
        ],
      }),
    ),
  ];
  expect(await check(trail)).toEqual([
    violation(
      "audit-trail-role",
      "has no permissions boundary but can write: RolePolicy audit-trail-role-policy allows " +
        "logs:CreateLogStream, logs:PutLogEvents",
    ),
  ]);
});

test("a policy paired by the role's known name counts", async () => {
  const byName: Fixture = {
    type: I.rolePolicy,
    name: "preview-extra",
    props: {
      role: "example-preview",
      policy: JSON.stringify({
        Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }],
      }),
    },
  };
  expect(await check(previewWith(byName))).toEqual([
    violation(
      "deployment-preview-role",
      "has no permissions boundary but can write: RolePolicy preview-extra allows sqs:SendMessage",
    ),
  ]);
});

test("an AWS-managed write policy is reported; a read-only one is not", async () => {
  const arn = "arn:aws:iam::aws:policy/PowerUserAccess";
  expect(await check(previewWith(attachment(arn)))).toEqual([
    violation(
      "deployment-preview-role",
      `has no permissions boundary but can write: RolePolicyAttachment preview-extra attaches ${arn}`,
    ),
  ]);
  for (const readOnly of [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    "arn:aws:iam::aws:policy/SecurityAudit",
  ]) {
    expect(await check(previewWith(attachment(readOnly)))).toEqual([]);
  }
});

test("a PolicyAttachment naming the role among others counts", async () => {
  const arn = "arn:aws:iam::aws:policy/PowerUserAccess";
  const shared: Fixture = {
    type: "aws:iam/policyAttachment:PolicyAttachment",
    name: "preview-power",
    props: { name: "power", roles: [UNKNOWN, "example-preview"], policyArn: arn },
  };
  expect(await check(previewWith(shared))).toEqual([
    violation(
      "deployment-preview-role",
      `has no permissions boundary but can write: PolicyAttachment preview-power attaches ${arn}`,
    ),
  ]);
});

test("a managed policy from outside the stack may write", async () => {
  const arn = "arn:aws:iam::111122223333:policy/shared-ci";
  expect(await check(previewWith(attachment(arn)))).toEqual([
    violation(
      "deployment-preview-role",
      `has no permissions boundary but can write: RolePolicyAttachment preview-extra attaches ${arn}`,
    ),
  ]);
});

test("a policy of the stack attached to the role is read from its document", async () => {
  const queue: Fixture = {
    type: I.policy,
    name: "queue-writer",
    props: {
      name: "example-queue-writer",
      policy: JSON.stringify({
        Statement: [{ Effect: "Allow", Action: "sqs:Send*", Resource: "*" }],
      }),
    },
  };
  expect(
    await check([...previewWith(attachment(UNKNOWN, { policyArn: ["queue-writer"] })), queue]),
  ).toEqual([
    violation(
      "deployment-preview-role",
      "has no permissions boundary but can write: RolePolicyAttachment preview-extra " +
        "(Policy queue-writer) allows sqs:Send*",
    ),
  ]);
});

test("the role's own inline policies, NotAction and unreadable documents count", async () => {
  const inline = {
    inlinePolicies: [
      { name: "read", policy: JSON.stringify(PREVIEW_POLICY) },
      {
        name: "all-but-iam",
        policy: JSON.stringify({
          Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }],
        }),
      },
    ],
    permissionsBoundary: undefined,
  };
  expect(await check(deploymentIdentity({ previewRole: inline }))).toEqual([
    violation(
      "deployment-preview-role",
      "has no permissions boundary but can write: Role deployment-preview-role inlinePolicies[1] " +
        "allows all but iam:*",
    ),
  ]);
  expect(
    await check(deploymentIdentity({ previewRole: unbounded, previewPolicy: "{oops" })),
  ).toEqual([
    violation(
      "deployment-preview-role",
      "has no permissions boundary but can write: RolePolicy deployment-preview-read is unreadable",
    ),
  ]);
});

test("requiredBoundary requires that boundary, by ARN or by name", async () => {
  for (const requiredBoundary of [BOUNDARY_ARN, "example-deployment-boundary"]) {
    expect(await check(exampleStack(), { [NAME]: { requiredBoundary } })).toEqual([]);
  }
  const other = "arn:aws:iam::111122223333:policy/other-boundary";
  expect(await check(exampleStack(), { [NAME]: { requiredBoundary: other } })).toEqual([
    violation(
      "deployment-deploy-role",
      `has permissions boundary "${BOUNDARY_ARN}", not "${other}", but can write: ${DEPLOY_WRITES}`,
    ),
  ]);
});

test("a boundary from a policy of the stack is judged by that policy's name", async () => {
  const fromPolicy = deploymentIdentity({ deployRole: { permissionsBoundary: UNKNOWN } }).map(
    (f) =>
      f.name === "deployment-deploy-role"
        ? { ...f, deps: { permissionsBoundary: ["deployment-boundary"] } }
        : f,
  );
  const config = (requiredBoundary: string) => ({ [NAME]: { requiredBoundary } });
  expect(await check(fromPolicy)).toEqual([]);
  expect(await check(fromPolicy, config("example-deployment-boundary"))).toEqual([]);
  expect(await check(fromPolicy, config("other-boundary"))).toEqual([
    violation(
      "deployment-deploy-role",
      `has permissions boundary Policy deployment-boundary, not "other-boundary", but can write: ` +
        DEPLOY_WRITES,
    ),
  ]);
});

const cannotRun = (path: string) => [
  NAME,
  "advisory",
  "",
  `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
];

test("unknown values cannot pass: the SDK's advisory", async () => {
  expect(
    await check(deploymentIdentity({ previewRole: unbounded, previewPolicy: UNKNOWN })),
  ).toEqual([cannotRun("policy")]);
  expect(await check(previewWith(attachment(UNKNOWN)))).toEqual([cannotRun("policyArn")]);
  const unknownBoundary = deploymentIdentity({ deployRole: { permissionsBoundary: UNKNOWN } });
  expect(await check(unknownBoundary)).toEqual([]);
  expect(
    await check(unknownBoundary, { [NAME]: { requiredBoundary: "example-deployment-boundary" } }),
  ).toEqual([cannotRun("permissionsBoundary")]);
});

test("a known write is reported even beside an unknown document", async () => {
  const fixtures = [
    ...deploymentIdentity({ deployRole: unbounded }),
    rolePolicy("deploy-extra", "deployment-deploy-role", UNKNOWN),
  ];
  expect(await check(fixtures)).toEqual([
    violation(
      "deployment-deploy-role",
      `has no permissions boundary but can write: ${DEPLOY_WRITES}`,
    ),
  ]);
});

describe("which boundary counts", () => {
  const requiring = (requiredBoundary: string) => ({ [NAME]: { requiredBoundary } });

  test("a boundary ARN of another policy is not the one required by name", async () => {
    expect(await check(exampleStack(), requiring("other-boundary"))).toEqual([
      violation(
        "deployment-deploy-role",
        `has permissions boundary "${BOUNDARY_ARN}", not "other-boundary", but can write: ${DEPLOY_WRITES}`,
      ),
    ]);
  });

  test("a malformed boundary is not the required one", async () => {
    const fixtures = deploymentIdentity({ deployRole: { permissionsBoundary: 5 } });
    expect(await check(fixtures, requiring("example-deployment-boundary"))).toEqual([
      violation(
        "deployment-deploy-role",
        `has permissions boundary 5, not "example-deployment-boundary", but can write: ${DEPLOY_WRITES}`,
      ),
    ]);
  });

  test("an unknown boundary taken from a resource that is no policy cannot be judged", async () => {
    const fixtures = deploymentIdentity({ deployRole: { permissionsBoundary: UNKNOWN } }).map(
      (f) =>
        f.name === "deployment-deploy-role"
          ? { ...f, deps: { permissionsBoundary: ["deployment-github-oidc"] } }
          : f,
    );
    expect(await check(fixtures, requiring("example-deployment-boundary"))).toEqual([
      cannotRun("permissionsBoundary"),
    ]);
  });

  test("every policy a role can write through is listed", async () => {
    const fixtures = [
      ...deploymentIdentity({ deployRole: unbounded }),
      rolePolicy(
        "deploy-extra",
        "deployment-deploy-role",
        JSON.stringify({
          Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }],
        }),
      ),
    ];
    expect(await check(fixtures)).toEqual([
      violation(
        "deployment-deploy-role",
        `has no permissions boundary but can write: ${DEPLOY_WRITES}; RolePolicy deploy-extra allows sqs:SendMessage`,
      ),
    ]);
  });
});

test("a boundary from several policies of the stack names each", async () => {
  const extra: Fixture = {
    type: "aws:iam/policy:Policy",
    name: "extra-boundary",
    props: { name: "extra", policy: "{}" },
  };
  const fixtures = [
    ...deploymentIdentity({ deployRole: { permissionsBoundary: UNKNOWN } }).map((f) =>
      f.name === "deployment-deploy-role"
        ? { ...f, deps: { permissionsBoundary: ["deployment-boundary", "extra-boundary"] } }
        : f,
    ),
    extra,
  ];
  expect(await check(fixtures, { [NAME]: { requiredBoundary: "other-boundary" } })).toEqual([
    violation(
      "deployment-deploy-role",
      "has permissions boundary Policy deployment-boundary, Policy extra-boundary, " +
        `not "other-boundary", but can write: ${DEPLOY_WRITES}`,
    ),
  ]);
});
