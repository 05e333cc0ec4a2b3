import { disallowUnmanagedOidcSubjects } from "../../../../../../policy-pack/policies/aws/iam/role/disallowUnmanagedOidcSubjects";
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
  tamperAlarms,
  trustPolicy,
} from "../../../../support/identity";

const NAME = "aws-iam-role-disallow-unmanaged-oidc-subjects";

const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([disallowUnmanagedOidcSubjects], fixtures, config));
const violation = (role: string, text: string) => [NAME, "mandatory", role, text];
const unmanaged = (subject: string) =>
  violation(
    "deployment-deploy-role",
    `Role deployment-deploy-role trusts ${JSON.stringify(subject)}, which names no repository ` +
      "this stack manages",
  );
/** What the example's roles trust when the blueprint repository is not managed here. */
const EVERY_SUBJECT = [
  violation(
    "deployment-preview-role",
    `Role deployment-preview-role trusts "repo:${OWNER}/${REPO}:pull_request", which names no ` +
      "repository this stack manages",
  ),
  violation(
    "deployment-preview-role",
    `Role deployment-preview-role trusts "repo:${OWNER}/${REPO}:ref:refs/heads/main", which ` +
      "names no repository this stack manages",
  ),
  unmanaged(`repo:${OWNER}/${REPO}:environment:production`),
];
/** The example stack, its deploy role trusting `subjects`. */
const deployTrusting = (...subjects: string[]) => [
  ...repositoryProtection(),
  ...deploymentIdentity({
    deployRole: { assumeRolePolicy: trustPolicy(gitHubTrust(subjects)) },
  }),
];

test("the example stack passes: its roles trust the blueprint repository it protects", async () => {
  expect(await check(exampleStack())).toEqual([]);
});

test("the immutable form counts by its OWNER/REPO part", async () => {
  const immutable = `repo:${OWNER}@1234567/${REPO}@89012345:environment:production`;
  expect(await check(deployTrusting(immutable))).toEqual([]);
  const other = `repo:${OWNER}@1234567/payments-api@89012346:environment:production`;
  expect(await check(deployTrusting(immutable, other))).toEqual([unmanaged(other)]);
});

test("another repository, another owner or a fork is reported", async () => {
  for (const subject of [
    `repo:${OWNER}/payments-api:environment:production`,
    `repo:someone-else/${REPO}:environment:production`,
    `repo:attacker/${REPO}:pull_request`,
  ]) {
    expect(await check(deployTrusting(subject))).toEqual([unmanaged(subject)]);
  }
});

test("names compare as GitHub compares them, without regard to case", async () => {
  expect(
    await check(deployTrusting(`repo:Example-Org/SOC2-Pipeline-Blueprint:pull_request`)),
  ).toEqual([]);
});

test("a wildcard repository or a subject of another form names none", async () => {
  for (const subject of [`repo:${OWNER}/*:pull_request`, "*", `repository_owner:${OWNER}`]) {
    expect(await check(deployTrusting(subject))).toEqual([unmanaged(subject)]);
  }
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
      "deployment-deploy-role",
      'Role deployment-deploy-role trust statement "GitHubActions" admits every repository: it ' +
        "does not check token.actions.githubusercontent.com:sub",
    ),
  ]);
});

test("subjects under StringLike are judged too", async () => {
  const subject = `repo:${OWNER}/payments-api:*`;
  const trust = gitHubTrust(undefined, {
    Condition: { StringLike: { "token.actions.githubusercontent.com:sub": subject } },
  });
  const fixtures = [
    ...repositoryProtection(),
    ...deploymentIdentity({ deployRole: { assumeRolePolicy: trustPolicy(trust) } }),
  ];
  expect(await check(fixtures)).toEqual([unmanaged(subject)]);
});

test("a repository protected under another owner is not the subject's", async () => {
  const fixtures = [...repositoryProtection({ owner: "other-org" }), ...deploymentIdentity()];
  expect(await check(fixtures)).toEqual(EVERY_SUBJECT);
});

test("a stack that does not manage GitHub lists its repositories in managedRepositories", async () => {
  const fixtures = [...deploymentIdentity(), ...tamperAlarms()];
  expect(await check(fixtures)).toEqual(EVERY_SUBJECT);
  expect(await check(fixtures, { [NAME]: { managedRepositories: [`${OWNER}/${REPO}`] } })).toEqual(
    [],
  );
});

const repository = (props: Record<string, unknown>, owner: unknown = OWNER): Fixture => ({
  type: GH.repository,
  name: REPO,
  props,
  provider: githubProvider(owner),
});

test("a github.Repository of the stack counts, under its provider's owner", async () => {
  expect(await check([repository({ name: REPO }), ...deploymentIdentity()])).toEqual([]);
  expect(await check([repository({ name: REPO }, "other-org"), ...deploymentIdentity()])).toEqual(
    EVERY_SUBJECT,
  );
});

test("a provider that states no owner matches any", async () => {
  const fixtures = [
    { ...repository({ name: REPO }), provider: undefined },
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

test("an unknown repository name or owner cannot pass: the SDK's advisory", async () => {
  expect(await check([repository({ name: UNKNOWN }), ...deploymentIdentity()])).toEqual([
    cannotRun("name"),
  ]);
  expect(await check([repository({ name: REPO }, UNKNOWN), ...deploymentIdentity()])).toEqual([
    cannotRun("owner"),
  ]);
});

test("an unknown trust policy cannot pass: the SDK's advisory", async () => {
  const fixtures = [
    ...repositoryProtection(),
    ...deploymentIdentity({ deployRole: { assumeRolePolicy: UNKNOWN } }),
  ];
  expect(await check(fixtures)).toEqual([cannotRun("assumeRolePolicy")]);
});
