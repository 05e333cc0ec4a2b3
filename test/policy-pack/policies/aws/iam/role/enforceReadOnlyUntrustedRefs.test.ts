import { enforceReadOnlyUntrustedRefs } from "../../../../../../policy-pack/policies/aws/iam/role/enforceReadOnlyUntrustedRefs";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  DEPLOY_SUBJECTS,
  deploymentIdentity,
  exampleStack,
  gitHubTrust,
  I,
  PREVIEW_POLICY,
  subject,
  trustPolicy,
} from "../../../../support/identity";

const NAME = "aws-iam-role-enforce-read-only-untrusted-refs";
const PREVIEW_TRUST =
  '"repo:example-org/soc2-pipeline-blueprint:pull_request", ' +
  '"repo:example-org/soc2-pipeline-blueprint:ref:refs/heads/main"';
const DEPLOY_WRITES =
  "RolePolicy deployment-deploy-baseline allows s3:*, kms:*, cloudtrail:* and 5 more";
const STATE = "arn:aws:s3:::example-pulumi-state";

const check = async (fixtures: Fixture[]) =>
  rows(await analyzeStack([enforceReadOnlyUntrustedRefs], fixtures));
const violation = (role: string, text: string) => [NAME, "mandatory", role, `Role ${role} ${text}`];
/** The violation of the preview role whose own policy allows `writes`. */
const previewWrites = (writes: string) =>
  violation(
    "deployment-preview-role",
    `is trusted for ${PREVIEW_TRUST} but can write: RolePolicy deployment-preview-read allows ${writes}`,
  );
/** The preview policy with `statements` added. */
const previewPolicyWith = (...statements: object[]) =>
  JSON.stringify({ ...PREVIEW_POLICY, Statement: [...PREVIEW_POLICY.Statement, ...statements] });
const deployTrusting = (...subjects: string[]) =>
  deploymentIdentity({ deployRole: { assumeRolePolicy: trustPolicy(gitHubTrust(subjects)) } });

test("the example stack passes: the preview role reads, the environment's role writes", async () => {
  expect(await check(exampleStack())).toEqual([]);
});

test("a write of the pull-request and branch role is reported", async () => {
  const write = { Effect: "Allow", Action: "s3:PutObject", Resource: `${STATE}/*` };
  expect(await check(deploymentIdentity({ previewPolicy: previewPolicyWith(write) }))).toEqual([
    previewWrites("s3:PutObject"),
  ]);
});

test("a self-managed backend's lock objects may be written and deleted", async () => {
  const backend = [
    { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [STATE, `${STATE}/*`] },
    {
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      Resource: `${STATE}/.pulumi/locks/*`,
    },
  ];
  expect(await check(deploymentIdentity({ previewPolicy: previewPolicyWith(...backend) }))).toEqual(
    [],
  );
  const beyondLocks = {
    Effect: "Allow",
    Action: ["s3:PutObject", "s3:DeleteObject"],
    Resource: [`${STATE}/.pulumi/locks/*`, `${STATE}/.pulumi/stacks/*`],
  };
  expect(
    await check(deploymentIdentity({ previewPolicy: previewPolicyWith(beyondLocks) })),
  ).toEqual([previewWrites("s3:PutObject, s3:DeleteObject")]);
  const otherWrite = {
    Effect: "Allow",
    Action: "s3:PutObjectAcl",
    Resource: `${STATE}/.pulumi/locks/*`,
  };
  expect(await check(deploymentIdentity({ previewPolicy: previewPolicyWith(otherWrite) }))).toEqual(
    [previewWrites("s3:PutObjectAcl")],
  );
});

test("a writing role trusted from a branch, a tag or a pull request is reported", async () => {
  for (const context of ["ref:refs/heads/main", "ref:refs/tags/v1.0.0", "pull_request"]) {
    expect(await check(deployTrusting(...DEPLOY_SUBJECTS, subject(context)))).toEqual([
      violation(
        "deployment-deploy-role",
        `is trusted for ${JSON.stringify(subject(context))} but can write: ${DEPLOY_WRITES}`,
      ),
    ]);
  }
});

test("wildcards, other subject forms and a missing subject check are untrusted", async () => {
  for (const untrusted of [subject("*"), subject("ref:*"), `repository_owner:example-org`]) {
    expect(await check(deployTrusting(untrusted))).toEqual([
      violation(
        "deployment-deploy-role",
        `is trusted for ${JSON.stringify(untrusted)} but can write: ${DEPLOY_WRITES}`,
      ),
    ]);
  }
  const unchecked = gitHubTrust(undefined, {
    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
  });
  expect(
    await check(deploymentIdentity({ deployRole: { assumeRolePolicy: trustPolicy(unchecked) } })),
  ).toEqual([
    violation(
      "deployment-deploy-role",
      'is trusted for every workflow (statement "GitHubActions" has no ' +
        `token.actions.githubusercontent.com:sub) but can write: ${DEPLOY_WRITES}`,
    ),
  ]);
});

test("managed write policies count", async () => {
  const arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
  const fixtures = [
    ...deploymentIdentity(),
    {
      type: I.attachment,
      name: "preview-s3",
      props: { role: UNKNOWN, policyArn: arn },
      deps: { role: ["deployment-preview-role"] },
    },
  ];
  expect(await check(fixtures)).toEqual([
    violation(
      "deployment-preview-role",
      `is trusted for ${PREVIEW_TRUST} but can write: RolePolicyAttachment preview-s3 attaches ${arn}`,
    ),
  ]);
});

test("unknown values cannot pass: the SDK's advisory", async () => {
  const cannotRun = (path: string) => [
    NAME,
    "advisory",
    "",
    `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
  ];
  expect(await check(deploymentIdentity({ previewPolicy: UNKNOWN }))).toEqual([
    cannotRun("policy"),
  ]);
  expect(await check(deploymentIdentity({ previewRole: { assumeRolePolicy: UNKNOWN } }))).toEqual([
    cannotRun("assumeRolePolicy"),
  ]);
});

test("a lock-object write names its objects: one without a Resource is a write", async () => {
  const noResource = { Effect: "Allow", Action: "s3:PutObject" };
  expect(await check(deploymentIdentity({ previewPolicy: previewPolicyWith(noResource) }))).toEqual(
    [previewWrites("s3:PutObject")],
  );
});

test("every policy the role can write through is listed", async () => {
  const extra = {
    type: I.rolePolicy,
    name: "preview-extra",
    props: {
      role: UNKNOWN,
      policy: JSON.stringify({
        Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }],
      }),
    },
    deps: { role: ["deployment-preview-role"] },
  };
  const write = { Effect: "Allow", Action: "s3:PutObject", Resource: `${STATE}/*` };
  expect(
    await check([...deploymentIdentity({ previewPolicy: previewPolicyWith(write) }), extra]),
  ).toEqual([previewWrites("s3:PutObject; RolePolicy preview-extra allows sqs:SendMessage")]);
});
