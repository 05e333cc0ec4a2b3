import { PROJECT } from "../../../infra/config";
import { EXAMPLE_CONFIG, resource, runBaseline, type ProgramRun } from "../../support/baseline";

const T = {
  protection: "soc2:github:OrganizationProtection",
  ruleset: "github:index/organizationRuleset:OrganizationRuleset",
  actions: "github:index/actionsOrganizationPermissions:ActionsOrganizationPermissions",
  workflow:
    "github:index/actionsOrganizationWorkflowPermissions:ActionsOrganizationWorkflowPermissions",
};

let run: ProgramRun;
beforeAll(async () => {
  run = await runBaseline(EXAMPLE_CONFIG);
});

test("an organization owner gets exactly the three organization-level protections", () => {
  const component = resource(run, T.protection, "example-org");
  expect(
    run.resources
      .filter((r) => r.parent === component.urn)
      .map((r) => `${r.type} ${r.name}`)
      .sort(),
  ).toEqual(
    [
      `${T.ruleset} example-org-default-branch`,
      `${T.actions} example-org-actions`,
      `${T.workflow} example-org-workflow-token`,
    ].sort(),
  );
});

test("the organization ruleset covers the default branch of every managed repository", () => {
  expect(resource(run, T.ruleset, "example-org-default-branch").inputs).toMatchObject({
    name: "soc2-managed-default-branches",
    target: "branch",
    enforcement: "active",
    conditions: {
      refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] },
      repositoryName: {
        includes: ["soc2-pipeline-blueprint", "payments-api", "web-storefront"],
        excludes: [],
      },
    },
    bypassActors: [],
    rules: {
      deletion: true,
      nonFastForward: true,
      pullRequest: { requiredApprovingReviewCount: 2, requireCodeOwnerReview: true },
      requiredStatusChecks: { strictRequiredStatusChecksPolicy: true },
    },
  });
});

test("organization Actions run only selected, pinned actions with a read-only token", () => {
  expect(resource(run, T.actions, "example-org-actions").inputs).toEqual({
    enabledRepositories: "all",
    allowedActions: "selected",
    allowedActionsConfig: {
      githubOwnedAllowed: true,
      verifiedAllowed: true,
      patternsAlloweds: ["pulumi/actions@*", "aws-actions/configure-aws-credentials@*"],
    },
    shaPinningRequired: true,
  });
  expect(resource(run, T.workflow, "example-org-workflow-token").inputs).toEqual({
    organizationSlug: "example-org",
    defaultWorkflowPermissions: "read",
    canApprovePullRequestReviews: false,
  });
});

test("a personal account gets the repository protections only", async () => {
  const personal = await runBaseline({
    ...EXAMPLE_CONFIG,
    [`${PROJECT}:githubOwner`]: "jane-doe",
    [`${PROJECT}:githubOwnerType`]: "user",
    [`${PROJECT}:github`]: JSON.stringify({
      ...(JSON.parse(EXAMPLE_CONFIG[`${PROJECT}:github`]) as object),
      environmentReviewers: { teams: [], users: [1001] },
      codeOwners: ["@jane-doe"],
    }),
    [`${PROJECT}:runners`]: JSON.stringify({ enabled: false }),
  });
  expect(personal.error).toBeUndefined();
  expect(
    personal.resources.filter((r) => r.type.startsWith("soc2:github:")).map((r) => r.type),
  ).toEqual([
    "soc2:github:RepositoryProtection",
    "soc2:github:RepositoryProtection",
    "soc2:github:RepositoryProtection",
    "soc2:github:DeploymentVariables",
  ]);
});
