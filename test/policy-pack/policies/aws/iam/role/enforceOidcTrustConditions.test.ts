import { enforceOidcTrustConditions } from "../../../../../../policy-pack/policies/aws/iam/role/enforceOidcTrustConditions";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import {
  DEPLOY_SUBJECTS,
  deploymentIdentity,
  gitHubTrust,
  trustPolicy,
} from "../../../../support/identity";

const NAME = "aws-iam-role-enforce-oidc-trust-conditions";
const AUD = "token.actions.githubusercontent.com:aud";
const SUB = "token.actions.githubusercontent.com:sub";

const check = async (fixture: Fixture) =>
  rows(await analyzeResource([enforceOidcTrustConditions], fixture));
const violation = (text: string) => [NAME, "mandatory", "", text];
const identityRole = (name: string, props: Record<string, unknown> = {}) =>
  deploymentIdentity({ deployRole: props }).find((f) => f.name === name) as Fixture;
/** The deploy role with a trust policy of `statements`. */
const trusting = (...statements: object[]) =>
  identityRole("deployment-deploy-role", { assumeRolePolicy: trustPolicy(...statements) });
/** The GitHub statement with the conditions `condition`. */
const conditioned = (Condition: unknown) => gitHubTrust(DEPLOY_SUBJECTS, { Condition });

test("the preview and deploy roles pass", async () => {
  expect(await check(identityRole("deployment-preview-role"))).toEqual([]);
  expect(await check(identityRole("deployment-deploy-role"))).toEqual([]);
});

test("roles GitHub cannot assume are not judged", async () => {
  const service = {
    Effect: "Allow",
    Principal: { Service: "codebuild.amazonaws.com" },
    Action: "sts:AssumeRole",
  };
  const otherProvider = {
    ...gitHubTrust(DEPLOY_SUBJECTS, { Condition: undefined }),
    Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/gitlab.com" },
  };
  const denied = { ...gitHubTrust(DEPLOY_SUBJECTS, { Condition: undefined }), Effect: "Deny" };
  expect(await check(trusting(service, otherProvider, denied))).toEqual([]);
});

test("a missing audience check is reported", async () => {
  expect(await check(trusting(conditioned({ StringEquals: { [SUB]: DEPLOY_SUBJECTS } })))).toEqual([
    violation(`role trust statement "GitHubActions" does not check ${AUD}`),
  ]);
});

test("another audience is reported", async () => {
  const condition = {
    StringEquals: { [AUD]: "https://github.com/example-org", [SUB]: DEPLOY_SUBJECTS },
  };
  expect(await check(trusting(conditioned(condition)))).toEqual([
    violation(
      `role trust statement "GitHubActions" admits ${AUD} "https://github.com/example-org"`,
    ),
  ]);
});

test("a missing subject check is reported", async () => {
  expect(
    await check(trusting(conditioned({ StringEquals: { [AUD]: "sts.amazonaws.com" } }))),
  ).toEqual([violation(`role trust statement "GitHubActions" does not check ${SUB}`)]);
  const empty = { StringEquals: { [AUD]: "sts.amazonaws.com", [SUB]: [] } };
  expect(await check(trusting(conditioned(empty)))).toEqual([
    violation(`role trust statement "GitHubActions" does not check ${SUB}`),
  ]);
});

test("a subject with a wildcard is reported, even under StringEquals", async () => {
  for (const wildcard of [
    "repo:example-org/*:environment:production",
    "repo:example-org/soc2-pipeline-blueprint:environment:prod?ction",
  ]) {
    expect(await check(trusting(gitHubTrust([wildcard])))).toEqual([
      violation(
        `role trust statement "GitHubActions" admits ${SUB} ${JSON.stringify(wildcard)}, not exact`,
      ),
    ]);
  }
});

test.each([
  "StringLike",
  "ForAnyValue:StringLike",
  "StringEqualsIgnoreCase",
  "StringEqualsIfExists",
])("a subject checked with %s is reported", async (operator) => {
  const condition = {
    StringEquals: { [AUD]: "sts.amazonaws.com" },
    [operator]: { [SUB]: DEPLOY_SUBJECTS },
  };
  expect(await check(trusting(conditioned(condition)))).toEqual([
    violation(
      `role trust statement "GitHubActions" checks ${SUB} with ${operator}; only StringEquals is allowed`,
    ),
  ]);
});

test("an audience checked with StringLike is reported", async () => {
  const condition = {
    StringLike: { [AUD]: "sts.amazonaws.com" },
    StringEquals: { [SUB]: DEPLOY_SUBJECTS },
  };
  expect(await check(trusting(conditioned(condition)))).toEqual([
    violation(
      `role trust statement "GitHubActions" checks ${AUD} with StringLike; only StringEquals is allowed`,
    ),
  ]);
});

test("a statement without a Sid is named by its index; every GitHub statement is judged", async () => {
  const unconditioned = gitHubTrust(DEPLOY_SUBJECTS, { Sid: undefined, Condition: undefined });
  expect(await check(trusting(gitHubTrust(DEPLOY_SUBJECTS), unconditioned))).toEqual([
    violation(`role trust statement 1 does not check ${AUD}`),
    violation(`role trust statement 1 does not check ${SUB}`),
  ]);
});

test("any action pattern that grants web identity federation counts, NotAction too", async () => {
  const unchecked = [
    violation(`role trust statement "GitHubActions" does not check ${AUD}`),
    violation(`role trust statement "GitHubActions" does not check ${SUB}`),
  ];
  for (const Action of ["sts:*", "*", ["sts:TagSession", "sts:AssumeRoleWith*"]]) {
    expect(await check(trusting({ ...conditioned(undefined), Action }))).toEqual(unchecked);
  }
  const allBut = { ...conditioned(undefined), Action: undefined, NotAction: "sts:AssumeRole" };
  expect(await check(trusting(allBut))).toEqual(unchecked);
});

test("condition keys match whatever their case, as in IAM", async () => {
  const condition = {
    StringEquals: {
      "Token.Actions.GitHubUserContent.com:aud": "sts.amazonaws.com",
      "token.actions.githubusercontent.com:SUB": DEPLOY_SUBJECTS,
    },
  };
  expect(await check(trusting(conditioned(condition)))).toEqual([]);
});

test("an unreadable trust policy is reported", async () => {
  expect(
    await check(identityRole("deployment-deploy-role", { assumeRolePolicy: "{oops" })),
  ).toEqual([violation("role has an unreadable assumeRolePolicy")]);
});

const cannotRun = (path: string) => [
  NAME,
  "advisory",
  "",
  `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
];

test("an unknown trust policy cannot pass: the SDK's advisory", async () => {
  expect(
    await check(identityRole("deployment-deploy-role", { assumeRolePolicy: UNKNOWN })),
  ).toEqual([cannotRun("assumeRolePolicy")]);
  // A document given as an object, its subjects the unknown output of another resource.
  const withUnknownSubject = { Version: "2012-10-17", Statement: [gitHubTrust(UNKNOWN)] };
  expect(
    await check(identityRole("deployment-deploy-role", { assumeRolePolicy: withUnknownSubject })),
  ).toEqual([
    cannotRun(
      "assumeRolePolicy.Statement.0.Condition.StringEquals.token.actions.githubusercontent.com:sub",
    ),
  ]);
});
