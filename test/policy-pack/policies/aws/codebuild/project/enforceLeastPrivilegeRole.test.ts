import { enforceLeastPrivilegeRole } from "../../../../../../policy-pack/policies/aws/codebuild/project/enforceLeastPrivilegeRole";
import { analyzeStack, type Fixture, rows, UNKNOWN, unknownRow } from "../../../../support/analyze";
import { R, runner, RUNNER_POLICY } from "../../../../support/runners";

const NAME = "aws-codebuild-project-enforce-least-privilege-role";

const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([enforceLeastPrivilegeRole], fixtures, config));
const violation = (text: string) => [NAME, "mandatory", "runner-small", text];
const withStatement = (statement: object) =>
  JSON.stringify({ ...RUNNER_POLICY, Statement: [...RUNNER_POLICY.Statement, statement] });
const attachment = (policyArn: unknown): Fixture => ({
  type: R.attachment,
  name: "runner-small-admin",
  props: { role: UNKNOWN, policyArn },
  deps: { role: ["runner-small-role"] },
});
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

test("the runner passes in a first preview, its role's ARN unknown", async () => {
  expect(await check(runner())).toEqual([]);
});

test("an action beyond the allowed ones is reported with the policy", async () => {
  const policy = withStatement({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
  expect(await check(runner({ rolePolicy: { policy } }))).toEqual([
    violation(
      "Project runner-small has a service role granting s3:GetObject beyond the allowed actions (RolePolicy runner-small-policy)",
    ),
  ]);
});

test("wildcard actions that could cover more are reported; Deny statements are not", async () => {
  const policy = JSON.stringify({
    Statement: [
      { Effect: "Allow", Action: ["logs:*", "kms:Decrypt", "*"], Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*" },
    ],
  });
  expect(await check(runner({ rolePolicy: { policy } }))).toEqual([
    violation(
      "Project runner-small has a service role granting logs:*, * beyond the allowed actions (RolePolicy runner-small-policy)",
    ),
  ]);
});

test("an allowed pattern may cover a wildcard action", async () => {
  const policy = withStatement({ Effect: "Allow", Action: "ecr:Batch*", Resource: "*" });
  expect(
    await check(runner({ rolePolicy: { policy } }), {
      [NAME]: { allowedActionPatterns: ["logs:*", "codeconnections:*", "kms:*", "ecr:*"] },
    }),
  ).toEqual([]);
});

test("NotAction is reported", async () => {
  const policy = withStatement({ Effect: "Allow", NotAction: "iam:*", Resource: "*" });
  expect(await check(runner({ rolePolicy: { policy } }))).toEqual([
    violation(
      "Project runner-small has a service-role policy that allows by NotAction (RolePolicy runner-small-policy)",
    ),
  ]);
});

test("an unreadable document is reported", async () => {
  expect(await check(runner({ rolePolicy: { policy: "{not json" } }))).toEqual([
    violation(
      "Project runner-small has an unreadable service-role policy (RolePolicy runner-small-policy)",
    ),
  ]);
});

test("any managed policy attachment is reported, its ARN known or not", async () => {
  expect(await check([...runner(), attachment(ADMIN)])).toEqual([
    violation(
      'Project runner-small has managed policy "arn:aws:iam::aws:policy/AdministratorAccess" on its service role (RolePolicyAttachment runner-small-admin)',
    ),
  ]);
  expect(await check([...runner(), attachment(UNKNOWN)])).toEqual([
    violation(
      "Project runner-small has managed policy of unknown ARN on its service role (RolePolicyAttachment runner-small-admin)",
    ),
  ]);
});

test("allowedManagedPolicyArns permits listed managed policies", async () => {
  const arn = "arn:aws:iam::111122223333:policy/ci-runner-boundary";
  expect(
    await check([...runner(), attachment(arn)], { [NAME]: { allowedManagedPolicyArns: [arn] } }),
  ).toEqual([]);
});

test("the role's own inline and managed policies are judged alike", async () => {
  const fixtures = runner().map((f) =>
    f.type === R.role
      ? {
          ...f,
          props: {
            ...f.props,
            inlinePolicies: [
              {
                name: "extra",
                policy: withStatement({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }),
              },
            ],
            managedPolicyArns: [ADMIN],
          },
        }
      : f,
  );
  expect(await check(fixtures)).toEqual([
    violation(
      "Project runner-small has a service role granting sts:AssumeRole beyond the allowed actions (Role runner-small-role inlinePolicies[0])",
    ),
    violation(
      'Project runner-small has managed policy "arn:aws:iam::aws:policy/AdministratorAccess" on its service role (Role runner-small-role managedPolicyArns[0])',
    ),
  ]);
});

test("a service role from outside the stack is reported", async () => {
  const fixtures = runner().map((f) =>
    f.type === R.project
      ? {
          ...f,
          props: { ...f.props, serviceRole: "arn:aws:iam::111122223333:role/shared-ci" },
          deps: { ...f.deps, serviceRole: [] },
        }
      : f,
  );
  expect(await check(fixtures)).toEqual([
    violation("Project runner-small has a service role that is not an IAM role of this stack"),
  ]);
});

test("an unknown document cannot pass: the SDK's advisory", async () => {
  expect(await check(runner({ rolePolicy: { policy: UNKNOWN } }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-codebuild-project-enforce-least-privilege-role' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .policy can't be known during preview",
    ],
  ]);
});

test("an unknown ARN cannot pass when some managed policies are allowed", async () => {
  expect(
    await check([...runner(), attachment(UNKNOWN)], {
      [NAME]: { allowedManagedPolicyArns: ["arn:aws:iam::111122223333:policy/ci-runner-boundary"] },
    }),
  ).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-codebuild-project-enforce-least-privilege-role' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .policyArn can't be known during preview",
    ],
  ]);
});

test("NotAction in a Deny statement grants nothing", async () => {
  const policy = withStatement({ Effect: "Deny", NotAction: "logs:*", Resource: "*" });
  expect(await check(runner({ rolePolicy: { policy } }))).toEqual([]);
});

test("a managed policy not listed is reported even when others are allowed", async () => {
  expect(
    await check([...runner(), attachment(ADMIN)], {
      [NAME]: { allowedManagedPolicyArns: ["arn:aws:iam::111122223333:policy/ci-runner-boundary"] },
    }),
  ).toEqual([
    violation(
      `Project runner-small has managed policy "${ADMIN}" on its service role (RolePolicyAttachment runner-small-admin)`,
    ),
  ]);
});

test("a service role taken from a resource that is no role is not a role of this stack", async () => {
  const fixtures = runner().map((f) =>
    f.type === R.project ? { ...f, deps: { ...f.deps, serviceRole: ["runner-key"] } } : f,
  );
  expect(await check(fixtures)).toEqual([
    violation("Project runner-small has a service role that is not an IAM role of this stack"),
  ]);
});

test("a document whose statements are unknown cannot pass: the SDK's advisory alone", async () => {
  const policy = { Version: "2012-10-17", Statement: UNKNOWN };
  expect(await check(runner({ rolePolicy: { policy } }))).toEqual([
    unknownRow(NAME, ".policy.Statement"),
  ]);
});
