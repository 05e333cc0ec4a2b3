import { missingReviewedEnvironment } from "../../../../../../policy-pack/policies/aws/iam/role/missingReviewedEnvironment";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { GH } from "../../../../support/github";
import {
  deploymentIdentity,
  exampleStack,
  gitHubTrust,
  githubProvider,
  OWNER,
  REPO,
  repositoryProtection,
  subject,
  trustPolicy,
} from "../../../../support/identity";

const NAME = "aws-iam-role-missing-reviewed-environment";
const PRODUCTION = `is trusted for environment "production" of ${OWNER}/${REPO}`;
const ENVIRONMENT = `RepositoryEnvironment ${REPO}-environment`;

const check = async (fixtures: Fixture[]) =>
  rows(await analyzeStack([missingReviewedEnvironment], fixtures));
const violation = (text: string) => [
  NAME,
  "mandatory",
  "deployment-deploy-role",
  `Role deployment-deploy-role ${text}`,
];
/** The blueprint's environment with `changes`, and the identity. */
const withEnvironment = (environment: Record<string, unknown>) => [
  ...repositoryProtection({ environment }),
  ...deploymentIdentity(),
];
/** The blueprint's protections, and the deploy role trusting `subjects`. */
const deployTrusting = (...subjects: string[]) => [
  ...repositoryProtection(),
  ...deploymentIdentity({ deployRole: { assumeRolePolicy: trustPolicy(gitHubTrust(subjects)) } }),
];

test("the example stack passes: the deploy role answers to the reviewed production environment", async () => {
  expect(await check(exampleStack())).toEqual([]);
});

test("reviewers missing is reported", async () => {
  expect(await check(withEnvironment({ reviewers: undefined }))).toEqual([
    violation(`${PRODUCTION}, but ${ENVIRONMENT} has no required reviewers`),
  ]);
  expect(await check(withEnvironment({ reviewers: [{ teams: [], users: [] }] }))).toEqual([
    violation(`${PRODUCTION}, but ${ENVIRONMENT} has no required reviewers`),
  ]);
});

test("self-review allowed is reported", async () => {
  expect(await check(withEnvironment({ preventSelfReview: false }))).toEqual([
    violation(`${PRODUCTION}, but ${ENVIRONMENT} has preventSelfReview false, not true`),
  ]);
});

test("admin bypass on is reported", async () => {
  expect(await check(withEnvironment({ canAdminsBypass: true }))).toEqual([
    violation(`${PRODUCTION}, but ${ENVIRONMENT} has canAdminsBypass true, not false`),
  ]);
});

test("any-branch deployments are reported", async () => {
  expect(await check(withEnvironment({ deploymentBranchPolicy: undefined }))).toEqual([
    violation(`${PRODUCTION}, but ${ENVIRONMENT} has deploymentBranchPolicy unset`),
  ]);
  const custom = { protectedBranches: false, customBranchPolicies: true };
  expect(await check(withEnvironment({ deploymentBranchPolicy: custom }))).toEqual([
    violation(
      `${PRODUCTION}, but ${ENVIRONMENT} has deploymentBranchPolicy.protectedBranches false, not true`,
    ),
    violation(
      `${PRODUCTION}, but ${ENVIRONMENT} has deploymentBranchPolicy.customBranchPolicies true, not false`,
    ),
  ]);
});

test("an environment the stack does not define is reported", async () => {
  expect(await check(deployTrusting(subject("environment:staging")))).toEqual([
    violation(
      `is trusted for environment "staging" of ${OWNER}/${REPO}, which this stack does not define`,
    ),
  ]);
  expect(await check(deploymentIdentity())).toEqual([
    violation(`${PRODUCTION}, which this stack does not define`),
  ]);
});

test("each environment a role is trusted for is judged, once whatever its case", async () => {
  const staging = `is trusted for environment "staging" of ${OWNER}/${REPO}`;
  expect(
    await check(
      deployTrusting(
        subject("environment:production"),
        subject("environment:staging"),
        subject("environment:Staging"),
      ),
    ),
  ).toEqual([violation(`${staging}, which this stack does not define`)]);
});

test("another repository's or another owner's environment does not count", async () => {
  expect(await check(withEnvironment({ repository: "payments-api" }))).toEqual([
    violation(`${PRODUCTION}, which this stack does not define`),
  ]);
  const otherOwner = [...repositoryProtection({ owner: "other-org" }), ...deploymentIdentity()];
  expect(await check(otherOwner)).toEqual([
    violation(`${PRODUCTION}, which this stack does not define`),
  ]);
});

test("both subject forms of one environment are judged once; names ignore case", async () => {
  const immutable = `repo:${OWNER}@1234567/${REPO}@89012345:environment:production`;
  expect(await check(deployTrusting(subject("environment:production"), immutable))).toEqual([]);
  expect(await check(deployTrusting(`repo:Example-Org/${REPO}:environment:Production`))).toEqual(
    [],
  );
  expect(
    await check([
      ...repositoryProtection({ environment: { canAdminsBypass: true } }),
      ...deploymentIdentity({
        deployRole: {
          assumeRolePolicy: trustPolicy(
            gitHubTrust([subject("environment:production"), immutable]),
          ),
        },
      }),
    ]),
  ).toEqual([violation(`${PRODUCTION}, but ${ENVIRONMENT} has canAdminsBypass true, not false`)]);
});

test("a wildcard that admits environment subjects is trusted for environment *", async () => {
  expect(await check(deployTrusting(subject("*")))).toEqual([
    violation(
      `is trusted for environment "*" of ${OWNER}/${REPO}, which this stack does not define`,
    ),
  ]);
  expect(await check(deployTrusting(subject("environment:prod*")))).toEqual([
    violation(
      `is trusted for environment "prod*" of ${OWNER}/${REPO}, which this stack does not define`,
    ),
  ]);
});

test("a statement that does not check the subject is reported", async () => {
  const trust = gitHubTrust(undefined, {
    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
  });
  const fixtures = [
    ...repositoryProtection(),
    ...deploymentIdentity({ deployRole: { assumeRolePolicy: trustPolicy(trust) } }),
  ];
  expect(await check(fixtures)).toEqual([
    violation(
      'trust statement "GitHubActions" admits every environment of every repository: it does ' +
        "not check token.actions.githubusercontent.com:sub",
    ),
  ]);
});

test("an environment of a github.Repository of the stack counts through its dependency", async () => {
  const [, environment] = repositoryProtection();
  const fixtures = [
    { type: GH.repository, name: REPO, props: { name: REPO }, provider: githubProvider() },
    {
      ...environment,
      props: { ...environment.props, repository: UNKNOWN },
      deps: { repository: [REPO] },
    },
    ...deploymentIdentity(),
  ];
  expect(await check(fixtures)).toEqual([]);
});

const cannotRun = (path: string) => [
  NAME,
  "advisory",
  "",
  `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
];

test("unknown values cannot pass: the SDK's advisory", async () => {
  expect(await check(withEnvironment({ environment: UNKNOWN }))).toEqual([
    cannotRun("environment"),
  ]);
  expect(await check(withEnvironment({ canAdminsBypass: UNKNOWN }))).toEqual([
    cannotRun("canAdminsBypass"),
  ]);
  expect(
    await check([
      ...repositoryProtection(),
      ...deploymentIdentity({ deployRole: { assumeRolePolicy: UNKNOWN } }),
    ]),
  ).toEqual([cannotRun("assumeRolePolicy")]);
});

test("a known gap is reported even beside an unknown value", async () => {
  expect(
    await check(withEnvironment({ canAdminsBypass: true, preventSelfReview: UNKNOWN })),
  ).toEqual([violation(`${PRODUCTION}, but ${ENVIRONMENT} has canAdminsBypass true, not false`)]);
});
